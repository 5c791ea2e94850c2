"""The analyst's pages: server-rendered Arabic (right-to-left) HTML with English labels, plus
small script files for highlighting facts, corrections and charts (no inline scripts)."""
from __future__ import annotations

import math
import re
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from rasad.serve.api import ARTICLE_ID, Offset, entity_key, event_filters, filters, queries
from rasad.serve.highlight import highlight, record_marks
from rasad.serve.queries import FACET_KINDS, Filters, Queries
from rasad.store.kb import event_key, quote_key

router = APIRouter(include_in_schema=False)

EVENT_TYPES = ["AGREE", "ACCUSE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT",
               "COOPERATE", "DEMAND", "DISAPPROVE", "MOBILIZE", "PROTEST", "REJECT",
               "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN"]
EVENT_LABELS = {
    "AGREE": "اتفاق", "ACCUSE": "اتهام", "AID": "مساعدة", "ASSAULT": "اعتداء", "COERCE": "إكراه",
    "CONCEDE": "تنازل", "CONSULT": "تشاور/لقاء", "COOPERATE": "تعاون", "DEMAND": "مطالبة",
    "DISAPPROVE": "استنكار", "MOBILIZE": "تعبئة", "PROTEST": "احتجاج", "REJECT": "رفض",
    "REQUEST": "طلب", "RETREAT": "انسحاب", "SANCTION": "عقوبة", "SUPPORT": "دعم",
    "THREATEN": "تهديد"}
ENTITY_TYPES = {"PER": ("شخص", "person"), "ORG": ("منظمة", "organisation"),
                "LOC": ("مكان", "place"), "MISC": ("أخرى", "other")}
FACET_LABELS = {"event_type": ("نوع الحدث", "event type"), "entity": ("الكيان", "entity"),
                "place": ("المكان", "place"), "outlet": ("المصدر", "outlet"),
                "month": ("الشهر", "month")}
FILTER_LABELS = {"q": ("نص", "text"), "event_type": ("نوع الحدث", "event type"),
                 "entity": ("الكيان", "entity"), "place": ("المكان", "place"),
                 "outlet": ("المصدر", "outlet"), "date_from": ("من", "from"),
                 "date_to": ("إلى", "to")}
ACTION_LABELS = {"confirm": ("أكّده", "confirmed"), "reject": ("رفضه", "rejected"),
                 "edit": ("عدّله", "edited"), "merge": ("دمجه", "merged"),
                 "split": ("فصله", "split")}
PAGE_SIZE = 20
PAGE_EVENTS = 50           # latest events listed on an entity page (the chart counts all)


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    env = request.app.state.templates
    html = env.get_template(name).render(
        request=request, event_types=EVENT_TYPES, event_labels=EVENT_LABELS,
        entity_types=ENTITY_TYPES, facet_labels=FACET_LABELS, filter_labels=FILTER_LABELS,
        action_labels=ACTION_LABELS,
        **context)
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def pager(total: int, limit: int, offset: int) -> dict:
    pages = max(1, math.ceil(total / limit))
    current = offset // limit + 1
    return {"total": total, "limit": limit, "offset": offset, "page": current, "pages": pages,
            "prev": max(0, offset - limit) if offset > 0 else None,
            "next": offset + limit if offset + limit < total else None}


@router.get("/", response_class=HTMLResponse)
async def search_page(request: Request, qs: Annotated[Queries, Depends(queries)],
                      f: Annotated[Filters, Depends(filters)], offset: Offset = 0):
    def load():
        hits, total = qs.search(f, PAGE_SIZE, offset)
        ids = [int(v) for v in (f.entity, f.place) if v and v.isdigit()]
        return hits, total, qs.facets(f), qs.counts(), qs.names_of(ids) if ids else {}
    hits, total, facet_counts, counts, names = await run_in_threadpool(load)
    shown = {k: (names[int(v)]["name"] if k in ("entity", "place") and v.isdigit()
                 and int(v) in names else v) for k, v in f.as_params().items()}
    return render(request, "search.html", f=f, params=f.as_params(), shown=shown, hits=hits,
                  facets={k: facet_counts.get(k, []) for k in FACET_KINDS},
                  pager=pager(total, PAGE_SIZE, offset), counts=counts)


