"""The ``marsad`` command: a thin layer over the library; only this module prints.

Exit codes: 0 all ok, 1 some documents failed, 2 usage or configuration error. A MarsadError is
printed as ``E###: message`` on standard error.
"""
from __future__ import annotations

import importlib
import json
import sys
import tempfile
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Callable, Iterator, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from typer.core import TyperGroup

from . import __version__
from .config import Config, settings_markdown
from .errors import ConfigError, MarsadError

out = Console(soft_wrap=False)
err = Console(stderr=True, soft_wrap=True)  # messages and paths never wrapped


class _DefaultCommandGroup(TyperGroup):
    """A group whose first subcommand runs when the first argument names none (``marsad eval DIR``)."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = [next(iter(self.commands)), *args]
        return super().parse_args(ctx, args)


app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_show_locals=False,
                  help="Marsad: claims and events from Arabic and English conflict reporting.")
eval_app = typer.Typer(cls=_DefaultCommandGroup, rich_markup_mode=None,
                       help="Score the extraction on a gold set (marsad eval [GOLD_DIR]), or the names "
                            "model (marsad eval ner).")
train_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Train a model.")
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")


class State:
    db: Optional[str] = None
    config_path: Optional[Path] = None

    def config(self, **overrides) -> Config:
        values = {"store.db": self.db} if self.db else {}
        values.update(overrides)
        return Config.load(self.config_path, values)


state = State()


def _version(value: bool) -> None:
    if value:
        out.print(f"marsad {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Optional[str] = typer.Option(None, "--db", help="Database: a SQLite file or a SQLAlchemy URL "
                                     "(default: marsad.db in the user's data directory)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Settings file (default: $MARSAD_CONFIG, "
                                          "./marsad.toml, then the user's config directory; see marsad settings)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    state.db = db
    state.config_path = config


def _fail(e: MarsadError) -> None:
    err.print(escape(str(e)), style="red")
    raise typer.Exit(e.exit_code)


@contextmanager
def _progress(description: str, total: int | None = None) -> Iterator[Callable[[int, str], None]]:
    """A progress bar on standard error (only on a terminal); yields ``progress(advance, item)``."""
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("[dim]{task.fields[item]}")]
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task(description, total=total, item="")
        yield lambda n, item: bar.update(task, advance=n, item=escape(str(item)[-50:]))


def _check_date(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; give it as YYYY-MM-DD, e.g. 2024-12-07",
                                 param_hint="--published")


def _print_failures(failures) -> None:
    for f in failures:
        where = f"{f.source}:{f.line}" if f.line else f.source
        stage = f" (stage {f.stage})" if getattr(f, "stage", None) else ""
        err.print(escape(f"{f.code}: {where}: {f.message}{stage}"), style="red")


@app.command()
def extract(
    path: Path = typer.Argument(..., help="A UTF-8 text file: the title on the first line, then the body."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date, YYYY-MM-DD (anchors "
                                            "relative dates such as 'Saturday' or 'أمس')."),
    fmt: str = typer.Option("json", "--format", help="json (the evaluation contract) or table."),
) -> None:
    """Extract claims, events, places and contradictions from one text file."""
    from .api import extract_file
    from .output import to_contract
    from .render import render_result

    published = _check_date(published)
    if fmt not in ("json", "table"):
        raise typer.BadParameter(f"{fmt!r}: use json or table", param_hint="--format")
    try:
        data = to_contract(extract_file(path, published, config=state.config()))
    except MarsadError as e:
        _fail(e)
    if fmt == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    else:
        render_result(data, out)


@app.command()
def ingest(paths: list[str] = typer.Argument(..., help="Files, directories or feed URLs.")) -> None:
    """Store documents (text, HTML, RSS/Atom, Telegram export, X archive, JSONL) once each."""
    from .ingest import ingest as ingest_paths
    from .store import open_store

    try:
        config = state.config()
        with open_store(config.db) as store, _progress("ingest") as progress:
            report = ingest_paths(paths, store, config, progress)
    except MarsadError as e:
        _fail(e)
    out.print(f"{report.added} added, {report.new_versions} new versions, {report.duplicates} already stored, "
              f"{len(report.failures)} failed", soft_wrap=True)
    _print_failures(report.failures)
    if report.failures:
        raise typer.Exit(1)


@app.command()
def run() -> None:
    """Process the stored documents the current pipeline version has not processed yet."""
    from .runner import run_pending
    from .store import open_store

    try:
        config = state.config()
        with open_store(config.db) as store, _progress("run") as progress:
            report = run_pending(store, config, progress)
    except MarsadError as e:
        _fail(e)
    out.print(f"run {report.run_id}: {report.processed} processed, {len(report.failures)} failed", soft_wrap=True)
    _print_failures(report.failures)
    if report.failures:
        raise typer.Exit(1)


@app.command()
def export(
    fmt: str = typer.Option("jsonl", "--format", help="jsonl: one line per processed document."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write (default: standard output)."),
) -> None:
    """Export processed documents from the store."""
    from .export import export_jsonl
    from .store import open_store

    if fmt != "jsonl":
        raise typer.BadParameter(f"{fmt!r}: only jsonl for now", param_hint="--format")
    try:
        with open_store(state.config().db) as store:
            if output:
                with output.open("w", encoding="utf-8") as f:
                    n = export_jsonl(store, f)
                err.print(f"{n} documents written to {escape(str(output))}")
            else:
                export_jsonl(store, sys.stdout)
    except OSError as e:
        _fail(ConfigError(f"cannot write {output}: {e.strerror}"))
    except MarsadError as e:
        _fail(e)


@app.command()
def demo() -> None:
    """Run the main job (ingest, run, show) on the sample reports shipped with Marsad."""
    from .ingest import ingest as ingest_paths
    from .render import render_result
    from .runner import run_pending
    from .samples import sample_paths
    from .store import open_store

    paths = [str(p) for p in sample_paths()]
    with tempfile.TemporaryDirectory() as tmp:
        db = state.db or str(Path(tmp) / "demo.db")
        try:
            config = state.config(**{"store.db": db})
            with open_store(db) as store:
                with _progress("ingest") as progress:
                    report = ingest_paths(paths, store, config, progress)
                with _progress("run") as progress:
                    run_report = run_pending(store, config, progress, command="demo")
                out.rule("[bold]Marsad demo")
                out.print(f"{len(paths)} sample files, {report.documents} documents stored "
                          f"({report.added} new) in {escape(db if state.db else 'a temporary database')}; "
                          f"{run_report.processed} processed now.\n", soft_wrap=True)
                results = sorted(store.results(), key=lambda r: r["document"]["key"] or "")
                for data in results:
                    render_result(data, out)
        except MarsadError as e:
            _fail(e)
    _print_failures(report.failures + run_report.failures)
    out.rule()
    claims = [c for r in results for c in r["claims"]]
    events = [e for r in results for e in r["events"]]
    out.print(f"In all: {len(claims)} claims ({sum(c['stance'] == 'deny' for c in claims)} denials), "
              f"{len(events)} events ({sum(bool(e['contested']) for e in events)} contested), "
              f"{sum(len(r['contradictions']) for r in results)} contradictions and inconsistencies.",
              soft_wrap=True)
    out.print("Go on with your own texts:\n"
              "  marsad extract your-article.txt --published 2025-01-31 --format table\n"
              "  marsad extract your-article.txt --format json     (the JSON record)\n"
              "  marsad ingest DIR_OR_FEED ... ; marsad run ; marsad export -o records.jsonl",
              markup=False, soft_wrap=True)
    if report.failures or run_report.failures:
        raise typer.Exit(1)


@eval_app.command("gold")
def eval_gold(
    gold: Optional[Path] = typer.Argument(None, metavar="GOLD_DIR",
                                         help="Gold directory (default: ../shared/eval/dev)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Score only the ar or en articles."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Extract every article of a gold directory and score it with that directory's ../score.py."""
    from .evaluation import default_gold_dir, evaluate_dir
    from .render import render_scores

    if lang not in (None, "ar", "en"):
        raise typer.BadParameter(f"{lang!r}: use ar or en", param_hint="--lang")
    try:
        gold = gold or default_gold_dir()
        with _progress("extract") as progress:
            scores = evaluate_dir(gold, lang, state.config(), progress)
    except MarsadError as e:
        _fail(e)
    if as_json:
        sys.stdout.write(json.dumps(scores) + "\n")
    else:
        render_scores(scores, out, title=f"{gold} ({lang or 'all'})")


