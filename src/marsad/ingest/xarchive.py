"""X/Twitter archives: ``tweets.js`` (``window.YTD.tweets.part0 = [...]``) or a JSON list of tweets,
one document per tweet."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Iterator

from ..config import Config
from ..doc import Document, Failure
from ..errors import FormatError


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y").isoformat()
    except ValueError:
        return value


def read(path: Path, config: Config) -> Iterator[Document | Failure]:
    raw = path.read_text(encoding="utf-8")
    start = raw.find("[")
    if start < 0:
        raise FormatError("not an X archive: no JSON list", source=str(path))
    try:
        items = json.loads(raw[start:])
    except json.JSONDecodeError as e:
        raise FormatError(f"broken JSON: {e.msg}", source=str(path), line=raw[:start].count("\n") + e.lineno) from e
    for i, item in enumerate(items):
        tweet = item.get("tweet", item) if isinstance(item, dict) else None
        if not isinstance(tweet, dict) or not (tweet.get("full_text") or tweet.get("text")):
            yield Failure(source=str(path), code=FormatError.code, message=f"item {i} is not a tweet with text")
            continue
        tid = tweet.get("id_str") or tweet.get("id")
        user = (tweet.get("user") or {}).get("screen_name") or path.parent.name
        yield Document(tweet.get("full_text") or tweet.get("text"), key=f"x:{user}/{tid}", source=user,
                       published=_date(tweet.get("created_at")), kind="tweet",
                       meta={"tweet_id": tid, "path": str(path)})
