"""Readable terminal views of processed documents (rich tables). Source text is shown as data: rich
markup in it is escaped."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def _cut(text: str | None, n: int = 90) -> str:
    text = " ".join((text or "").split())
    return escape(text if len(text) <= n else text[:n - 1] + "…")


def render_result(data: dict, console: Console) -> None:
    """Show one document's contract JSON: claims, events, places, contradictions."""
    d = data["document"]
    console.print(f"[bold]{_cut(d.get('title') or d.get('key') or d['id'][:12])}[/bold]  "
                  f"[dim]{d.get('language')} · {d.get('published') or 'no date'} · {d['id'][:12]}[/dim]")
    if data["claims"]:
        t = Table(title="Claims", show_lines=False, expand=True)
        for col in ("id", "speaker", "channel", "stance", "cue", "content"):
            t.add_column(col, overflow="fold")
        for c in data["claims"]:
            stance = "[red]deny[/red]" if c["stance"] == "deny" else "assert"
            t.add_row(c["id"], _cut(c["speaker"] or "—", 40), c["channel"], stance, _cut(c["cue"], 20), _cut(c["text"]))
        console.print(t)
    if data["events"]:
        t = Table(title="Events", expand=True)
        for col in ("id", "type", "place", "date", "status", "claims"):
            t.add_column(col, overflow="fold")
        for e in data["events"]:
            place = (e["place"] or {}).get("name") or "—"
            status = f"[yellow]{e['status']}[/yellow]" if e["contested"] else (e["status"] or "")
            t.add_row(e["id"], e["type"], _cut(place, 40), e["date"] or "—", status, ", ".join(e["claims"]))
        console.print(t)
    if data["contradictions"]:
        t = Table(title="Contradictions and inconsistencies", expand=True)
        for col in ("kind", "claims", "why"):
            t.add_column(col, overflow="fold")
        for c in data["contradictions"]:
            t.add_row(c["kind"], " ↔ ".join(c["claims"]), _cut(c["reason"], 100))
        console.print(t)
    if data["places"]:
        names = sorted({p["name"] for p in data["places"]})
        console.print("[dim]Places:[/dim] " + escape(", ".join(names)))
    console.print()
