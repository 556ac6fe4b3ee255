"""The read-only web dashboard: ``create_app(store)`` and ``make_server`` (``dotterel serve``)."""

from .app import create_app
from .server import is_loopback, make_server

__all__ = ["create_app", "is_loopback", "make_server"]
