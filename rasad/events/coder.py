"""PLOVER event coding from trigger words and clause patterns.

A trigger (a verb or a verbal noun, found on clitic-stripped folded words) opens a clause;
its frame says which participants are the actor (`source`) and which the recipient
(`target`):
  subject   the actor follows the verb (Arabic VSO) or precedes it in the same clause;
            the recipient follows the actor, after مع/ب/على or directly
  host      "استقبل X Y": X hosts (target), Y visits (source)
  arrive    "وصل وفد برئاسة X إلى Y": actors before إلى are sources, after it targets
  passive   "تم استقبال الوفد من قبل X": X are targets; the visitors come from the
            meeting this clause continues
Clauses under future, conditional, negated or background markers are not events.
Several clauses describing one meeting (shared participants, or a clause that only refers
back: اللقاء، خلال الزيارة، تم استقبال) become one event.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rasad.model import Article, Event, Mention, Span
from rasad.normalize import fold

WORD_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+|[^\W_]+")


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None
    frame: str              # subject | host | arrive | passive
    refers_back: bool = False


def _t(words: str, type_: str, mode: str | None, frame: str, refers_back: bool = False) -> dict[str, Trigger]:
    return {fold(w): Trigger(type_, mode, frame, refers_back) for w in words.split()}


TRIGGERS: dict[str, Trigger] = {
    **_t("زار زارت يزور تزور", "CONSULT", "visit", "subject"),
    **_t("وصل وصلت يصل تصل حل توجه توجهت", "CONSULT", "visit", "arrive"),
    **_t("استقبل استقبلت يستقبل تستقبل", "CONSULT", "visit", "host"),
    **_t("التقى التقت يلتقي تلتقي اجتمع اجتمعت يجتمع تجتمع بحث بحثت يبحث تبحث ناقش ناقشت "
         "تباحث تباحثت استعرض استعرضت", "CONSULT", None, "subject"),
}
# Noun phrases that name a meeting already told (or about to be): they join the open event.
REFERS_BACK = {fold(w) for w in "اللقاء الاجتماع المباحثات المحادثات الزيارة زيارته زيارتها الاستقبال".split()}
PASSIVE_HOST = re.compile(r"تم\s+استقبال|جرى\s+استقبال|كان\s+في\s+استقبال|وكان\s+في\s+استقبال")
PHONE = re.compile(r"(?:اتصالا|اتصالاً|اتصال|مكالمة|مكالمه)\s+(?:هاتفيا|هاتفياً|هاتفي|هاتفية|هاتفيه)")
# Markers that make the clause not (yet) an event: future, plans, conditions, negation, background.
NOT_EVENT = re.compile(
    r"(?:^|\s)(?:من\s+المقرر|من\s+المتوقع|من\s+المنتظر|يعتزم|تعتزم|يرتقب|سوف|إذا|اذا|لو|لم|لن|"
    r"وسبق|سبق\s+أن|سبق\s+ان|كان\s+قد|قبل\s+\d+\s+(?:أشهر|اشهر|سنوات|أعوام|اعوام|أيام|ايام)|"
    r"في\s+وقت\s+سابق|العام\s+الماضي|الشهر\s+الماضي)(?:\s|$)")
FUTURE_PREFIX = ("سي", "ست", "سن")
ACTOR_LABELS = ("PER", "ORG")


@dataclass
class Clause:
    trigger: Trigger
    trigger_span: Span
    sentence: Span
    sources: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    place: Mention | None = None
    confidence: float = 0.6


def code_events(article: Article, resolve_date=None) -> list[Event]:
    """Events of the article, each with entity ids, date, place, evidence and confidence.

    `resolve_date(span) -> date | None` resolves a date expression against the article's date."""
    clauses = [c for sent in article.sentences if not article.is_removed(sent.start)
               for c in _clauses(article, sent)]
    events: list[tuple[Event, list[Mention]]] = []
    for c in clauses:
        open_event = next((e for e in reversed(events) if e[0].type == c.trigger.type), None)
        if open_event and _same_event(article, open_event, c):
            _merge(article, open_event[0], c)
            continue
        if c.trigger.frame == "passive" and not c.targets:
            continue
        if not (c.sources or c.targets) or not _has_actor(c):
            continue
        ev = Event(type=c.trigger.type, mode=c.trigger.mode, evidence=Span(c.sentence.start, c.sentence.end, "EVIDENCE"),
                   trigger=c.trigger_span, confidence=c.confidence)
        _merge(article, ev, c)
        events.append((ev, c.sources + c.targets))
    out = []
    for ev, _ in events:
        if not ev.source and not ev.target:
            continue
        ev.date, ev.date_how = _event_date(article, ev, resolve_date)
        out.append(ev)
    return out


