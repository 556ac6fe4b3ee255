"""The one Store behind the app, used by one request at a time.

A DuckDB connection must not run two queries at once, and FastAPI runs plain
(``def``) endpoints in a thread pool, so every use of the store goes through
``answer``, which holds the app's lock for the call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import FastAPI, HTTPException, Request

from ..store import Store

__all__ = ["answer", "attach", "found"]

T = TypeVar("T")


def attach(app: FastAPI, store: Store) -> None:
    app.state.store = store
    app.state.store_lock = threading.Lock()


def answer(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(store, *args, **kwargs)`` with the store to ourselves."""
    state = request.app.state
    with state.store_lock:
        return fn(state.store, *args, **kwargs)


def found(value: T | None, what: str) -> T:
    """``value``, or a 404 saying what was not found."""
    if value is None:
        raise HTTPException(status_code=404, detail=f"no {what} in this database")
    return value
