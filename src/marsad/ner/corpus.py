"""Reading the NER corpora (ANERcorp, AQMAR) and the fixed ANERcorp train/test split.

Both files hold one ``token TAG`` a line (the tag is the last blank-separated field). Sentence rule
for ANERcorp, which has no blank lines: a sentence ends after a token made only of ``. ! ? ؟ …``
(and at the end of the file). Lines whose token is empty (a few ``" O"`` lines) are skipped. AQMAR
separates sentences with blank lines; its tags are mapped to the ANERcorp types (PER -> PERS,
MIS* -> MISC) and anything unreadable becomes O.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import FormatError

Sentence = list[tuple[str, str]]  # (word, BIO tag)

SENTENCE_END = re.compile(r"^[.!?؟…]+$")
_TAG = re.compile(r"^(O|[BI]-\S+)$")
TYPES = ("PERS", "LOC", "ORG", "MISC")
_AQMAR_TYPES = {"PER": "PERS", "PERS": "PERS", "LOC": "LOC", "ORG": "ORG"}


def _pairs(path: Path):
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.rsplit(None, 1)
        if len(parts) == 2:
            yield parts[0].strip(), parts[1]
        elif not parts or _TAG.match(parts[0]):  # a blank line, or a tag without its token
            yield "", ""
        else:
            raise FormatError(f"expected 'token TAG', got {line!r}", source=str(path), line=n)


def read_anercorp(path: Path) -> list[Sentence]:
    """ANERcorp's sentences in file order."""
    path = Path(path)
    out: list[Sentence] = []
    cur: Sentence = []
    for word, tag in _pairs(path):
        if not word:
            continue
        cur.append((word, tag))
        if SENTENCE_END.match(word):
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    if not out:
        raise FormatError("no sentences", source=str(path))
    return out


def split_anercorp(sentences: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """The first five sixths (training) and the last sixth (test), by sentence, in file order."""
    cut = len(sentences) - len(sentences) // 6
    return sentences[:cut], sentences[cut:]


def _aqmar_tag(tag: str) -> str:
    prefix, _, kind = tag.partition("-")
    if prefix not in ("B", "I") or not kind:
        return "O"
    kind = "MISC" if kind.startswith("MIS") else _AQMAR_TYPES.get(kind)
    return f"{prefix}-{kind}" if kind else "O"


def read_aqmar(folder: Path) -> list[Sentence]:
    """The sentences of every ``*.txt`` of the AQMAR folder (blank lines end sentences)."""
    out: list[Sentence] = []
    for path in sorted(Path(folder).glob("*.txt")):
        cur: Sentence = []
        for word, tag in _pairs(path):
            if not word:
                if cur:
                    out.append(cur)
                cur = []
                continue
            cur.append((word, _aqmar_tag(tag)))
        if cur:
            out.append(cur)
    return out


def read_conll(path: Path) -> list[list[Sentence]]:
    """The documents of a CoNLL-style file, each a list of sentences: one ``token TAG`` a line, a blank line
    after each sentence, a ``-DOCSTART-`` line before each document (a file without one is one document);
    lines starting with ``#`` are comments."""
    path = Path(path)
    docs: list[list[Sentence]] = [[]]
    cur: Sentence = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if line.startswith("#"):
            continue
        if not line or line.startswith("-DOCSTART-"):
            if cur:
                docs[-1].append(cur)
                cur = []
            if line and docs[-1]:
                docs.append([])
            continue
        parts = line.rsplit(None, 1)
        if len(parts) != 2 or not _TAG.match(parts[1]):
            raise FormatError(f"expected 'token TAG', got {line!r}", source=str(path), line=n)
        cur.append((parts[0], parts[1]))
    if cur:
        docs[-1].append(cur)
    docs = [d for d in docs if d]
    if not docs:
        raise FormatError("no sentences", source=str(path))
    return docs
