"""A short-lived cache of whole GET responses, so that the same page or API answer asked for
again within CACHE_SECONDS costs no query and no rendering.

Only what cannot differ between users is kept: GET requests without an Authorization header
(reading needs no token and no page depends on one), answered 200, at most MAX_BODY bytes.
An entry is dropped when it is older than the Queries cache's CACHE_SECONDS (an ingest by
another process shows within that time, as the counts and facets already do) or when a
correction has been stored since, through this worker or another (Queries.generation).
"""
from __future__ import annotations

import time
from collections import OrderedDict

MAX_ENTRIES = 2000
MAX_BODY = 2_000_000
SKIPPED = ("/static/", "/api/export", "/api/health", "/api/extract")


class ResponseCache:
    """ASGI middleware; `queries` gives CACHE_SECONDS and the write generation."""

    def __init__(self, app, queries):
        self.app = app
        self.queries = queries
        self.entries: OrderedDict[bytes, tuple] = OrderedDict()

    def _cacheable(self, scope) -> bool:
        if scope["type"] != "http" or scope.get("method") != "GET":
            return False
        if scope["path"].startswith(SKIPPED):
            return False
        return not any(name == b"authorization" for name, _ in scope.get("headers", ()))

    async def __call__(self, scope, receive, send):
        if not self._cacheable(scope):
            return await self.app(scope, receive, send)
        key = scope.get("raw_path", scope["path"].encode()) + b"?" + scope.get("query_string", b"")
        now = time.monotonic()
        try:
            current = self.queries.generation
        except Exception:                   # the database cannot say: answer without the cache
            return await self.app(scope, receive, send)
        found = self.entries.get(key)
        if found is not None:
            made, generation, status, headers, body = found
            if now - made < self.queries.CACHE_SECONDS and generation == current:
                self.entries.move_to_end(key)
                await send({"type": "http.response.start", "status": status, "headers": headers})
                await send({"type": "http.response.body", "body": body, "more_body": False})
                return
            del self.entries[key]
        generation = current
        start: dict = {}
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def recording_send(message):
            nonlocal size, keep
            if message["type"] == "http.response.start":
                start.update(message)
                keep = message.get("status") == 200
            elif message["type"] == "http.response.body" and keep:
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > MAX_BODY:
                    keep = False
                    chunks.clear()
                else:
                    chunks.append(chunk)
                if not message.get("more_body", False) and keep:
                    self._store(key, now, generation, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, recording_send)

    def _store(self, key: bytes, made: float, generation, start: dict, body: bytes) -> None:
        try:
            if generation != self.queries.generation:      # a write happened meanwhile
                return
        except Exception:
            return
        self.entries[key] = (made, generation, start["status"], list(start.get("headers", [])),
                             body)
        while len(self.entries) > MAX_ENTRIES:
            self.entries.popitem(last=False)