def _has_actor(c: Clause) -> bool:
    return any(m.label in ACTOR_LABELS for m in c.sources + c.targets)


def _clauses(article: Article, sent: Span) -> list[Clause]:
    text = article.text
    out: list[Clause] = []
    words = list(WORD_RE.finditer(text, sent.start, sent.end))
    for k, m in enumerate(words):
        w = fold(m.group())
        bare = w[1:] if w[:1] in "وف" and w[1:] in TRIGGERS else w
        trig = TRIGGERS.get(bare)
        if trig is None:
            continue
        if bare.startswith(FUTURE_PREFIX) and bare[1:] in TRIGGERS:
            continue
        before = text[max(sent.start, m.start() - 60):m.start()]
        if NOT_EVENT.search(before[-45:]):
            continue
        out.append(_fill(article, sent, Span(m.start(), m.end(), "TRIGGER"), trig))
    passive = PASSIVE_HOST.search(text, sent.start, sent.end)
    if passive and not any(c.trigger.frame == "host" and passive.start() <= c.trigger_span.start < passive.end()
                           for c in out):
        out = [c for c in out if not (passive.start() <= c.trigger_span.start < passive.end())]
        out.append(_fill(article, sent, Span(passive.start(), passive.end(), "TRIGGER"),
                         Trigger("CONSULT", "visit", "passive", refers_back=True)))
    phone = PHONE.search(text, sent.start, sent.end)
    if phone:
        before = text[max(sent.start, phone.start() - 60):phone.start()]
        if not NOT_EVENT.search(before[-45:]):
            c = _fill(article, sent, Span(phone.start(), phone.end(), "TRIGGER"),
                      Trigger("CONSULT", "phone", "subject"))
            out = [x for x in out if x.trigger.type != "CONSULT"] + [c]
    out.sort(key=lambda c: c.trigger_span.start)
    return out


def _fill(article: Article, sent: Span, trig_span: Span, trig: Trigger) -> Clause:
    text = article.text
    mentions = [m for m in article.mentions if sent.start <= m.start and m.end <= sent.end]
    actors = [m for m in mentions if m.label in ACTOR_LABELS]
    after = [m for m in actors if m.start >= trig_span.end]
    before = [m for m in actors if m.end <= trig_span.start and _same_clause(text, m.end, trig_span.start)]
    c = Clause(trig, trig_span, sent)
    c.place = _place(article, mentions, trig_span, sent)
    if trig.frame == "host":
        if before:
            c.targets, c.sources = before[-1:], after
        elif after:
            c.targets, c.sources = after[:1], after[1:]
    elif trig.frame == "arrive":
        to = re.search(r"(?:^|\s)(?:إلى|الى|لـ?)\s", text[trig_span.end:sent.end])
        cut = trig_span.end + to.start() if to else sent.end
        c.sources = [m for m in after if m.start < cut] or before[-1:]
        c.targets = [m for m in after if m.start >= cut]
        if not c.targets:
            c.targets = _country_target(article, mentions, cut, c.place)
    elif trig.frame == "passive":
        c.targets = after
    else:
        if before and (not after or _subject_first(text, before[-1], trig_span)):
            c.sources, rest = before[-1:], after
        else:
            c.sources, rest = after[:1], after[1:]
        c.targets = rest
        if not c.targets and trig.mode == "visit":
            c.targets = _country_target(article, mentions, trig_span.end, c.place)
    c.sources = _coordinated(text, c.sources, actors)
    return c


