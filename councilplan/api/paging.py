"""Pages of a list in id order: by ``after`` (the last id seen; costs the same on any page) or
by ``offset``; ``count`` of the whole list only when asked for, since it reads every row."""

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Schema
from pydantic import Field

from .etags import conditional
from .schemas.common import Out

T = TypeVar("T")
M = TypeVar("M", bound=Any)
MAX_LIMIT = 500


class Paging(Schema):
    """Which slice of the list to return."""

    limit: int = Field(100, ge=1, le=MAX_LIMIT, description="How many items, at most 500.")
    after: int | None = Field(
        None,
        ge=0,
        le=2**62,
        description="Items after this id: pass the last page's `next_after` to read on.",
    )
    offset: int = Field(
        0, ge=0, le=10**9, description="How many items to skip (prefer `after` for long lists)."
    )
    count: bool = Field(False, description="Also count the whole list (reads all of it).")


class Page(Out, Generic[T]):
    """A slice of a list; ``next_after`` is the ``after`` of the next page (null on the last)."""

    count: int | None
    limit: int
    offset: int
    next_after: int | None
    items: list[T]


def page_of(
    items: "QuerySet[M] | Sequence[M]",
    paging: Paging,
    build: Callable[[list[M]], list[T]],
    *,
    id_of: Callable[[M], int] = lambda item: int(item.pk),
) -> Page[T]:
    """The slice ``paging`` asks for of items already in id order, each built for output."""
    count = None
    if paging.count:
        count = items.count() if isinstance(items, QuerySet) else len(items)
    if paging.after is not None:
        after = paging.after
        items = (
            items.filter(pk__gt=after)
            if isinstance(items, QuerySet)
            else [item for item in items if id_of(item) > after]
        )
    chosen = list(items[paging.offset : paging.offset + paging.limit + 1])
    more, chosen = len(chosen) > paging.limit, chosen[: paging.limit]
    return Page[T](
        count=count,
        limit=paging.limit,
        offset=paging.offset,
        next_after=id_of(chosen[-1]) if more else None,
        items=build(chosen),
    )


def each(build: Callable[[M], T]) -> Callable[[list[M]], list[T]]:
    """Build every item of a page with ``build``."""
    return lambda items: [build(item) for item in items]


def as_response(request: HttpRequest, page: Page[Any]) -> HttpResponse:
    """The page as JSON, serialised once. Its items are schemas already validated when built,
    so ninja's second validation of every nested field (half the time of a page of measures)
    is skipped; the route's ``response=`` still documents the shape."""
    response = HttpResponse(page.model_dump_json(), content_type="application/json")
    return conditional(request, response)
