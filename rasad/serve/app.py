"""The web application: the REST API under /api, the analyst's pages, static files.

    app = create_app("rasad.db")          # or create_app(store=Store.open(...))

Every response carries security headers (a Content-Security-Policy that allows only this
site's own scripts, nosniff, no framing, no referrer to other sites). Errors are JSON under
/api and a small page elsewhere; an unexpected exception is logged and answered with a bare
500, never a traceback.
"""
from __future__ import annotations

import json
import logging
import os
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.staticfiles import StaticFiles

from rasad.errors import InputError
from rasad.serve.cache import ResponseCache
from rasad.store import Store, StoreError

log = logging.getLogger("rasad.serve")

HERE = Path(__file__).parent
MAX_POST_BYTES = 1_000_000
READ_THREADS = 2              # threads per worker for database reads and rendering

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
     b"img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
     b"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class Guard:
    """Outermost layer: adds the security headers to every response and turns an exception
    that escaped everything else into a logged, bare JSON 500."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            response = JSONResponse({"error": "internal server error", "status": 500},
                                    status_code=500)
            await response(scope, receive, send_with_headers)


def json_script(data) -> Markup:
    """JSON for a <script type="application/json"> data island: '<', '>' and '&' escaped so
    that no text in it can close the element."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def make_templates() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(["html"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["json_script"] = json_script
    from urllib.parse import quote, urlencode
    env.filters["qpath"] = lambda s: quote(str(s), safe="")
    env.filters["basename"] = lambda s: str(s).replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    env.globals["urlencode"] = lambda d: urlencode({k: v for k, v in d.items() if v not in (None, "")})
    return env


def plotly_js_path() -> Path | None:
    """plotly.min.js as shipped inside the installed plotly package (served, never fetched)."""
    try:
        import plotly
    except ImportError:
        return None
    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    return path if path.is_file() else None


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json" or \
        "text/html" not in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str, details=None):
    if _wants_json(request):
        body = {"error": message, "status": status}
        if details:
            body["details"] = details
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse(body, status_code=status, headers=headers)
    env: Environment = request.app.state.templates
    html = env.get_template("error.html").render(status=status, message=message,
                                                 request=request)
    return HTMLResponse(html, status_code=status)


def create_app(db: str | None = None, *, store: Store | None = None,
               max_post_bytes: int = MAX_POST_BYTES) -> FastAPI:
    """The app over the database at `db` (path or URL; None: $RASAD_DB or ./rasad.db), or over
    an open `store`. Raises StoreError when the database cannot be opened."""
    from rasad.serve import api, ui
    from rasad.serve.queries import Queries

    store = store or Store.open(db)

    @asynccontextmanager
    async def lifespan(_app):
        # few threads for the blocking reads: with dozens, every request shares the GIL with
        # all the others and all finish late; with few, they queue and most finish early
        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = int(os.environ.get("RASAD_SERVE_THREADS", READ_THREADS))
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="rasad API",
        version="1",
        description=(
            "Read the database of Arabic news articles, the political events (PLOVER), names "
            "and quotes extracted from them — every fact with the character offsets of its "
            "evidence in the article text.\n\n"
            "Reading needs no token. Writing (corrections) and extraction on demand need "
            "`Authorization: Bearer <token>`, with a token from `rasad token create NAME`.\n\n"
            "Errors are JSON: `{\"error\": message, \"status\": code}`."),
        docs_url=None, redoc_url=None,     # /docs is our own page: no CDN, no inline script
    )
    app.state.store = store
    app.state.queries = Queries(store)
    app.state.templates = make_templates()
    app.state.max_post_bytes = max_post_bytes

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        return error_response(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        details = [{"where": ".".join(str(x) for x in e.get("loc", ())), "problem": e.get("msg")}
                   for e in exc.errors()]
        return error_response(request, 422, "invalid request", details)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError):
        if isinstance(exc, StoreError):
            log.error("database problem: %s: %s", exc.source, exc.reason)
            return error_response(request, 503, "the database cannot be read just now")
        return error_response(request, 422, f"{exc.source}: {exc.reason}")

    app.include_router(api.router)
    app.include_router(ui.router)

    plotly_js = plotly_js_path()

    @app.get("/static/vendor/plotly.min.js", include_in_schema=False)
    def plotly_min_js():
        if plotly_js is None:
            return error_response_plain(404, "plotly is not installed")
        return FileResponse(plotly_js, media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.add_middleware(ResponseCache, queries=app.state.queries)
    app.add_middleware(Guard)                       # outermost: headers on cached answers too
    return app


def app_from_env() -> FastAPI:
    """The app over $RASAD_DB: what each worker process of `rasad serve --workers N` runs."""
    return create_app(None)


def error_response_plain(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status)
