"""X/Twitter archives: ``tweets.js`` (``window.YTD.tweets.part0 = [...]``) or a JSON list of tweets, one
document per tweet (kind "tweet"). The account's username comes from the tweet, or from the archive's
``account.js`` beside ``tweets.js``. Tweet text in archives escapes ``&``, ``<`` and ``>``; it is unescaped."""
from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Iterator

from ..config import Config
from ..doc import Document, Failure
from ..errors import FormatError
from .common import decode_utf8, unescape

# The archive's data files that hold tweets: tweets.js, tweet.js (older archives), tweets-part1.js, ...
TWEET_FILES = re.compile(r"^(tweets?|deleted-tweets)(-part\d+)?\.js$", re.IGNORECASE)
_ASSIGNMENT = re.compile(r"^\s*window\.YTD\.[\w.]+\s*=\s*")


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y").isoformat()
    except (TypeError, ValueError):
        return value if isinstance(value, str) else None


def load_js(path: Path):
    """The JSON value of an archive data file: ``window.YTD.<name>.part0 = <JSON>``, or plain JSON."""
    raw = decode_utf8(path.read_bytes(), str(path))
    prefix = _ASSIGNMENT.match(raw)
    body = raw[prefix.end():] if prefix else raw
    try:
        return json.loads(body)
    except json.JSONDecodeError as e:
        line = raw[:prefix.end()].count("\n") + e.lineno if prefix else e.lineno
        raise FormatError(f"broken JSON: {e.msg}", source=str(path), line=line) from e


def _account(folder: Path) -> str | None:
    account = folder / "account.js"
    if not account.is_file():
        return None
    try:
        data = load_js(account)
        return data[0]["account"]["username"]
    except (FormatError, LookupError, TypeError):
        return None


def read(path: Path, config: Config) -> Iterator[Document | Failure]:
    items = load_js(path)
    if not isinstance(items, list):
        raise FormatError("not an X archive: expected a list of tweets", source=str(path))
    owner = _account(path.parent)
    for i, item in enumerate(items, 1):
        tweet = item.get("tweet", item) if isinstance(item, dict) else None
        body = (tweet.get("full_text") or tweet.get("text")) if isinstance(tweet, dict) else None
        if not isinstance(body, str) or not body.strip():
            yield Failure(source=str(path), code=FormatError.code, message=f"item {i} is not a tweet with text")
            continue
        tid = str(tweet.get("id_str") or tweet.get("id") or "") or None
        user = (tweet.get("user") or {}).get("screen_name") if isinstance(tweet.get("user"), dict) else None
        user = user or owner
        key = f"x:{user}/{tid}" if user and tid else (f"x:{tid}" if tid else None)
        yield Document(unescape(body), key=key, source=user, url=f"https://x.com/{user}/status/{tid}" if user and tid
                       else None, published=_date(tweet.get("created_at")), kind="tweet",
                       meta={"tweet_id": tid, "path": str(path), "retweet": body.startswith("RT @"),
                             "reply_to": tweet.get("in_reply_to_screen_name")})
