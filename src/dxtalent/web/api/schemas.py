"""What every API input and output shares: the error shape, input that fits the database's
columns, text without NUL characters, and bounded pagination.

The database's limits are read from the model a schema fills (its `db_model`), so that a name
longer than the column, an integer beyond the column's range or `null` for a field that cannot
be empty is a 400 naming the field on every database, not a 500 on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, ClassVar

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import ValidationInfo, field_validator

from dxtalent.core.text import NUL, nul_message

# The largest page a list answers, and the furthest offset (PostgreSQL's int4, so that
# LIMIT/OFFSET never overflow).
MAX_LIMIT = 1000
MAX_OFFSET = 2**31 - 1
# A random seed: what numpy's generators accept (0 to 2**32 - 1).
MAX_SEED = 2**32 - 1


class ErrorOut(Schema):
    loc: list[str] = Field(..., description="Where: body/query/path/header and the field")
    msg: str


class ErrorsOut(Schema):
    """The one shape of every error the API answers."""

    errors: list[ErrorOut]


def answers(ok: Any, status: int = 200, *, extra: tuple[int, ...] = ()) -> dict[int, Any]:
    """An operation's `response=`: its success schema and the errors it can answer (400 bad
    input, 401 not signed in, 403 role too low or CSRF, 404 not there or not yours, 500)."""
    return {status: ok, **dict.fromkeys((400, 401, 403, 404, *extra, 500), ErrorsOut)}


def _nul_in(value: Any) -> str | None:
    """The first text (a value or a key, at any depth) holding a NUL character, or None."""
    if isinstance(value, str):
        return value if NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _nul_in(key) or _nul_in(item)
            if found is not None:
                return found
    if isinstance(value, list | tuple):
        for item in value:
            found = _nul_in(item)
            if found is not None:
                return found
    return None


def _column(model: type[models.Model] | None, name: str | None) -> models.Field[Any, Any] | None:
    if model is None or name is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


class In(Schema):
    """An input body. Refuses NUL characters in any text; for fields of `db_model`, also text
    longer than the column, integers outside the column's range (PostgreSQL's, on every
    database) and null for a column that cannot be null."""

    db_model: ClassVar[type[models.Model] | None] = None

    @field_validator("*", mode="after")
    @classmethod
    def _fits_the_column(cls, value: Any, info: ValidationInfo) -> Any:
        found = _nul_in(value)
        if found is not None:
            raise ValueError(nul_message(found))
        column = _column(cls.db_model, info.field_name)
        if column is None:
            return value
        if value is None:
            if not column.null:
                raise ValueError("may not be null; leave the field out to keep its value")
            return value
        if isinstance(value, str) and column.max_length and len(value) > column.max_length:
            raise ValueError(f"{len(value)} characters; at most {column.max_length} are accepted")
        if isinstance(value, int) and not isinstance(value, bool):
            low, high = BaseDatabaseOperations.integer_field_ranges.get(
                column.get_internal_type(), (None, None)
            )
            if low is not None and high is not None and not low <= value <= high:
                raise ValueError(f"{value} is out of range; from {low} to {high} is accepted")
        return value


class Pagination(LimitOffsetPagination):
    """limit (1 to MAX_LIMIT) and offset (0 to MAX_OFFSET); beyond them a 400 naming it."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


def refuse_nul_in_request(view: Callable[..., Any]) -> Callable[..., Any]:
    """A view decorator: a NUL character in the path or a query parameter is a 400 naming it,
    before any of it reaches the database."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        bad: list[dict[str, object]] = []
        for name, value in kwargs.items():
            if isinstance(value, str) and NUL in value:
                bad.append({"loc": ["path", name], "msg": nul_message(value)})
        for name, values in request.GET.lists():
            for value in [name, *values]:
                if NUL in value:
                    bad.append({"loc": ["query", name.replace(NUL, "")], "msg": nul_message(value)})
                    break
        if bad:
            response: HttpResponse = JsonResponse({"errors": bad}, status=400)
            return response
        return view(request, *args, **kwargs)

    return checked
