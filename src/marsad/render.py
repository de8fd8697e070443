"""Readable terminal views (rich tables) of a processed document's contract JSON and of scores.

Source text is data: rich markup in it is escaped; Arabic is shown as is (the terminal orders it).
"""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def _cut(text: str | None, n: int = 90) -> str:
    text = " ".join((text or "").split())
    return escape(text if len(text) <= n else text[:n - 1] + "…")


def _document_line(d: dict) -> str:
    title = _cut(d.get("title") or d.get("key") or d["id"][:12], 100)
    facts = [d.get("language") or "?", d.get("kind") or "", d.get("source") or "", d.get("published") or "no date",
             d["id"][:12]]
    return f"[bold]{title}[/bold]\n[dim]{escape(' · '.join(f for f in facts if f))}[/dim]"


def claims_table(claims: list[dict]) -> Table:
    t = Table(title="Claims", expand=True, title_justify="left")
    t.add_column("id", no_wrap=True)
    t.add_column("speaker", ratio=2, min_width=14, overflow="fold")
    t.add_column("channel", no_wrap=True)
    t.add_column("stance", no_wrap=True)
    t.add_column("cue", min_width=8, overflow="fold")
    t.add_column("content", ratio=5)
    for c in claims:
        stance = "[bold red]deny[/bold red]" if c["stance"] == "deny" else "assert"
        t.add_row(c["id"], _cut(c["speaker"] or "—", 50), c["channel"], stance, _cut(c["cue"], 25),
                  _cut(c["text"], 160))
    return t


def events_table(events: list[dict]) -> Table:
    t = Table(title="Events", expand=True, title_justify="left")
    t.add_column("id", no_wrap=True)
    t.add_column("type", no_wrap=True)
    t.add_column("place", ratio=2)
    t.add_column("date", no_wrap=True)
    t.add_column("contested", no_wrap=True)
    t.add_column("claims", ratio=1)
    for e in events:
        place = (e.get("place") or {}).get("name") or "—"
        contested = "[bold yellow]yes[/bold yellow]" if e.get("contested") else "no"
        t.add_row(e["id"], e["type"], _cut(place, 50), e.get("date") or "—", contested, ", ".join(e["claims"]))
    return t


def contradictions_table(links: list[dict]) -> Table:
    t = Table(title="Contradictions and inconsistencies", expand=True, title_justify="left")
    t.add_column("kind", no_wrap=True)
    t.add_column("claims", no_wrap=True)
    t.add_column("why", ratio=1)
    for c in links:
        t.add_row(c["kind"], " ↔ ".join(c["claims"]), _cut(c.get("reason"), 140))
    return t


def render_result(data: dict, console: Console) -> None:
    """Show one document: its line, claims, events, places, people and organisations named, and
    contradictions."""
    console.print(_document_line(data["document"]))
    if data["claims"]:
        console.print(claims_table(data["claims"]))
    else:
        console.print("[dim]No claims found.[/dim]")
    if data["events"]:
        console.print(events_table(data["events"]))
    if data["places"]:
        names = sorted({p["name"] for p in data["places"]})
        console.print("[dim]Places:[/dim] " + escape(", ".join(names)))
    for label, heading in (("person", "People"), ("organisation", "Organisations")):
        names = list(dict.fromkeys(m["text"] for m in data["mentions"] if m["label"] == label))
        if names:
            console.print(f"[dim]{heading}:[/dim] " + escape(", ".join(names)))
    if data["contradictions"]:
        console.print(contradictions_table(data["contradictions"]))
    console.print()


def render_scores(scores: dict, console: Console, title: str = "") -> None:
    """Show the scorer's metrics, one per row."""
    t = Table(title=escape(f"Scores {title}".strip()), title_justify="left")
    t.add_column("metric")
    t.add_column("value", justify="right")
    for name, value in scores.items():
        t.add_row(escape(name), f"{value:.3f}" if isinstance(value, float) else escape(str(value)))
    console.print(t)