def _ner():
    try:
        return importlib.import_module("marsad.ner")
    except ModuleNotFoundError as e:
        if e.name != "marsad.ner":
            raise
        _fail(ConfigError("the names model (marsad.ner) is not part of this installation"))


def _shared_file(given: Optional[Path], *parts: str, option: str) -> Path:
    from .evaluation import shared_dir

    path = given or shared_dir().joinpath(*parts)
    if not path.exists():
        _fail(ConfigError(f"{path} not found; give it with {option}"))
    return path


@eval_app.command("ner")
def eval_ner(
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="ANERcorp file (default: "
                                          "../shared/data/ner/ANERCorp.txt); with --lang en, a CoNLL file "
                                          "(blank lines between sentences), e.g. tests/cases/ner_en.conll."),
    model: Optional[Path] = typer.Option(None, "--model", help="Model file (default: the one shipped)."),
    lang: str = typer.Option("ar", "--lang", help="ar: the Arabic names model on ANERcorp's last sixth; en: "
                             "the English names recogniser on --corpus."),
) -> None:
    """Score the names model on the last sixth of ANERcorp, or the English recogniser on a CoNLL file
    (--lang en); prints JSON (f1, precision, recall in %, per_type)."""
    if lang not in ("ar", "en"):
        raise typer.BadParameter(f"{lang!r}: use ar or en", param_hint="--lang")
    if lang == "en" and (corpus is None or model is not None):
        raise typer.BadParameter("the English recogniser takes --corpus FILE (a CoNLL file) and no --model",
                                 param_hint="--lang en")
    ner = _ner()
    if lang == "ar":
        corpus = _shared_file(corpus, "data", "ner", "ANERCorp.txt", option="--corpus")
    elif not corpus.is_file():
        _fail(ConfigError(f"{corpus} not found; give a CoNLL file with --corpus"))
    try:
        scores = ner.evaluate(corpus, model) if lang == "ar" else ner.english.evaluate(corpus)
    except MarsadError as e:
        _fail(e)
    sys.stdout.write(json.dumps(scores, ensure_ascii=False) + "\n")


