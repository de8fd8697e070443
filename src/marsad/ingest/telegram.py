"""Telegram Desktop exports (``result.json``, machine-readable JSON): one document per message, with the
channel, the date, the message id and where it was forwarded from. A channel export has ``name`` and
``messages``; a whole-account export has ``chats.list``, each chat read the same way. Service messages and
messages without text are skipped; a malformed message is a Failure naming it."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..config import Config
from ..doc import Document, Failure
from ..errors import FormatError
from .common import decode_utf8


def message_text(value) -> str:
    """A message's ``text``: a string, or a list of strings and entity objects with a "text"."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = []
        for part in value:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text", ""), str):
                parts.append(part.get("text", ""))
            else:
                raise TypeError(f"a text part is a {type(part).__name__}, not a string or an entity object")
        return "".join(parts)
    raise TypeError(f"text is a {type(value).__name__}, not a string or a list")


def _chats(data, source: str) -> list[dict]:
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        return [data]
    chats = data.get("chats") if isinstance(data, dict) else None
    if isinstance(chats, dict) and isinstance(chats.get("list"), list):
        return [c for c in chats["list"] if isinstance(c, dict) and isinstance(c.get("messages"), list)]
    raise FormatError("not a Telegram Desktop export: no \"messages\" list (export the channel as JSON)",
                      source=source)


def read(path: Path, config: Config) -> Iterator[Document | Failure]:
    source = str(path)
    try:
        data = json.loads(decode_utf8(path.read_bytes(), source))
    except json.JSONDecodeError as e:
        raise FormatError(f"broken JSON: {e.msg} (column {e.colno})", source=source, line=e.lineno) from e
    for chat in _chats(data, source):
        channel = chat.get("name") or (f"chat {chat['id']}" if chat.get("id") else path.parent.name)
        for i, msg in enumerate(chat["messages"]):
            mid = msg.get("id") if isinstance(msg, dict) else None
            try:
                if not isinstance(msg, dict):
                    raise TypeError(f"a message is a {type(msg).__name__}, not an object")
                if msg.get("type", "message") != "message":
                    continue
                text = message_text(msg.get("text", "")).strip()
                if not text:
                    continue
                yield Document(text, key=f"telegram:{channel}/{mid if mid is not None else i}", source=channel,
                               published=msg.get("date") or None, kind="telegram_post",
                               meta={"message_id": mid, "forwarded_from": msg.get("forwarded_from"),
                                     "author": msg.get("from") or msg.get("author"), "edited": msg.get("edited"),
                                     "channel_id": chat.get("id"), "path": source})
            except (TypeError, AttributeError) as e:
                which = f"message {mid}" if mid is not None else f"message #{i + 1}"
                yield Failure(source=source, code=FormatError.code, message=f"{which} in {channel!r}: {e}")
