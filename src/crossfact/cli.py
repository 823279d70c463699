"""The ``crossfact`` command: parse options, call one library function, print.

Exit status: 0 when all went well, 1 when some inputs failed (each named on stderr as
"crossfact: skipped PATH: reason") or the store could not be used, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO

from crossfact import __version__
from crossfact.config import Config
from crossfact.errors import CrossfactError, StoreError
from crossfact.model import Article, ArticleDoc, Report, Skipped

log = logging.getLogger("crossfact.cli")

PROG = "crossfact"
DEFAULT_DB = "crossfact.db"
FORMATS = ("md", "json", "html")


class UsageError(CrossfactError):
    """A wrong command line that argparse cannot see (exit status 2)."""


# --------------------------------------------------------------------------------------------------
# the parser
# --------------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; global options are accepted before or after the subcommand."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="What news sources agree on, where they differ, and who said what.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _global_options(parser, argparse.SUPPRESS)
    parser.set_defaults(db=DEFAULT_DB, verbose=0)
    # the same options after the subcommand; SUPPRESS keeps them from overriding ones given before it
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, argparse.SUPPRESS)

    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "ingest",
        parents=[common],
        help="read and analyse articles into the database, and group them into stories",
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, folders (recursive), http(s) URLs or - for stdin"
    )
    p.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="run reading and the per-article NLP on this Dask scheduler's workers (see docs/scaling.md)",
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "cluster",
        parents=[common],
        help="group articles into stories (no NLP, nothing stored)",
        description="Read PATHs and print the stories they form; the database is not used.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, http(s) URLs or -")
    p.add_argument("--format", "-f", choices=("md", "json"), default="md", help="output format (default: md)")
    p.set_defaults(func=cmd_cluster)

    p = sub.add_parser("stories", parents=[common], help="list the stories in the database")
    p.set_defaults(func=cmd_stories)

    p = sub.add_parser(
        "analyze",
        parents=[common],
        help="analyse articles as one story and print the report",
        description="Analyse PATHs (or, with none, every article in the database) as one story.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, folders or -; none: the database")
    p.add_argument("--format", "-f", choices=FORMATS, default="md", help="report format (default: md)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    p.add_argument("--no-store", action="store_true", help="do not save the articles in the database")
    p.add_argument(
        "--story", metavar="ID", help="analyse this stored story (ids: `crossfact stories`) instead"
    )
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("articles", parents=[common], help="list the articles in the database")
    p.set_defaults(func=cmd_articles)

    p = sub.add_parser(
        "search",
        parents=[common],
        help="full-text search over stored sentences",
        description='Search stored sentences (words, "a phrase", AND, OR, NOT, prefix*; accents ignored).',
    )
    p.add_argument("query", metavar="QUERY")
    p.add_argument(
        "--limit", "-n", type=_positive_int, default=20, help="at most this many hits (default 20)"
    )
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("serve", parents=[common], help="browse the database in a local web app")
    p.add_argument(
        "--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1, this machine only)"
    )
    p.add_argument("--port", type=_positive_int, default=8765, help="port (default 8765)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("eval", parents=[common], help="score a JSON report against a gold annotation")
    p.add_argument("report", metavar="REPORT.json")
    p.add_argument("gold", metavar="GOLD.json")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.set_defaults(func=cmd_eval)
    return parser


def _global_options(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument(
        "--db", metavar="PATH", default=default, help=f"the SQLite database (default {DEFAULT_DB})"
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=default, help="more log output on stderr (-vv: debug)"
    )


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


# --------------------------------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: sys.argv[1:]) and return the exit status."""
    # nothing is ever fetched: the models ship inside installed packages
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # the model-loading bars of transformers are noise on stderr; ours is the only bar
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return int(exc.code or 0)
    _configure_logging(args.verbose)
    try:
        return int(args.func(args))
    except UsageError as exc:
        _error(str(exc))
        return 2
    except (CrossfactError, OSError) as exc:
        _error(str(exc))
        return 1
    except KeyboardInterrupt:
        _error("interrupted")
        return 130


