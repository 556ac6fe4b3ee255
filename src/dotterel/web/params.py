"""What a request may ask for: the query models of the dashboard and its API.

Every value from a URL is checked here before it reaches the store: actor codes
are three capital letters, event types come from the PLOVER list, dates are
``YYYY-MM-DD``, pages and sizes are bounded, and a search is short plain text.
Unknown parameters are refused, and a blank form field counts as absent.  A
failed check becomes a 422 with the reason (see ``app``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, get_args

from fastapi import Path
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ..ontology import load_ontology

__all__ = [
    "MAX_PAGE",
    "MAX_SIZE",
    "MAX_TOP",
    "SORTS",
    "ActorsQuery",
    "DocId",
    "DyadPageQuery",
    "DyadQuery",
    "EventId",
    "EventQuery",
    "NetworkQuery",
]

MAX_PAGE = 10_000
MAX_SIZE = 200
MAX_SEARCH = 200
MAX_TOP = 200
# Sort keys a client may name, each mapped to fixed SQL text by ``queries``.
SortKey = Literal["date", "type", "quad", "score", "confidence", "id"]
SORTS: tuple[str, ...] = get_args(SortKey)
Period = Literal["month", "quarter", "year"]  # the keys of analysis.PERIODS

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ID = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"


def _upper_code(value: Any) -> Any:
    """``rus`` → ``RUS`` (ASCII only, so no Unicode case folding sneaks a code in)."""
    return value.strip().upper() if isinstance(value, str) and value.isascii() else value


def _iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("expected a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"expected a date as YYYY-MM-DD ({exc})") from None


def _plain_text(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("search text must not contain control characters")
    return value


def _plover_type(value: str) -> str:
    if value not in load_ontology().types:
        raise ValueError("unknown PLOVER event type; use one of "
                         + ", ".join(load_ontology().types))
    return value


Code = Annotated[str, BeforeValidator(_upper_code),
                 Field(pattern=r"^[A-Z]{3}$", description="PLOVER actor code, e.g. RUS")]
IsoDate = Annotated[date, BeforeValidator(_iso_date), Field(description="YYYY-MM-DD")]
PloverType = Annotated[str, BeforeValidator(_upper_code), AfterValidator(_plover_type)]
SearchText = Annotated[str, Field(max_length=MAX_SEARCH,
                                  description="Words in the sentence, trigger or title."),
                      AfterValidator(_plain_text)]
EventId = Annotated[str, Path(pattern=_ID, description="Event id, e.g. 2fb50dfbb17bd115-0-0")]
DocId = Annotated[str, Path(pattern=_ID, description="Document id, e.g. 2fb50dfbb17bd115")]


class _Query(BaseModel):
    """Refuses unknown parameters; a blank value (an empty form field) is no value."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _drop_blanks(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value not in ("", [], [""])}
        return data


_NEGATED = "Keep negated and hypothetical events."
_MENTIONS = "Count every report, not each real-world event once."


class _Span(_Query):
    since: IsoDate | None = None
    until: IsoDate | None = None
    include_negated: bool = Field(default=False, description=_NEGATED)
    mentions: bool = Field(default=False, description=_MENTIONS)

    @model_validator(mode="after")
    def _ordered(self) -> _Span:
        if self.since and self.until and self.since > self.until:
            raise ValueError("since must not be after until")
        return self


class EventQuery(_Span):
    actor: Code | None = None
    recipient: Code | None = None
    a: Code | None = Field(default=None,
                           description="Dyad: with b, events between a and b either way.")
    b: Code | None = None
    type: list[PloverType] = Field(default=[], max_length=16)
    quad: int | None = Field(default=None, ge=1, le=4, description="Quad class 1–4.")
    q: SearchText | None = None
    sort: SortKey = "date"
    order: Literal["asc", "desc"] = "asc"
    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    size: int = Field(default=50, ge=1, le=MAX_SIZE)

    @model_validator(mode="after")
    def _pair(self) -> EventQuery:
        if (self.a is None) != (self.b is None):
            raise ValueError("a dyad needs both a and b")
        return self


class DyadQuery(_Span):
    a: Code
    b: Code
    by: Period = "year"


class DyadPageQuery(_Span):
    """The dyad explorer's form: every field optional (defaults come from the store)."""

    a: Code | None = None
    b: Code | None = None
    by: Period = "year"
    page: int = Field(default=1, ge=1, le=MAX_PAGE)

    @model_validator(mode="after")
    def _pair(self) -> DyadPageQuery:
        if (self.a is None) != (self.b is None):
            raise ValueError("pick two actors, a and b")
        return self


class NetworkQuery(_Query):
    top: int = Field(default=40, ge=1, le=MAX_TOP, description="How many edges, most events first.")
    include_negated: bool = Field(default=False, description=_NEGATED)
    mentions: bool = Field(default=False, description=_MENTIONS)


class ActorsQuery(_Query):
    include_negated: bool = Field(default=False, description=_NEGATED)
    mentions: bool = Field(default=False, description=_MENTIONS)
