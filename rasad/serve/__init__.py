"""rasad's web side: a REST API (FastAPI, OpenAPI at /openapi.json, reference at /docs) and an
Arabic right-to-left UI for analysts, over one database. See rasad.serve.app.create_app."""
from rasad.serve.app import create_app

__all__ = ["create_app"]
