"""The ``marsad`` command: a thin layer over the library; only this module prints.

Exit codes: 0 all ok, 1 some documents failed, 2 usage or configuration error.
"""
from __future__ import annotations

import json
import sys
import tempfile
from contextlib import contextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .config import Config, settings_markdown
from .errors import ConfigError, MarsadError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Marsad: claims and events from Arabic and English conflict reporting.")
out = Console(soft_wrap=False)
err = Console(stderr=True)


class State:
    db: Optional[str] = None
    config_path: Optional[Path] = None

    def config(self, **overrides) -> Config:
        values = {"store.db": self.db} if self.db else {}
        values.update(overrides)
        return Config.load(self.config_path, values)


state = State()


@app.callback()
def main_options(
    db: Optional[str] = typer.Option(None, "--db", help="Database: a SQLite file or a SQLAlchemy URL "
                                     "(default: marsad.db in the user's data directory)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Settings file (default: ./marsad.toml)."),
) -> None:
    state.db = db
    state.config_path = config


def _fail(e: MarsadError) -> None:
    err.print(escape(str(e)), style="red")
    raise typer.Exit(e.exit_code)


@contextmanager
def _progress(description: str, total: int | None = None) -> Iterator:
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("[dim]{task.fields[item]}")]
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task(description, total=total, item="")
        yield lambda n, item: bar.update(task, advance=n, item=escape(item[-50:]))


def _check_date(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2024-12-07", param_hint="--published")


@app.command()
def extract(
    path: Path = typer.Argument(..., help="A UTF-8 text file: the title on the first line, then the body."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date, YYYY-MM-DD."),
    fmt: str = typer.Option("json", "--format", help="json (the evaluation contract) or table."),
) -> None:
    """Extract claims, events, places and contradictions from one text file."""
    from .api import extract_file
    from .output import to_contract
    from .render import render_result

    published = _check_date(published)
    if fmt not in ("json", "table"):
        raise typer.BadParameter("use json or table", param_hint="--format")
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
              f"{len(report.failures)} failed")
    for f in report.failures:
        err.print(escape(f"{f.code}: {f.source}{':' + str(f.line) if f.line else ''}: {f.message}"), style="red")
    if report.failures:
        raise typer.Exit(1)


@app.command()
def run() -> None:
    """Process the stored documents the current pipeline version has not processed yet."""
    from .runner import run_pending
    from .store import open_store

    try:
        config = state.config()
        with open_store(config.db) as store:
            with _progress("run") as progress:
                report = run_pending(store, config, progress)
    except MarsadError as e:
        _fail(e)
    out.print(f"run {report.run_id}: {report.processed} processed, {len(report.failures)} failed")
    for f in report.failures:
        err.print(escape(f"{f.code}: {f.source}: {f.message}"), style="red")
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
        raise typer.BadParameter("only jsonl for now", param_hint="--format")
    try:
        with open_store(state.config().db) as store:
            if output:
                with output.open("w", encoding="utf-8") as f:
                    n = export_jsonl(store, f)
                err.print(f"{n} documents written to {output}")
            else:
                export_jsonl(store, sys.stdout)
    except MarsadError as e:
        _fail(e)


@app.command()
def demo() -> None:
    """Run the main job on the sample reports shipped with Marsad and show what it finds."""
    from .ingest import ingest as ingest_paths
    from .render import render_result
    from .runner import run_pending
    from .store import open_store

    samples = resources.files("marsad.samples")
    paths = [str(samples.joinpath(n)) for n in ("ar_saraqib_claim_denial.txt", "en_golan_buffer_zone.txt",
                                                 "result.json", "wire.jsonl")]
    with tempfile.TemporaryDirectory() as tmp:
        db = state.db or str(Path(tmp) / "demo.db")
        try:
            config = state.config(**{"store.db": db})
            with open_store(db) as store:
                report = ingest_paths(paths, store, config)
                run_report = run_pending(store, config, command="demo")
                out.rule("[bold]Marsad demo")
                out.print(f"{report.documents} sample documents stored in {escape(db)} "
                          f"({report.added} new); {run_report.processed} processed.\n")
                for data in store.results():
                    render_result(data, out)
        except MarsadError as e:
            _fail(e)
    out.print("Next: [bold]marsad extract your-article.txt --format table[/bold] (or --format json), "
              "[bold]marsad ingest DIR[/bold] then [bold]marsad run[/bold] and [bold]marsad export[/bold].")
    if report.failures or run_report.failures:
        raise typer.Exit(1)


@app.command("eval")
def evaluate(
    gold: Optional[Path] = typer.Argument(None, help="Gold directory (default: ../shared/eval/dev)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Score only ar or en articles."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Score the extraction on a gold set with its score.py."""
    from .evaluation import default_gold_dir, evaluate_dir

    try:
        scores = evaluate_dir(gold or default_gold_dir(), lang, state.config())
    except MarsadError as e:
        _fail(e)
    if as_json:
        out.print_json(json.dumps(scores))
    else:
        for k, v in scores.items():
            out.print(f"{k:26s} {v}")


@app.command()
def settings() -> None:
    """Print the settings reference (marsad.toml)."""
    sys.stdout.write(settings_markdown())


def main() -> None:
    try:
        app()
    except ConfigError as e:  # raised before a command catches it (a bad settings file)
        err.print(escape(str(e)), style="red")
        sys.exit(2)


if __name__ == "__main__":
    main()
