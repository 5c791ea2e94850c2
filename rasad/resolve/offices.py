"""People's offices: what the article calls them, and what the office is of and where.

"الدكتور زبيد الله زبيدوف سفير دولة طاجيكستان في الكويت" → office سفير, of طاجيكستان, in الكويت;
"الرئيس المشترك لدائرة العلاقات الخارجية عبد الكريم عمر" → office الرئيس المشترك, of دائرة العلاقات
الخارجية. An office comes from the title before a name or the apposition right after it.
"""
from __future__ import annotations

import re

from rasad.analyse import lexicon as lx
from rasad.model import Article, Span
from rasad.normalize import fold

IN_WORDS = re.compile(r"(?:^|\s)(?:في|لدى|بـ?)\s*$")
APPOSITION_END = re.compile(r"[،,.:؛\n(]")


def _office_span(text: str, start: int, end: int) -> Span | None:
    """The office phrase in text[start:end] when it opens with an office word."""
    phrase = text[start:end]
    lead = re.match(r"[\s،,]*", phrase).end()
    words = phrase[lead:].split()
    if not words or fold(words[0]) not in lx.OFFICE_HEADS | lx.HONORIFICS:
        return None     # "، ونائبا …" opens the next person, not this one's office
    return Span(start + lead, end, "OFFICE")


def _parse(article: Article, span: Span, holder_mentions: set[tuple[int, int]]) -> dict | None:
    text = article.text
    words = text[span.start:span.end].split()
    if not words or fold(words[0]).lstrip("وفبل") not in lx.OFFICE_HEADS:
        return None     # an honorific alone (الدكتور، السيد) is no office
    inside = [m for m in article.mentions if span.start <= m.start and m.end <= span.end
              and (m.start, m.end) not in holder_mentions]
    # of: an organisation anywhere ("السكرتير الثالث في السفارة الطاجيكية"), else a country or
    # nationality not introduced by في/لدى ("سفير دولة طاجيكستان في الكويت")
    of = next((m for m in inside if m.label == "ORG"), None) or \
        next((m for m in inside if m.label in ("LOC", "MISC") and not IN_WORDS.search(text[span.start:m.start])), None)
    posted = next((m for m in inside if m.label == "LOC" and m is not of
                   and IN_WORDS.search(text[span.start:m.start])), None)
    head_end = of.start if of is not None else (posted.start if posted is not None else span.end)
    head = re.sub(r"\s+(?:في|لدى|ل|باسم)?\s*$", "", text[span.start:head_end].strip())
    head = re.sub(r"\s*(?:دولة|لـ?)$", "", head).strip() or words[0]

    def name(m):
        if m is None:
            return None
        ent = article.entity(article.entity_id_of(m))
        if ent is None:
            return text[m.start:m.end]
        return ent.attrs.get("demonym_of") or ent.name

    return {"title": " ".join(text[span.start:span.end].split()), "office": head, "of": name(of),
            "in": name(posted), "span": [span.start, span.end]}


def find_offices(article: Article) -> None:
    """Fill `entity.attrs["offices"]` for every person."""
    text = article.text
    for ent in article.entities:
        if ent.type != "PER":
            continue
        own = {(m.start, m.end) for m in ent.mentions}
        offices: list[dict] = []
        for m in ent.mentions:
            spans = []
            title = m.attrs.get("title")
            if title is not None:
                spans.append(Span(title.start, title.end, "OFFICE"))
            tail = text[m.end:m.end + 90]
            cut = APPOSITION_END.search(tail, 1)
            end = m.end + (cut.start() if cut else len(tail))
            other = next((o.start for o in article.mentions if o.label == "PER" and m.end < o.start < end), None)
            after = _office_span(text, m.end, other if other is not None else end)
            if after is not None:
                spans.append(after)
            for span in spans:
                office = _parse(article, span, own)
                if office and all(o["title"] != office["title"] for o in offices):
                    offices.append(office)
        if offices:
            ent.attrs["offices"] = offices