@train_app.command("ner")
def train_ner(
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="ANERcorp file (default: "
                                          "../shared/data/ner/ANERCorp.txt)."),
    aqmar: Optional[Path] = typer.Option(None, "--aqmar", help="AQMAR directory to add to the training data."),
    out_path: Optional[Path] = typer.Option(None, "--out", help="Model file to write (default: the one "
                                            "shipped in the package)."),
) -> None:
    """Train the names model on the first five sixths of ANERcorp (and AQMAR when given)."""
    ner = _ner()
    corpus = _shared_file(corpus, "data", "ner", "ANERCorp.txt", option="--corpus")
    if aqmar is not None and not aqmar.is_dir():
        _fail(ConfigError(f"{aqmar} is not a directory; --aqmar takes the AQMAR folder"))
    out_path = out_path or getattr(ner, "DEFAULT_MODEL", None)
    if out_path is None:
        _fail(ConfigError("give the model file to write with --out"))
    try:
        with _progress("train ner") as progress:
            report = ner.train(corpus, Path(out_path), aqmar_dir=aqmar, progress=progress)
    except MarsadError as e:
        _fail(e)
    sys.stdout.write(json.dumps(report, ensure_ascii=False, default=str) + "\n")


gazetteer_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Manage gazetteers.")
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("import")
def gazetteer_import(
    path: Path = typer.Argument(..., help="A Who's On First bundle (.tar.gz of GeoJSON records) or a GeoNames "
                                "dump (SY.txt or SY.zip from download.geonames.org/export/dump/)."),
    alternate_names: Optional[Path] = typer.Argument(None, help="With a GeoNames dump: its alternate names "
                                                     "file (alternatenames/SY.zip or SY.txt), for Arabic and "
                                                     "English names tagged by language."),
    target_db: Optional[Path] = typer.Option(None, "--out", help="Gazetteer database to write (default: "
                                       "gazetteer.db in the user's data directory)."),
) -> None:
    """Import a full gazetteer beside what the database holds (re-importing a file replaces its rows);
    then set gazetteer.path in marsad.toml to use it."""
    from .config import default_gazetteer_path
    from .gazetteer import import_path, summary

    for given, hint in ((path, "PATH"), (alternate_names, "ALTERNATE_NAMES")):
        if given is not None and not given.is_file():
            raise typer.BadParameter(f"{given} is not a file", param_hint=hint)
    target = target_db or default_gazetteer_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        counts = import_path(path, target, alternate_names)
    except MarsadError as e:  # not a gazetteer file, or not a database to write to
        err.print(escape(str(e)), style="red")
        raise typer.Exit(2)
    except (OSError, ValueError) as e:
        err.print(escape(f"E103: {path}: cannot import: {e}"), style="red")
        raise typer.Exit(1)
    for line in summary(counts):
        out.print(escape(line), soft_wrap=True)
    out.print(escape(f"-> {target}"), soft_wrap=True)
    out.print(escape(f'Use it: add [gazetteer]\npath = "{target}"\nto marsad.toml'), soft_wrap=True)


@app.command()
def settings() -> None:
    """Print the settings reference (every setting of marsad.toml, with its default)."""
    sys.stdout.write(settings_markdown())


def main() -> None:
    try:
        app()
    except ConfigError as e:  # raised before a command catches it (a bad settings file)
        err.print(escape(str(e)), style="red")
        sys.exit(2)


if __name__ == "__main__":
    main()
