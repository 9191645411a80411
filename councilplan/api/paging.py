"""Limit/offset pages of a list in a stable order, with the total count."""

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from ninja import Schema
from pydantic import Field

T = TypeVar("T")
M = TypeVar("M", bound=Any)
MAX_LIMIT = 500


class Paging(Schema):
    """Which slice of the list to return."""

    limit: int = Field(100, ge=1, le=MAX_LIMIT, description="How many items, at most 500.")
    offset: int = Field(0, ge=0, le=10**9, description="How many items to skip.")


class Page(Schema, Generic[T]):
    """A slice of a list: ``count`` is the length of the whole list."""

    count: int
    limit: int
    offset: int
    items: list[T]


def page_of(
    items: "QuerySet[M] | Sequence[M]", paging: Paging, build: Callable[[list[M]], list[T]]
) -> Page[T]:
    """The slice ``paging`` asks for of items already in a stable order, each built for output."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    chosen = list(items[paging.offset : paging.offset + paging.limit])
    return Page[T](count=count, limit=paging.limit, offset=paging.offset, items=build(chosen))


def each(build: Callable[[M], T]) -> Callable[[list[M]], list[T]]:
    """Build every item of a page with ``build``."""
    return lambda items: [build(item) for item in items]
