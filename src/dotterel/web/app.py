"""``create_app(store)``: the read-only dashboard over one :class:`~dotterel.store.Store`.

Pages (server-rendered with Jinja2, light JavaScript for the charts):

    /                     dyad explorer: timeline of two actors, events below
    /events               events table: filters, sorting, server-side pages
    /events/{id}          one event with its evidence highlighted
    /documents/{doc_id}   a document with every coded event highlighted
    /network              who acts on whom

and the JSON API they use under ``/api`` (OpenAPI at ``/docs``).  Bad input is a
4xx with the reason: JSON under ``/api``, an HTML page elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..about import __version__
from ..errors import DotterelError
from ..store import Store
from . import api, pages
from .access import attach

__all__ = ["STATIC", "create_app"]

STATIC = Path(__file__).resolve().parent / "static"
# Vega compiles expressions with Function(), hence 'unsafe-eval'; vega-embed adds <style>.
_CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
        "form-action 'self'")
_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
            "X-Frame-Options": "DENY"}
# The API page (Swagger UI, vendored) starts itself with an inline script.
_DOCS_CSP = _CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


def create_app(store: Store, *, allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The dashboard app over ``store`` (open it read-only); ``allowed_hosts`` limits Host:."""
    app = FastAPI(title="dotterel", version=__version__, docs_url=None, redoc_url=None,
                  description="Read-only explorer of a dotterel event database.")
    attach(app, store)
    app.get("/docs", include_in_schema=False)(_api_docs)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    _handle_errors(app)
    app.middleware("http")(_security_headers)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    return app


def _api_docs() -> Response:
    """Swagger UI from the vendored copy: the page must work offline."""
    return get_swagger_ui_html(openapi_url="/openapi.json", title="dotterel API",
                               swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                               swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                               swagger_favicon_url="/static/favicon.svg")


async def _security_headers(request: Request, call_next: Any) -> Response:
    response = await call_next(request)
    docs = request.url.path == "/docs"
    response.headers.setdefault("Content-Security-Policy", _DOCS_CSP if docs else _CSP)
    for name, value in _HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _handle_errors(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if _is_api(request):
            return await request_validation_exception_handler(request, exc)
        problems = [pages.describe_error(error) for error in exc.errors()]
        return pages.error_page(request, 422, "The request has invalid parameters", problems)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if _is_api(request) or exc.status_code < 400:
            return await http_exception_handler(request, exc)
        return pages.error_page(request, exc.status_code, str(exc.detail), [])

    @app.exception_handler(DotterelError)
    async def refused(request: Request, exc: DotterelError) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return pages.error_page(request, 400, str(exc), [])
