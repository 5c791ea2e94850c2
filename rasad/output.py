"""Views of an Article: the JSON record (../shared/EVAL.md contract plus evidence) and a
readable Arabic summary."""
from __future__ import annotations

import hashlib

from rasad.model import Article, Entity

ENTITY_LABELS_AR = {"PER": "أشخاص", "ORG": "منظمات", "LOC": "أماكن", "MISC": "أخرى"}


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _name(article: Article, eid: str | None) -> str | None:
    ent = article.entity(eid)
    if ent is None:
        return None
    # a nationality word taking part in an event stands for its country ("القوات الإسرائيلية")
    return ent.attrs.get("demonym_of") or ent.name if ent.type == "MISC" else ent.name


def _entity_record(ent: Entity) -> dict:
    rec = {"id": ent.id, "type": ent.type, "name": ent.name, "aliases": ent.aliases,
           "titles": ent.titles, "mentions": [[m.start, m.end] for m in ent.mentions]}
    for key in ("latin", "iso2", "geonameid", "kind", "demonym_of", "offices", "title_mentions"):
        if ent.attrs.get(key):
            rec[key] = ent.attrs[key]
    return rec


def to_record(article: Article) -> dict:
    """The article as a JSON-able dict: the EVAL.md contract keys and everything stored."""
    return {
        "id": content_hash(article.text),
        "origin": article.origin,
        "url": article.url,
        "title": article.title,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "published_how": article.published_how,
        "fetched": article.fetched.isoformat() if article.fetched else None,
        "text": article.text,
        "body": article.body,
        "removed": [{"start": r.start, "end": r.end, "reason": r.label} for r in article.removed],
        "entities": [_entity_record(e) for e in article.entities],
        "events": [{
            "type": ev.type, "mode": ev.mode,
            "source": [_name(article, i) for i in ev.source], "target": [_name(article, i) for i in ev.target],
            "source_ids": ev.source, "target_ids": ev.target,
            "date": ev.date.isoformat() if ev.date else None, "date_how": ev.date_how,
            "location": _name(article, ev.location) or ev.location_name, "location_id": ev.location,
            "evidence": [ev.evidence.start, ev.evidence.end] if ev.evidence else None,
            "trigger": [ev.trigger.start, ev.trigger.end] if ev.trigger else None,
            "confidence": round(ev.confidence, 3), "how": ev.how,
        } for ev in article.events],
        "quotes": [{
            "speaker": _name(article, q.speaker), "speaker_id": q.speaker,
            "text": article.text[q.span.start:q.span.end], "direct": q.direct,
            "span": [q.span.start, q.span.end], "cue": [q.cue.start, q.cue.end] if q.cue else None,
            "speaker_how": q.speaker_how, "confidence": round(q.confidence, 3),
            "how": q.speaker_how if (q.speaker_how or "").startswith("learned") else "rules",
        } for q in article.quotes],
        "dates": [{"start": d.start, "end": d.end, "text": article.text[d.start:d.end],
                   "value": d.attrs["value"].isoformat() if d.attrs.get("value") else None}
                  for d in article.dates],
    }


def to_text(article: Article) -> str:
    """A short Arabic summary for a person (English labels alongside)."""
    rec = to_record(article)
    lines = [f"المصدر / source: {article.origin}"]
    if article.title:
        lines.append(f"العنوان / title: {article.title}")
    lines.append(f"التاريخ / published: {rec['published'] or 'غير معروف'}"
                 + (f"  ({article.published_how})" if article.published_how else ""))
    if article.removed:
        reasons: dict[str, int] = {}
        for r in article.removed:
            reasons[r.label] = reasons.get(r.label, 0) + 1
        lines.append("حُذف / removed: " + "، ".join(f"{k} ×{v}" for k, v in reasons.items()))
    for label, title in ENTITY_LABELS_AR.items():
        names = [e.name + (f" ({'، '.join(e.titles[:1])})" if e.titles else "")
                 for e in article.entities if e.type == label]
        if names:
            lines.append(f"{title} / {label}: " + "، ".join(names))
    for ev in rec["events"]:
        parts = [f"حدث / event {ev['type']}" + (f"/{ev['mode']}" if ev["mode"] else "")
                 + f"  ({ev['how']}، {ev['confidence']:.2f})",
                 f"  من / source: {'، '.join(ev['source']) or '—'}",
                 f"  إلى / target: {'، '.join(ev['target']) or '—'}",
                 f"  متى / date: {ev['date'] or '—'}   أين / place: {ev['location'] or '—'}",
                 f"  الدليل / evidence: {_clip(article.text[ev['evidence'][0]:ev['evidence'][1]])}"]
        lines += parts
    for q in rec["quotes"]:
        kind = "اقتباس" if q["direct"] else "قول منقول"
        lines.append(f"{kind} / quote — {q['speaker'] or '؟'}: «{_clip(q['text'])}»")
    return "\n".join(lines)


def _clip(s: str, n: int = 140) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n - 1] + "…"