def _clip(text: str | None, n: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[:n - 1] + "…"


def _when(c: dict) -> str:
    for key in ("created_at", "created", "at", "when", "time"):
        if c.get(key):
            return str(c[key]).replace("T", " ")[:19]
    return ""


def _pair(value) -> list[int] | None:
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(
            isinstance(x, int) and not isinstance(x, bool) for x in value):
        return list(value)
    return None


def _names(value) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, (list, tuple)):
        return [str(x) for x in value if x]
    return []


def _text(value) -> str | None:
    return None if value is None or value == "" else str(value)


def article_view(raw: dict, shown: dict, corrections: list[dict]) -> dict:
    """What the article page shows: the text with its facts marked (offsets of the record as
    extracted), and the facts with their corrected values (`shown`, the same record with the
    corrections overlaid, item for item) and the corrections of each. Correction keys come
    from the record as extracted, so that a fact keeps its key after an edit."""
    text = raw["text"]
    by_key: dict[str, list[dict]] = {}
    for c in corrections:
        c = {**c, "when": _when(c)}
        by_key.setdefault(str(c.get("target_key")), []).append(c)

    def piece(span) -> str:
        span = _pair(span)
        return text[max(0, span[0]):span[1]] if span else ""

    def pairs(key: str):
        shown_items = shown.get(key) or []
        for i, item in enumerate(raw.get(key) or []):
            yield i, item, (shown_items[i] if i < len(shown_items) else item)

    entities = []
    for i, e, s in pairs("entities"):
        canonical = e.get("canonical_id")
        key = f"ENTITY:{canonical}" if canonical is not None else None
        entities.append({"fact": f"en-{i}", "name": e["name"], "type": e.get("type"),
                         "aliases": [a for a in e.get("aliases") or [] if a != e["name"]],
                         "titles": e.get("titles") or [], "latin": e.get("latin"),
                         "canonical_name": e.get("canonical_name"),
                         "mentions": len(e.get("mentions") or []),
                         "page": str(canonical) if canonical is not None else e["name"],
                         "canonical_id": canonical, "target_key": key,
                         "rejected": bool(s.get("rejected")), "confirmed": bool(s.get("confirmed")),
                         "corrections": by_key.get(key, []) if key else []})
    names = {e["id"]: e["name"] for e in raw.get("entities") or []}
    events = []
    for i, ev, s in pairs("events"):
        key = event_key(ev)
        events.append({"fact": f"ev-{i}", "type": _text(s.get("type")) or ev["type"],
                       "original_type": ev["type"], "mode": s.get("mode"),
                       "source": _names(s.get("source")), "target": _names(s.get("target")),
                       "date": _text(s.get("date")), "location": _text(s.get("location")),
                       "confidence": ev.get("confidence"), "trigger": piece(ev.get("trigger")),
                       "evidence": _clip(piece(ev.get("evidence")), 220), "target_key": key,
                       "rejected": bool(s.get("rejected")), "confirmed": bool(s.get("confirmed")),
                       "corrections": by_key.get(key, [])})
    quotes = []
    for i, q, s in pairs("quotes"):
        key = quote_key(q)
        quotes.append({"fact": f"qu-{i}", "speaker": _text(s.get("speaker")) or
                       names.get(q.get("speaker_id") or "", None), "direct": q.get("direct"),
                       "text": _clip(q.get("text"), 220), "target_key": key,
                       "rejected": bool(s.get("rejected")), "confirmed": bool(s.get("confirmed")),
                       "corrections": by_key.get(key, [])})
    removed = [{"fact": f"rm-{i}", "reason": r.get("reason"),
                "text": _clip(piece([r.get("start"), r.get("end")]), 90)}
               for i, r in enumerate(raw.get("removed") or [])]
    return {"html": Markup(highlight(text, record_marks(raw))), "entities": entities,
            "events": events, "quotes": quotes, "removed": removed,
            "corrections": corrections}


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article_page(request: Request, qs: Annotated[Queries, Depends(queries)],
                       article_id: str):
    if not re.fullmatch(ARTICLE_ID, article_id):
        raise HTTPException(404, "no such article")

    def load():
        raw = qs.article(article_id)
        if raw is None:
            return None, None, []
        corrections = qs.article_corrections(raw)
        # the overlay is read only when there is something to overlay
        shown = qs.article(article_id, corrected=True) if corrections else raw
        return raw, shown, corrections
    raw, shown, corrections = await run_in_threadpool(load)
    if raw is None:
        raise HTTPException(404, "no such article")
    return render(request, "article.html", a=raw, view=article_view(raw, shown, corrections),
                  can_correct=True)


