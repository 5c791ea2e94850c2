"""The REST API, under /api. Reads are open; corrections and extraction need a bearer token."""
from __future__ import annotations

import csv
import io
import json
import re
from typing import Annotated, Any, Iterator, Literal

import anyio
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from rasad.errors import InputError
from rasad.serve.queries import Filters, Queries

router = APIRouter(prefix="/api")

# empty values are allowed: an HTML form sends its empty fields
DATE_PATTERN = r"^(\d{4}(-\d{1,2}(-\d{1,2})?)?)?$"
TYPE_PATTERN = r"^([A-Za-z_]{1,40})?$"
ARTICLE_ID = r"^[0-9a-f]{64}$"

# extraction is CPU work: one at a time, so that reads stay fast while it runs
_extract_limiter: anyio.CapacityLimiter | None = None


def queries(request: Request) -> Queries:
    return request.app.state.queries


def filters(
    q: Annotated[str | None, Query(max_length=500, description=
                 'words and "quoted phrases", all required (Arabic folding and stemming)')] = None,
    event_type: Annotated[str | None, Query(pattern=TYPE_PATTERN,
                          description="PLOVER event type, e.g. CONSULT")] = None,
    entity: Annotated[str | None, Query(max_length=200, description=
                      "canonical id, or a name: any alias, spelling-insensitive")] = None,
    place: Annotated[str | None, Query(max_length=200, description=
                     "canonical id, name or ISO country code of a place named")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="the source outlet")] = None,
    date_from: Annotated[str | None, Query(pattern=DATE_PATTERN,
                         description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive")] = None,
    date_to: Annotated[str | None, Query(pattern=DATE_PATTERN,
                       description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive")] = None,
) -> Filters:
    return Filters(q=q, event_type=event_type, entity=entity, place=place, outlet=outlet,
                   date_from=date_from, date_to=date_to)


Limit = Annotated[int, Query(ge=1, le=100, description="items per page (1–100)")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="items to skip")]
ArticleId = Annotated[str, Path(description="the article's content hash (sha256, hex)")]


def page(items: list, total: int, limit: int, offset: int) -> dict:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def author_of(request: Request) -> str:
    """The name of the bearer token (stored as the author of a correction); 401 when the
    token is missing, unknown, revoked or expired."""
    qs: Queries = request.app.state.queries
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(401, "this needs a token: Authorization: Bearer <token>")
    if len(token) > 512:
        raise HTTPException(401, "invalid or expired token")
    name = qs.token_name(token)
    if not name:
        raise HTTPException(401, "invalid or expired token")
    return name


Author = Annotated[str, Depends(author_of)]


def _article_or_404(qs: Queries, article_id: str, corrected: bool = False) -> dict:
    if not re.fullmatch(ARTICLE_ID, article_id):
        raise HTTPException(404, "no such article")
    record = qs.article(article_id, corrected=corrected)
    if record is None:
        raise HTTPException(404, "no such article")
    return record


# -- reading

@router.get("/stats", summary="How much is stored", tags=["read"])
def stats(qs: Annotated[Queries, Depends(queries)]) -> dict[str, int]:
    return qs.counts()


@router.get("/articles", summary="List articles, newest first, with filters", tags=["read"])
def list_articles(qs: Annotated[Queries, Depends(queries)], f: Annotated[Filters, Depends(filters)],
                  limit: Limit = 20, offset: Offset = 0) -> dict:
    hits, total = qs.search(f, limit, offset)
    return page(hits, total, limit, offset)


@router.get("/articles/{article_id}", summary="One article record", tags=["read"])
def get_article(qs: Annotated[Queries, Depends(queries)], article_id: ArticleId,
                corrected: Annotated[bool, Query(description=
                    "apply the analysts' corrections (when the database supports them)")] = True
                ) -> dict[str, Any]:
    """The record as rasad.output.to_record made it (text, body, removed blocks, entities
    with mention offsets, events with evidence and trigger offsets, quotes with span and cue),
    plus `corrections`: who corrected what and when. With `corrected` (the default) the
    corrections are applied: rejected facts carry "rejected": true, edited fields are
    replaced, and "corrected_by"/"corrected_at" say who and when. Entities carry their
    canonical_id, canonical_name and latin."""
    record = _article_or_404(qs, article_id, corrected)
    return {**record, "corrections": qs.article_corrections(record)}


@router.get("/search", summary="Search articles (Arabic-aware), with filters and paging",
            tags=["read"])
def search(qs: Annotated[Queries, Depends(queries)], f: Annotated[Filters, Depends(filters)],
           limit: Limit = 20, offset: Offset = 0,
           with_facets: Annotated[bool, Query(description="also return facet counts")] = False
           ) -> dict:
    """Articles containing every word and "phrase" of `q` (spelling variants, harakat, the
    article and common suffixes do not matter), best first; without `q`, the articles that
    pass the filters, newest first. `total` counts all matches."""
    hits, total = qs.search(f, limit, offset)
    out = page(hits, total, limit, offset)
    if with_facets:
        out["facets"] = qs.facets(f)
    return out


@router.get("/facets", summary="Counts of matching articles per event type, entity, place, "
                                "outlet and month", tags=["read"])
def facets(qs: Annotated[Queries, Depends(queries)], f: Annotated[Filters, Depends(filters)],
           size: Annotated[int, Query(ge=1, le=100)] = 12) -> dict:
    return qs.facets(f, size)


@router.get("/entities", summary="Canonical entities, most articles first", tags=["read"])
def list_entities(qs: Annotated[Queries, Depends(queries)],
                  prefix: Annotated[str | None, Query(max_length=200, description=
                      "start of any word of a name or alias (Arabic or Latin)")] = None,
                  type: Annotated[Literal["PER", "ORG", "LOC", "MISC"] | None, Query()] = None,
                  limit: Limit = 50, offset: Offset = 0) -> dict:
    items = qs.entities(prefix, type, limit + 1, offset)
    return more_page(items, limit, offset)


def entity_key(key: str) -> str | int:
    key = key.strip()
    if not key or len(key) > 300:
        raise HTTPException(404, "no such entity")
    return int(key) if key.isdigit() else key


@router.get("/entities/{key:path}", summary="One entity: names, offices, timeline, partners",
            tags=["read"])
def get_entity(qs: Annotated[Queries, Depends(queries)],
               key: Annotated[str, Path(description="canonical id, or a name (any alias)")]
               ) -> dict:
    """The canonical entity: name, Latin name, codes (ISO, GeoNames), aliases and titles
    with counts, its timeline (the latest 500 event clusters it takes part in), `activity`
    (all its events counted per type and month), `n_events`, and `network`: its partners in
    CONSULT events with counts."""
    ent = qs.entity(entity_key(key))
    if ent is None:
        raise HTTPException(404, "no such entity")
    return ent


def more_page(items: list, limit: int, offset: int) -> dict:
    """A page fetched with limit + 1 rows: `more` says whether another page follows."""
    return {"limit": limit, "offset": offset, "more": len(items) > limit, "items": items[:limit]}


def event_filters(
    type: Annotated[str | None, Query(pattern=TYPE_PATTERN,
                    description="PLOVER event type, e.g. CONSULT")] = None,
    entity: Annotated[str | None, Query(max_length=200, description=
                      "a participant: canonical id or name (any alias)")] = None,
    place: Annotated[str | None, Query(max_length=200, description=
                     "canonical id, name or ISO country code")] = None,
    date_from: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
    date_to: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
) -> Filters:
    return Filters(event_type=type, entity=entity, place=place, date_from=date_from,
                   date_to=date_to)


@router.get("/events", summary="Events (one per real-world event, with its sources), newest "
                               "first", tags=["read"])
def list_events(qs: Annotated[Queries, Depends(queries)],
                f: Annotated[Filters, Depends(event_filters)],
                limit: Limit = 50, offset: Offset = 0) -> dict:
    """Each item is an event cluster: the same event reported by one or more articles —
    id, type, date, place, participants, n_articles, outlets, and `sources` (article id,
    url, outlet, evidence offsets and text, trigger, names as written, `target_key` for
    corrections)."""
    return more_page(qs.events(f, limit + 1, offset), limit, offset)


def _export_filters(f: Filters) -> dict:
    return {"type": f.event_type, "entity": f.entity, "place": f.place,
            "date_from": f.date_from, "date_to": f.date_to}


def _flat(row: dict) -> dict:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
            for k, v in row.items() if k != "sources"}


@router.get("/events/export.{fmt}", summary="All matching events as CSV or JSON", tags=["read"])
def export_events(qs: Annotated[Queries, Depends(queries)],
                  f: Annotated[Filters, Depends(event_filters)], fmt: Literal["csv", "json"]):
    """Same filters as /api/events, every matching event. CSV: one row per event, lists as
    JSON text (UTF-8 with a byte-order mark, for spreadsheets). JSON: an array of the
    nested rows, sources included."""
    from rasad.store.export import csv_safe, rows
    qs.events(f, 1, 0)               # a bad filter fails here, before the response starts
    filters = _export_filters(f)

    def as_csv() -> Iterator[str]:
        buf = io.StringIO()
        buf.write("\ufeff")
        writer = None
        for n, row in enumerate(rows(qs.store, "events", **filters), 1):
            flat = csv_safe(_flat(row))
            if writer is None:
                writer = csv.DictWriter(buf, fieldnames=list(flat), extrasaction="ignore")
                writer.writeheader()
            writer.writerow(flat)
            if n % 200 == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()

    def as_json() -> Iterator[str]:
        yield "["
        for n, row in enumerate(rows(qs.store, "events", **filters)):
            yield ("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False)
        yield "\n]\n"

    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    return StreamingResponse(as_csv() if fmt == "csv" else as_json(), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="events.{fmt}"'})


@router.get("/quotes", summary="Quotes, newest first", tags=["read"])
def list_quotes(qs: Annotated[Queries, Depends(queries)],
                speaker: Annotated[str | None, Query(max_length=200, description=
                    "canonical id or name of the speaker")] = None,
                date_from: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
                date_to: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
                limit: Limit = 50, offset: Offset = 0) -> dict:
    Filters(date_from=date_from, date_to=date_to)      # checks the dates
    return more_page(qs.quotes(speaker, date_from, date_to, limit + 1, offset), limit, offset)


@router.get("/articles/{article_id}/corrections", summary="Corrections shown on an article",
            tags=["corrections"])
def list_corrections(qs: Annotated[Queries, Depends(queries)], article_id: ArticleId) -> list[dict]:
    """Oldest first: those of its events and quotes, and those of the entities it names."""
    return qs.article_corrections(_article_or_404(qs, article_id))


# -- writing

class CorrectionIn(BaseModel):
    target_kind: Literal["event", "quote", "entity"] = Field(description="what is corrected")
    target_key: str = Field(max_length=300, description=(
        "EVENT:<type>:<trigger_start>:<trigger_end> or QUOTE:<start>:<end> (the `target_key` "
        "of the fact as extracted), or ENTITY:<canonical id>"))
    action: Literal["confirm", "reject", "edit", "merge", "split"]
    payload: dict[str, Any] = Field(default_factory=dict, description=(
        "edit: the new values (event: type, source, target, date, location; quote: "
        "speaker); merge: {\"into\": <canonical id>}; split: optional {\"name\": …}"))


@router.post("/articles/{article_id}/corrections", status_code=201,
             summary="Correct a fact of an article (needs a token)", tags=["corrections"])
def add_correction(qs: Annotated[Queries, Depends(queries)], article_id: ArticleId,
                   body: CorrectionIn, author: Author) -> dict:
    """Confirm, reject or edit an event or a quote; confirm, merge or split an entity. The
    correction is stored with the token's name and the time, shown on the article page, and
    kept when the same article is ingested again. Merges and splits apply at once."""
    _article_or_404(qs, article_id)
    if len(json.dumps(body.payload)) > 10_000:
        raise HTTPException(413, "the payload is over 10,000 characters")
    cid = qs.add_correction(article_id, body.target_kind, body.target_key, body.action,
                            body.payload, author)
    stored = [c for c in qs.corrections(target_key=body.target_key) if c.get("id") == cid]
    return {"id": cid, "author": author, "correction": stored[0] if stored else None}


class ExtractIn(BaseModel):
    text: str = Field(description="the article text")
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=200)


async def _bounded_body(request: Request) -> bytes:
    limit = request.app.state.max_post_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the posted text is over {limit:,} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"the posted text is over {limit:,} bytes")
    return bytes(body)


@router.post("/extract", summary="Extract names, events and quotes from posted text (needs a "
                                  "token)", tags=["extract"],
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": ExtractIn.model_json_schema()},
                 "text/plain": {"schema": {"type": "string"}}}}})
