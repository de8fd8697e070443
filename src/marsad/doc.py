"""The record types of Marsad, shared by the pipeline, the store, the API and the exports.

Every span is a half-open ``(start, end)`` range of Python ``str`` indices into the document's raw,
immutable text. Every resolved value says how it was resolved (``method``) and with what confidence.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

Span = tuple[int, int]

DOCUMENT_KINDS = ("article", "telegram_post", "tweet", "statement", "caption")
MENTION_LABELS = ("person", "organisation", "place", "facility", "date", "number", "channel", "title")
ACTOR_KINDS = (
    "state_forces", "rebel_group", "militia", "government_body", "foreign_government", "monitor",
    "international_organisation", "media", "person", "unknown",
)
CHANNELS = (
    "telegram", "x", "facebook", "statement", "interview", "press_conference", "news_agency",
    "monitor_report", "tv", "unknown",
)
STANCES = ("assert", "deny")
EVENT_TYPES = (
    "armed_clash", "territory_taken", "withdrawal", "airstrike", "attack", "prisoner_release", "arrest",
    "statement_diplomatic", "agreement", "protest", "other",
)
LINK_KINDS = ("contradiction", "inconsistency", "same_event", "corroborates", "repeats")


def content_hash(text: str) -> str:
    """A document's identity: the SHA-256 of its raw text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Record:
    """Helpers shared by every record: plain-dict form for JSON and the store."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        kwargs = {k: v for k, v in data.items() if k in names}
        for k, v in kwargs.items():
            if k.endswith("span") and isinstance(v, list):
                kwargs[k] = tuple(v)
        return cls(**kwargs)


@dataclass
class Document(Record):
    text: str
    id: str = ""
    key: str | None = None  # stable locator across versions: url, file path, telegram:channel/message
    source: str | None = None  # publisher, channel or account
    url: str | None = None
    language: str | None = None
    published: str | None = None  # ISO 8601 date or date-time
    retrieved: str | None = None
    title: str | None = None
    kind: str = "article"
    meta: dict[str, Any] = field(default_factory=dict)
    previous_id: str | None = None  # the older version of the same key, when the text changed

    def __post_init__(self):
        if not self.id:
            self.id = content_hash(self.text)
        if self.kind not in DOCUMENT_KINDS:
            raise ValueError(f"unknown document kind {self.kind!r}; one of {', '.join(DOCUMENT_KINDS)}")


@dataclass
class Segment(Record):
    """A stretch of the text in one language (articles mix Arabic and English)."""

    span: Span
    lang: str  # ISO 639-1 ("ar", "en") or "und"


@dataclass
class Token(Record):
    span: Span
    norm: str  # folded form for matching (see stages.normalise)
    stem: str = ""  # the folded form without Arabic proclitics (و ف ب ك ل ال س); norm when none
    stem_span: Span | None = None  # the raw span of the stem
    lang: str = "und"


@dataclass
class Place(Record):
    id: str  # gazetteer id, e.g. "wof:101751737", "gn:170063", "marsad:damascus-airport"
    name: str
    lat: float | None = None
    lon: float | None = None
    name_ar: str | None = None
    name_en: str | None = None
    aliases: list[str] = field(default_factory=list)
    feature: str | None = None  # country, region, county, locality, airport, prison, base, ...
    country: str | None = None
    admin: list[str] = field(default_factory=list)  # admin hierarchy, largest first
    precision: int | None = None  # ACLED geo-precision 1-3
    source: str | None = None  # which gazetteer


@dataclass
class Actor(Record):
    id: str
    name_en: str | None = None
    name_ar: str | None = None
    aliases: list[str] = field(default_factory=list)
    kind: str = "unknown"
    parent: str | None = None
    country: str | None = None
    medium: str | None = None  # for media: the channel their own reports reach the public by (news_agency, tv)


@dataclass
class Mention(Record):
    span: Span
    text: str
    label: str
    entity_id: str | None = None  # actor id or place id
    method: str | None = None  # how it was resolved: "gazetteer", "dictionary", "model", ...
    confidence: float | None = None
    place: Place | None = None
    value: Any = None  # a normalised date (ISO) or number, for date and number mentions
    precision: str | None = None  # for dates: day, week, month, year


@dataclass
class Claim(Record):
    id: str
    span: Span  # the content: the reported clause or the quote
    stance: str = "assert"
    speaker: str | None = None  # the speaker as written (or canonical name); None when the text gives none
    speaker_span: Span | None = None
    speaker_actor: str | None = None
    role: str | None = None
    affiliation: str | None = None
    channel: str = "unknown"
    cue: str | None = None
    cue_span: Span | None = None
    direct: bool = False
    relays: list[str] = field(default_factory=list)  # outlets between the speaker and this document, in order
    time: str | None = None
    sentence_span: Span | None = None
    method: str | None = None
    confidence: float | None = None


@dataclass
class Event(Record):
    id: str
    type: str
    span: Span  # the evidence: the trigger's clause
    trigger: str | None = None
    trigger_span: Span | None = None
    actor: str | None = None
    target: str | None = None
    place: Place | None = None
    place_span: Span | None = None
    date: str | None = None
    date_precision: str | None = None
    quantities: dict[str, int] = field(default_factory=dict)
    claims: list[str] = field(default_factory=list)  # every claim that tells it, asserting or denying
    disputed_by: list[str] = field(default_factory=list)  # the claims among them that deny or dispute it
    contested: bool = False
    status: str | None = None  # single_source, corroborated, contested, denied
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    method: str | None = None
    confidence: float | None = None


@dataclass
class Link(Record):
    kind: str
    a: str  # claim or event id (within a document), or "doc_id#c1" across documents
    b: str
    reason: str | None = None
    confidence: float | None = None


@dataclass
class Failure(Record):
    source: str  # the file, url or key that failed
    code: str
    message: str
    line: int | None = None
    stage: str | None = None
    document_id: str | None = None


@dataclass
class Doc:
    """One document going through the pipeline; stages fill the lists below."""

    document: Document
    norm: Any = None  # stages.normalise.NormText
    segments: list[Segment] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    done: list[str] = field(default_factory=list)  # names of the stages that ran

    @property
    def text(self) -> str:
        return self.document.text

    def slice(self, span: Span) -> str:
        return self.document.text[span[0]:span[1]]

    @property
    def body_start(self) -> int:
        """Where the body starts: after the title line when the document has a title."""
        if self.document.title is None:
            return 0
        nl = self.text.find("\n")
        return nl + 1 if nl >= 0 else 0

    @property
    def places(self) -> list[Mention]:
        return [m for m in self.mentions if m.label in ("place", "facility") and m.place is not None]
