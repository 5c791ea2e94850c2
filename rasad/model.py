"""The data model: one article text, and layers of character spans over it.

Offsets index `Article.text` (end exclusive) and nothing else: normalised text used
for matching is derived (see `rasad.normalize`) with a map back to these offsets.
`Span` is defined in rasad.spans and is importable from here as before.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rasad.spans import Span     # its own module, so that the tokenizer need not import this one


@dataclass
class Document:
    """What a reader hands on: decoded text plus the metadata the source carried."""

    text: str
    origin: str = ""                      # file path, URL or "file.jsonl:LINE"
    kind: str = "text"                    # text | html | json
    title: str | None = None
    url: str | None = None
    source: str | None = None             # outlet
    published: dt.date | None = None      # from metadata, when the source states it
    published_how: str | None = None      # which metadata gave it (meta tag, <time>, url, json key)
    fetched: dt.datetime | None = None    # crawl time: an upper bound on the publication date
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Mention(Span):
    """A name in the text. label: PER, ORG, LOC or MISC. attrs may hold `title` (a Span of the
    office/honorific before it), `demonym_of` (a country name), `how` (gazetteer, pattern, model)."""


@dataclass
class Entity:
    """One real-world entity within an article: its mentions grouped by in-article coreference."""

    id: str
    type: str
    name: str                              # fullest form in the article
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Event:
    """A PLOVER event with its participants (entity ids), date, place and evidence."""

    type: str
    mode: str | None = None
    source: list[str] = field(default_factory=list)     # entity ids
    target: list[str] = field(default_factory=list)     # entity ids
    date: dt.date | None = None
    date_how: str | None = None
    location: str | None = None                         # entity id of the place
    location_name: str | None = None                    # a place named outside the text (the headline)
    evidence: Span | None = None
    trigger: Span | None = None
    confidence: float = 0.5
    how: str = "rules"                                  # which coder made it: "rules" or "learned:<version>"


@dataclass
class Quote:
    """Words attributed to a speaker: `span` covers the words only, without the marks."""

    span: Span
    speaker: str | None = None          # entity id
    direct: bool = True
    cue: Span | None = None             # قال، أضاف، …
    speaker_how: str | None = None      # explicit, carried-over, pronoun, surname, title; learned:<version>
    confidence: float = 0.5


@dataclass
class Article:
    text: str
    origin: str = ""
    kind: str = "text"
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    published_how: str | None = None
    fetched: dt.datetime | None = None
    removed: list[Span] = field(default_factory=list)     # label = reason
    sentences: list[Span] = field(default_factory=list)
    _tokens: list[Span] | None = field(default=None, repr=False, compare=False)
    mentions: list[Mention] = field(default_factory=list)
    title_mentions: list[Mention] = field(default_factory=list)   # spans of `title`
    dates: list[Span] = field(default_factory=list)       # attrs: value (date), how, granularity
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    _normalized: Any = field(default=None, repr=False, compare=False)

    @classmethod
    def from_document(cls, doc: Document) -> "Article":
        return cls(text=doc.text, origin=doc.origin, kind=doc.kind, title=doc.title, url=doc.url,
                   source=doc.source, published=doc.published, published_how=doc.published_how,
                   fetched=doc.fetched, extra=dict(doc.extra))

    @property
    def tokens(self) -> list[Span]:
        """Tokens with proclitics split (label CLITIC, WORD, LATIN, NUM, TAG, PUNCT); made on
        first use, since only some consumers need them and they cost as much as a stage."""
        if self._tokens is None:
            from rasad.analyse.tokens import tokenize
            self._tokens = tokenize(self.text)
        return self._tokens

    @property
    def normalized(self):
        """The folded text for matching, with `.to_original()` back to offsets in `text`."""
        if self._normalized is None:
            from rasad.normalize import NormalizedText
            self._normalized = NormalizedText(self.text)
        return self._normalized

    def is_removed(self, pos: int) -> bool:
        return any(r.start <= pos < r.end for r in self.removed)

    def body_spans(self) -> list[tuple[int, int]]:
        """The parts of `text` that remain once removed blocks are cut out."""
        out, pos = [], 0
        for r in sorted(self.removed, key=lambda s: s.start):
            if r.start > pos:
                out.append((pos, r.start))
            pos = max(pos, r.end)
        if pos < len(self.text):
            out.append((pos, len(self.text)))
        return out

    @property
    def body(self) -> str:
        parts = [self.text[a:b].strip() for a, b in self.body_spans()]
        return "\n".join(p for p in parts if p)

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def entity_id_of(self, mention: Span | None) -> str | None:
        """The id of the entity a mention belongs to (after coreference)."""
        if mention is None:
            return None
        for e in self.entities:
            if any(m.start == mention.start and m.end == mention.end for m in e.mentions):
                return e.id
        return None
