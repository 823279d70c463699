/* crossfact: article tabs and click-to-highlight. The page reads fine without it. */
(function () {
  "use strict";
  var reader = document.getElementById("reader") || document.body;
  var articles = reader.querySelectorAll("article.article");
  var tabs = reader.querySelectorAll("button.tab");
  var bar = reader.querySelector(".tabs");
  if (bar && articles.length > 1) bar.hidden = false;

  function show(key) {
    if (articles.length < 2) return;
    for (var i = 0; i < articles.length; i++) articles[i].hidden = articles[i].getAttribute("data-key") !== key;
    for (var j = 0; j < tabs.length; j++) tabs[j].setAttribute("aria-selected", String(tabs[j].getAttribute("data-key") === key));
  }

  function highlight(id) {
    var el = document.getElementById(id);
    if (!el || !el.classList.contains("s")) return false;
    var art = el.closest("article.article");
    if (art) show(art.getAttribute("data-key"));
    var old = document.querySelectorAll(".s.hl");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("hl");
    el.classList.add("hl");
    el.scrollIntoView({ block: "center" });
    return true;
  }

  document.addEventListener("click", function (ev) {
    var link = ev.target.closest ? ev.target.closest("a.cite") : null;
    if (link) {
      var href = link.getAttribute("href") || "";
      var hash = href.indexOf("#");
      var samePage = hash === 0 || href.slice(0, hash) === location.pathname;
      if (hash >= 0 && samePage && highlight(href.slice(hash + 1))) {
        ev.preventDefault();
        if (history.replaceState) history.replaceState(null, "", href.slice(hash));
      }
      return;
    }
    var tab = ev.target.closest ? ev.target.closest("button.tab") : null;
    if (tab) show(tab.getAttribute("data-key"));
  });

  var start = location.hash.slice(1);
  var marked = document.querySelector(".s.hl");
  if (start && highlight(start)) return;
  if (marked) { highlight(marked.id); return; }
  if (articles.length) show(articles[0].getAttribute("data-key"));
})();
