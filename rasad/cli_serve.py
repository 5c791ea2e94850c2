"""`rasad serve`: the REST API and the analyst's web pages over a database.

    rasad serve [--db PATH] [--host 127.0.0.1] [--port 8000]
"""
from __future__ import annotations

import os
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("serve", help="serve the REST API and the Arabic web UI",
                              description="Serve the REST API (/api, reference at /docs) and the "
                                          "analyst's pages over a database. Loopback only "
                                          "unless --host says otherwise.")
    p.add_argument("--db", help="database path or URL (default: $RASAD_DB or ./rasad.db)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1,
                   help="worker processes (default 1; one per core serves more at once)")
    p.add_argument("--log-level", default="info",
                   choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(func=cmd_serve)


def cmd_serve(args) -> int:
    import uvicorn

    from rasad.errors import InputError
    from rasad.serve.app import create_app

    if not 0 < args.port < 65536:
        print(f"rasad: --port {args.port} is not a port number", file=sys.stderr)
        return 2
    if not 1 <= args.workers <= 64:
        print(f"rasad: --workers must be 1–64, not {args.workers}", file=sys.stderr)
        return 2
    try:
        app = create_app(args.db)       # opened here too, so that a bad database fails now
    except InputError as exc:
        print(f"rasad: {exc.source}: {exc.reason}", file=sys.stderr)
        return 2
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"rasad: listening on {args.host}: reachable from other machines; corrections "
              f"still need a token", file=sys.stderr)
    print(f"rasad: serving {app.state.store.name} on http://{args.host}:{args.port}/ "
          f"(API reference: /docs)", file=sys.stderr)
    options = dict(host=args.host, port=args.port, log_level=args.log_level,
                   server_header=False, proxy_headers=False)
    if args.workers == 1:
        uvicorn.run(app, **options)
    else:
        # each worker process opens the database itself: pass it on through $RASAD_DB
        app.state.store.close()
        if args.db:
            os.environ["RASAD_DB"] = args.db
        uvicorn.run("rasad.serve.app:app_from_env", factory=True, workers=args.workers,
                    **options)
    return 0