@router.get("/entities", response_class=HTMLResponse)
async def entities_page(request: Request, qs: Annotated[Queries, Depends(queries)],
                        prefix: Annotated[str | None, Query(max_length=200)] = None,
                        type: Annotated[str | None, Query(pattern=r"^(PER|ORG|LOC|MISC)?$")] = None,
                        offset: Offset = 0):
    items = await run_in_threadpool(qs.entities, prefix, type or None, 51, offset)
    return render(request, "entities.html", items=items[:50], prefix=prefix or "",
                  type=type or "", offset=offset, more=len(items) > 50)


def entity_charts(ent: dict) -> dict:
    """Plot data for the entity page: its events per month and type, and its CONSULT
    partners laid out as a star (the entity in the middle, partners on a circle, nearer
    when met more often)."""
    months: dict[str, dict[str, int]] = {}
    if "activity" in ent:                   # every event, counted by the store
        for item in ent["activity"]:
            months.setdefault(item["type"], {})[item["month"]] = item["count"]
    else:
        for ev in ent.get("timeline") or []:
            when = (ev.get("date") or "")[:7]
            if when:
                by_month = months.setdefault(ev["type"], {})
                by_month[when] = by_month.get(when, 0) + 1
    timeline = [{"type": t, "label": f"{EVENT_LABELS.get(t, t)} {t}",
                 "x": sorted(by_month), "y": [by_month[m] for m in sorted(by_month)]}
                for t, by_month in sorted(months.items())]
    partners = (ent.get("network") or [])[:30]
    top = max([p["count"] for p in partners] or [1])
    nodes = [{"name": ent["name"], "x": 0.0, "y": 0.0, "count": None, "id": ent.get("id")}]
    for i, p in enumerate(partners):
        angle = math.pi / 2 + 2 * math.pi * i / max(1, len(partners))
        r = 1.0 - 0.45 * (p["count"] / top)
        nodes.append({"name": p["name"], "x": round(r * math.cos(angle), 4),
                      "y": round(r * math.sin(angle), 4), "count": p["count"], "id": p["id"]})
    return {"timeline": timeline, "network": nodes}


@router.get("/entities/{key:path}", response_class=HTMLResponse)
async def entity_page(request: Request, qs: Annotated[Queries, Depends(queries)], key: str):
    ent = await run_in_threadpool(qs.entity, entity_key(key), PAGE_EVENTS)
    if ent is None:
        raise HTTPException(404, "no such entity")
    events = sorted(ent.get("timeline") or [], key=lambda e: e.get("date") or "", reverse=True)
    return render(request, "entity.html", ent=ent, events=events[:PAGE_EVENTS],
                  charts=entity_charts(ent))


@router.get("/events", response_class=HTMLResponse)
async def events_page(request: Request, qs: Annotated[Queries, Depends(queries)],
                      f: Annotated[Filters, Depends(event_filters)], offset: Offset = 0):
    items = await run_in_threadpool(qs.events, f, 51, offset)
    params = {k: v for k, v in {"type": f.event_type, "entity": f.entity, "place": f.place,
                                "date_from": f.date_from, "date_to": f.date_to}.items() if v}
    return render(request, "events.html", f=f, params=params, items=items[:50],
                  offset=offset, more=len(items) > 50)


@router.get("/docs", response_class=HTMLResponse)
async def api_docs(request: Request):
    """The API reference, rendered from the OpenAPI description (no CDN, no inline script)."""
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description") or p.get("schema", {}).get("description", ""),
                       "schema": _schema_text(p.get("schema", {}))}
                      for p in op.get("parameters", [])]
            body = op.get("requestBody", {}).get("content", {})
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "params": params,
                        "body": ", ".join(body), "tags": op.get("tags", []),
                        "secured": "corrections" in path and method == "post" or path.endswith("/extract")})
    return render(request, "docs.html", spec=spec, ops=ops)


def _schema_text(schema: dict) -> str:
    if "anyOf" in schema:
        return " | ".join(_schema_text(s) for s in schema["anyOf"] if s.get("type") != "null")
    out = schema.get("type", "")
    if "enum" in schema:
        out += " (" + ", ".join(map(str, schema["enum"])) + ")"
    for k, label in (("minimum", "≥"), ("maximum", "≤"), ("maxLength", "max length "),
                     ("pattern", "pattern ")):
        if k in schema:
            out += f" {label}{schema[k]}"
    if "default" in schema and schema["default"] is not None:
        out += f", default {schema['default']}"
    return out