def _configure_logging(verbose: int) -> None:
    level = logging.WARNING if verbose <= 0 else logging.INFO if verbose == 1 else logging.DEBUG
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_crossfact", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler._crossfact = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    # third-party libraries stay quiet unless debugging
    for name in ("sentence_transformers", "transformers", "urllib3", "filelock", "httpx", "trafilatura"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose >= 2 else logging.WARNING)
    if verbose < 2:
        # trafilatura warns "discarding data" for each page without article text; the skip line says it
        logging.getLogger("trafilatura").setLevel(logging.ERROR)


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _report_skipped(skipped: Sequence[Skipped]) -> None:
    for s in skipped:
        print(f"{PROG}: skipped {s.source}: {s.reason}", file=sys.stderr)


class _Progress:
    """A tqdm bar on stderr when it is a terminal; otherwise nothing."""

    def __init__(self, stack: ExitStack) -> None:
        self.bar: Any = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = stack.enter_context(tqdm(file=sys.stderr, unit=" articles", desc=PROG, leave=False))

    def callback(self) -> Callable[[ArticleDoc], None] | None:
        if self.bar is None:
            return None
        bar = self.bar
        return lambda doc: bar.update(1)


def _open_existing_store(db: str) -> Any:
    """The database for a read-only command; an error when it does not exist (it is never created)."""
    from crossfact.store import Store

    if not Path(db).exists():
        raise StoreError(f"database {db} does not exist; add articles with `{PROG} --db {db} ingest PATH...`")
    return Store(db)


# --------------------------------------------------------------------------------------------------
# commands
# --------------------------------------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace) -> int:
    """``crossfact ingest PATH...``: store every article; one summary line on stdout."""
    from crossfact.pipeline import ingest, ingest_distributed
    from crossfact.store import Store

    with ExitStack() as stack:
        store = stack.enter_context(Store(args.db))
        if args.scheduler:
            try:
                result = ingest_distributed(args.paths, Config(), store, args.scheduler)
            except (OSError, TimeoutError) as exc:
                raise CrossfactError(f"cannot use the Dask scheduler {args.scheduler}: {exc}") from exc
        else:
            progress = _Progress(stack)
            result = ingest(args.paths, Config(), store, progress=progress.callback())
    _report_skipped(result.skipped)
    print(result.summary())
    if result.total == 0 and not result.skipped:
        _error(f"no articles found in {', '.join(args.paths)}")
        return 1
    return 1 if result.skipped else 0


def _renderer(fmt: str) -> Callable[[Report], str]:
    """The function rendering ``fmt``; a clear error when that renderer is not available."""
    if fmt == "json":
        from crossfact.render.jsonfmt import to_json

        return to_json
    module = {"md": "markdown", "html": "html"}[fmt]
    try:
        if fmt == "md":
            from crossfact.render.markdown import to_markdown

            return to_markdown
        from crossfact.render.html import to_html

        return to_html
    except ImportError as exc:
        raise CrossfactError(
            f"the {fmt} format is not available (crossfact.render.{module} cannot be imported: {exc}); "
            "use --format json"
        ) from exc


def cmd_analyze(args: argparse.Namespace) -> int:
    """``crossfact analyze [PATH...]``: analyse as one story, print or write the report."""
    from crossfact.pipeline import analyze_store, analyze_story, run
    from crossfact.store import Store

    if args.story is not None and (args.paths or args.no_store):
        raise UsageError("analyze: --story reads the database; give no PATH and no --no-store with it")
    render = _renderer(args.format)  # fail before the slow part
    config = Config()
    with ExitStack() as stack:
        if args.story is not None:
            if not Path(args.db).exists():
                raise UsageError(f"analyze: database {args.db} does not exist")
            store = stack.enter_context(_open_existing_store(args.db))
            try:
                report = analyze_story(store, args.story, config)
            except KeyError:
                raise UsageError(
                    f"analyze: no story {args.story!r} in {args.db}; list them with `{PROG} stories`"
                ) from None
        elif args.paths:
            store = None if args.no_store else stack.enter_context(Store(args.db))
            progress = _Progress(stack)
            report = run(args.paths, config, store=store, progress=progress.callback())
        else:
            if args.no_store:
                raise UsageError(
                    "analyze: give PATHs to analyse, or leave out --no-store to analyse the database"
                )
            if not Path(args.db).exists():
                raise UsageError(f"analyze: no PATH given and database {args.db} does not exist")
            store = stack.enter_context(_open_existing_store(args.db))
            if len(store) == 0:
                raise StoreError(f"database {args.db} holds no articles; give PATHs to analyse")
            report = analyze_store(store, config)
    _report_skipped(report.skipped)
    if not report.docs:
        _error("no articles to analyse")
        return 1
    text = render(report)
    if args.output:
        write_atomic(Path(args.output), text)
        log.info("wrote %s", args.output)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 1 if report.skipped else 0