async def extract(request: Request, author: Author) -> dict:
    """Post JSON `{"text": …, "title"?, "url"?, "source"?}` or plain UTF-8 text (at most
    1 MB; more gets 413). Returns the article record; nothing is stored."""
    raw = await _bounded_body(request)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if ctype == "application/json":
            data = ExtractIn.model_validate_json(raw)
        elif ctype in ("text/plain", ""):
            data = ExtractIn(text=raw.decode("utf-8"))
        else:
            raise HTTPException(415, "post application/json or text/plain")
    except UnicodeDecodeError:
        raise HTTPException(422, "the text is not UTF-8") from None
    except ValueError as error:        # pydantic's ValidationError
        raise HTTPException(422, f"invalid body: {str(error).splitlines()[0]}") from None
    if not data.text.strip():
        raise HTTPException(422, "the text is empty")

    def run() -> dict:
        from rasad.output import to_record
        from rasad.pipeline import extract_text
        meta = {k: v for k, v in (("title", data.title), ("url", data.url),
                                  ("source", data.source)) if v}
        return to_record(extract_text(data.text, origin="<api>", **meta))

    global _extract_limiter
    if _extract_limiter is None:
        _extract_limiter = anyio.CapacityLimiter(1)
    try:
        return await anyio.to_thread.run_sync(run, limiter=_extract_limiter)
    except InputError as error:
        raise HTTPException(422, f"{error.source}: {error.reason}") from None


@router.get("/health", summary="Liveness", tags=["read"])
def health() -> dict:
    return {"ok": True}