def _subject_first(text: str, m: Mention, trig: Span) -> bool:
    """"X التقى Y" (subject before the verb, same clause, close by)."""
    return trig.start - m.end < 40


def _same_clause(text: str, a: int, b: int) -> bool:
    gap = text[a:b]
    return not re.search(r"[.؟!:\n]", gap) and len(gap) < 120


def _coordinated(text: str, chosen: list[Mention], actors: list[Mention]) -> list[Mention]:
    """Add people coordinated with a chosen actor ("X و Y", "X، والسيد Y")."""
    out = list(chosen)
    for m in chosen:
        last = m
        for other in actors:
            if other.start <= last.end or other in out:
                continue
            gap = text[last.end:other.start]
            if re.fullmatch(r"[\s،,]*(?:و|،\s*و)\s*(?:[\u0600-\u06ff]+\s+){0,6}", gap) and len(gap) < 90 \
                    and other.label == m.label:
                out.append(other)
                last = other
            else:
                break
    return out


def _place(article: Article, mentions: list[Mention], trig: Span, sent: Span) -> Mention | None:
    """The city or site of the event: a place after في/إلى/ب in the clause, a city before a country,
    never the country of a nationality word."""
    text = article.text
    places = [m for m in mentions if m.label == "LOC" and not m.attrs.get("demonym_of")]
    if not places:
        return None

    def rank(m: Mention) -> tuple:
        kind = m.attrs.get("kind") or ("site" if m.attrs.get("how") == "pattern" else "")
        prep = bool(re.search(r"(?:في|إلى|الى|ب|بـ|من)\s*$", text[max(sent.start, m.start - 6):m.start])) or \
            text[m.start - 1:m.start] == "ب"
        return (prep, kind in ("city", "town", "site"), -abs(m.start - trig.end))

    best = max(places, key=rank)
    return best


def _country_target(article: Article, mentions: list[Mention], after: int, place: Mention | None) -> list[Mention]:
    """A visit to a country without a named host: the country is the recipient."""
    for m in mentions:
        if m.start >= after and m.label == "LOC" and m.attrs.get("kind") == "country":
            return [m]
    if place is not None and place.attrs.get("iso2"):
        country = next((m for m in article.mentions if m.label == "LOC" and m.attrs.get("kind") == "country"
                        and m.attrs.get("iso2") == place.attrs["iso2"]), None)
        if country is not None:
            return [country]
    return []


def _same_event(article: Article, open_event: tuple[Event, list[Mention]], c: Clause) -> bool:
    ev, _ = open_event
    if c.trigger.refers_back or c.trigger.frame == "passive":
        return True
    ids = {article.entity_id_of(m) for m in c.sources + c.targets} - {None}
    return bool(ids & set(ev.source + ev.target))


def _merge(article: Article, ev: Event, c: Clause) -> None:
    for side, ms in (("source", c.sources), ("target", c.targets)):
        for m in ms:
            eid = article.entity_id_of(m)
            if eid and eid not in ev.source and eid not in ev.target:
                getattr(ev, side).append(eid)
    if ev.location is None and c.place is not None:
        eid = article.entity_id_of(c.place)
        if eid not in ev.source + ev.target:
            ev.location = eid
    ev.confidence = max(ev.confidence, c.confidence)


def _event_date(article: Article, ev: Event, resolve_date) -> tuple[dt.date | None, str | None]:
    """A date expression in the evidence sentence, resolved against the article's date;
    else the article's date (news reports what happened on its day unless it says otherwise)."""
    if ev.evidence is not None and resolve_date is not None:
        for d in article.dates:
            if ev.evidence.start <= d.start < ev.evidence.end:
                value = resolve_date(d)
                if value is not None:
                    return value, "text"
    if article.published is not None:
        return article.published, "published"
    return None, None