def cmd_cluster(args: argparse.Namespace) -> int:
    """``crossfact cluster PATH...``: the stories the articles form (ingest and clustering only)."""
    from crossfact.cluster import cluster_articles
    from crossfact.ingest import read_inputs

    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in read_inputs(args.paths, Config()):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            articles.append(item)
    _report_skipped(skipped)
    if not articles:
        _error(f"no articles found in {', '.join(args.paths)}")
        return 1
    groups = cluster_articles(articles)
    if args.format == "json":
        data = {"stories": [g.to_dict() for g in groups]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for g in groups:
            print(f"## {g.title or 'Untitled story'} ({g.id}, {len(g.articles)} articles)\n")
            print("".join(f"- {aid}\n" for aid in g.articles))
    return 1 if skipped else 0


def cmd_stories(args: argparse.Namespace) -> int:
    """``crossfact stories``: a table of the stored stories, largest first."""
    with _open_existing_store(args.db) as store:
        stories = store.stories()
    if not stories:
        print(
            f"no stories in {args.db}; `{PROG} ingest PATH...` groups articles into stories", file=sys.stderr
        )
    rows = [(sid, str(len(ids)), title or "-") for sid, title, ids in stories]
    print_table(("id", "articles", "title"), rows, sys.stdout)
    return 0


def cmd_articles(args: argparse.Namespace) -> int:
    """``crossfact articles``: a table of the stored articles."""
    with _open_existing_store(args.db) as store:
        articles = store.articles()
    rows = [(a.id, a.published or "-", a.outlet or "-", a.title or "-") for a in articles]
    print_table(("id", "published", "outlet", "title"), rows, sys.stdout)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """``crossfact search QUERY``: matching sentences, best first."""
    from crossfact.store import SearchQueryError

    with _open_existing_store(args.db) as store:
        try:
            hits = store.search(args.query, limit=args.limit)
        except SearchQueryError as exc:
            raise UsageError(str(exc)) from exc
    if not hits:
        print(f"no sentence matches {args.query!r}", file=sys.stderr)
    for h in hits:
        print(f"{h.article_id}#{h.sentence}\t{h.snippet}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """``crossfact serve``: the local web app over the database, until interrupted."""
    import crossfact.web

    print(f"{PROG}: serving {args.db} on http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    crossfact.web.serve(args.db, host=args.host, port=args.port, config=Config())
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """``crossfact eval REPORT.json GOLD.json``: scores of a report against a gold annotation."""
    from crossfact.evaluate import format_scores, score

    report = _read_json(args.report)
    gold = _read_json(args.gold)
    scores = score(report, gold)
    if args.json:
        print(json.dumps(scores, ensure_ascii=False, indent=2))
    else:
        print(format_scores(scores))
    return 0


def _read_json(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        raise CrossfactError(f"cannot read {path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CrossfactError(f"cannot read {path}: {exc}") from None
    if not isinstance(data, dict):
        raise CrossfactError(f"cannot read {path}: expected a JSON object, found {type(data).__name__}")
    return data


# --------------------------------------------------------------------------------------------------
# output helpers
# --------------------------------------------------------------------------------------------------


def print_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], out: TextIO, max_width: int = 60
) -> None:
    """Left-aligned columns separated by two spaces; cells longer than ``max_width`` are cut with "…"."""

    def cut(cell: str) -> str:
        cell = " ".join(cell.split())
        return cell if len(cell) <= max_width else cell[: max_width - 1] + "…"

    table = [[cut(c) for c in header]] + [[cut(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename, so readers never see half a file."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
