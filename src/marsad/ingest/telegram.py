"""Telegram Desktop channel exports (``result.json``): one document per message, with the channel, the
date, the message id and where it was forwarded from. Service messages and messages without text are
skipped; a malformed message is a Failure naming its index."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..config import Config
from ..doc import Document, Failure
from ..errors import FormatError


def message_text(value) -> str:
    """A message's ``text``: a string, or a list of strings and entity objects with a "text"."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in value
                       if isinstance(part, (str, dict)))
    raise TypeError(f"text is a {type(value).__name__}")


def read(path: Path, config: Config) -> Iterator[Document | Failure]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as e:
        raise FormatError(f"not UTF-8: {e}", source=str(path)) from e
    except json.JSONDecodeError as e:
        raise FormatError(f"broken JSON: {e.msg}", source=str(path), line=e.lineno) from e
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        raise FormatError("not a Telegram export: no \"messages\" list", source=str(path))
    channel = data.get("name") or path.parent.name
    for i, msg in enumerate(data["messages"]):
        try:
            if not isinstance(msg, dict):
                raise TypeError("a message is not an object")
            if msg.get("type", "message") != "message":
                continue
            text = message_text(msg.get("text", "")).strip()
            if not text:
                continue
            mid = msg.get("id")
            yield Document(text, key=f"telegram:{channel}/{mid}", source=channel, published=msg.get("date"),
                           kind="telegram_post", title=None,
                           meta={"message_id": mid, "forwarded_from": msg.get("forwarded_from"),
                                 "channel_id": data.get("id"), "path": str(path)})
        except (TypeError, AttributeError) as e:
            yield Failure(source=str(path), code=FormatError.code, message=f"message {i}: {e}")
