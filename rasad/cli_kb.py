"""Knowledge-base commands, added to `rasad` by rasad.cli:

    rasad entity NAME [--db PATH] [--format text|json]     aliases (Arabic, Latin), offices, timeline
    rasad export --kind events|entities|quotes --format csv|jsonl|parquet --out FILE [filters] [--db]
    rasad token create NAME [--ttl-days N] [--db]          prints the token once
    rasad token revoke NAME [--db]
"""
from __future__ import annotations

import argparse
import json
import sys

from rasad.errors import InputError


def _fail(exc: InputError) -> int:
    print(f"rasad: {exc.source}: {exc.reason}", file=sys.stderr)
    return 2


def _open(db):
    from rasad.store import Store
    return Store.open(db)


def cmd_entity(args) -> int:
    try:
        with _open(args.db) as store:
            ent = store.entity(args.name.strip() if not args.name.strip().isdigit()
                               else int(args.name))
    except InputError as exc:
        return _fail(exc)
    if ent is None:
        print(f"rasad: no entity matches {args.name!r}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(ent, ensure_ascii=False, indent=1))
        return 0
    codes = ", ".join(f"{k} {ent[k]}" for k in ("iso2", "geonameid", "kind") if ent.get(k))
    print(f"{ent['name']}  /  {ent['latin'] or '—'}   [{ent['type']} #{ent['id']}"
          + (f"; {codes}" if codes else "") + (", ambiguous" if ent["ambiguous"] else "") + "]")
    print(f"articles {ent['articles']}, mentions {ent['mentions']}")
    if ent["aliases"]:
        print("أسماء / aliases: " + "، ".join(f"{a['alias']} ({a['count']})"
                                             for a in ent["aliases"][:20]))
    if ent["aliases_latin"]:
        print("Latin: " + "; ".join(ent["aliases_latin"][:10]))
    if ent["titles"]:
        print("مناصب / titles: " + "، ".join(f"{t['title']} ({t['count']})"
                                            for t in ent["titles"][:10]))
    if ent["timeline"]:
        print("الأحداث / timeline:")
    for ev in ent["timeline"]:
        partners = "، ".join(p["name"] for p in ev["partners"]) or "—"
        place = (ev["place"] or {}).get("name") or "—"
        outlets = ", ".join(sorted({s["outlet"] or "?" for s in ev["sources"]}))
        print(f"  {ev['date'] or '----------'}  {ev['type']}"
              + (f"/{ev['mode']}" if ev["mode"] else "")
              + f"  ({ev['role']})  مع / with: {partners}  في / at: {place}"
              + f"  [{len(ev['sources'])} source(s): {outlets}]")
    return 0


def cmd_export(args) -> int:
    from rasad.store.export import FILTERS, export
    filters = {k: getattr(args, k) for k in FILTERS[args.kind] if getattr(args, k, None)}
    extra = [k for k in ("entity", "place", "speaker", "prefix", "date_from", "date_to", "type")
             if getattr(args, k, None) and k not in FILTERS[args.kind]]
    if extra:
        print(f"rasad: export of {args.kind} cannot be filtered by "
              f"{', '.join('--' + k.replace('_', '-') for k in extra)}", file=sys.stderr)
        return 2
    try:
        with _open(args.db) as store:
            n = export(store, args.kind, args.format, args.out, **filters)
    except InputError as exc:
        return _fail(exc)
    print(f"wrote {n} {args.kind} to {args.out}")
    return 0


def cmd_token(args) -> int:
    try:
        with _open(args.db) as store:
            if args.action == "create":
                token = store.create_token(args.name, ttl_days=args.ttl_days)
                print(token)
                print("rasad: keep this token: it is shown only once", file=sys.stderr)
            else:
                n = store.revoke_token(args.name)
                print(f"revoked {n} token{'s' if n != 1 else ''} named {args.name!r}")
                if n == 0:
                    return 1
    except InputError as exc:
        return _fail(exc)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("entity", help="a canonical entity: aliases, Latin name, offices, timeline")
    p.add_argument("name", help="a name (any alias, Arabic or Latin) or a canonical id")
    p.add_argument("--db", help="database path or URL (default: $RASAD_DB or ./rasad.db)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_entity)

    p = sub.add_parser("export", help="export events, entities or quotes (CSV, JSON Lines, Parquet)")
    p.add_argument("--kind", choices=["events", "entities", "quotes"], required=True)
    p.add_argument("--format", choices=["csv", "jsonl", "parquet"], required=True)
    p.add_argument("--out", required=True, help="the file to write")
    p.add_argument("--db")
    p.add_argument("--type", help="event type (events) or entity type PER/ORG/LOC/MISC (entities)")
    p.add_argument("--entity", help="events with this participant")
    p.add_argument("--place", help="events at this place (name or ISO code)")
    p.add_argument("--speaker", help="quotes of this speaker")
    p.add_argument("--prefix", help="entities whose name starts so")
    p.add_argument("--from", dest="date_from")
    p.add_argument("--to", dest="date_to")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("token", help="API tokens for the web API")
    tsub = p.add_subparsers(dest="action", required=True)
    c = tsub.add_parser("create", help="create a token and print it (once)")
    c.add_argument("name")
    c.add_argument("--ttl-days", dest="ttl_days", type=int)
    c.add_argument("--db")
    r = tsub.add_parser("revoke", help="revoke every token of this name")
    r.add_argument("name")
    r.add_argument("--db")
    p.set_defaults(func=cmd_token)
