"""Published pages (and parts of staff pages) kept until their council's data changes.

A cached page's key holds its organisation's *data version*: a token replaced, once the
transaction commits, whenever anything of that organisation is saved or deleted (plans, themes,
actions, milestones, measures, targets, values, updates, reporting periods, links between
them). So a resident never sees a page older than the data: an approval shows at once, and the
page is worked out once per change instead of once per reader. Anything whose organisation
cannot be found (a row deleted with its parent) replaces the installation-wide token instead.

Only anonymous GETs with no pending messages are cached whole: signed-in people see their own
header. Staff pages keep only their body (``cached_fragment``), under a key naming the actions
the user may read. ``today`` is part of every key, since statuses (overdue) depend on it. The
cache must be shared by every worker and server: the database cache (``CACHES`` in settings).
"""

import hashlib
import uuid
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.safestring import SafeString, mark_safe

from councilplan.core import clock
from councilplan.measures.models import Measure
from councilplan.plans.models import Action, Organisation, Plan

EVERYWHERE = 0  # the "organisation" of installation-wide changes
TIMEOUT = 24 * 60 * 60
WATCHED_APPS = {"plans", "measures", "monitoring"}


def _version_key(organisation_id: int) -> str:
    return f"councilplan:data-version:{organisation_id}"


def data_version(organisation_id: int) -> str:
    """The organisation's current data version (a new one if the cache has lost it)."""
    key = _version_key(organisation_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key) or ""
    return str(version)


def _replace_version(organisation_id: int) -> None:
    cache.set(_version_key(organisation_id), uuid.uuid4().hex, None)


def data_changed(organisation_id: int | None) -> None:
    """Mark the organisation's published pages out of date (``None``: every organisation's).

    The version is replaced at once, which the database cache keeps inside the transaction so
    other readers see it with the data, and again after commit, for caches that are not
    transactional. Once per organisation and transaction, unless a page was kept since on
    this connection (a reader in the same transaction, as in tests)."""
    target = EVERYWHERE if organisation_id is None else organisation_id
    kept_since = _kept_here()
    pending = any(
        getattr(entry[1], "councilplan_organisation", None) == target  # (savepoints, callable, _)
        for entry in connection.run_on_commit
    )
    if pending and target not in kept_since and EVERYWHERE not in kept_since:
        return
    kept_since.discard(target)
    replace = partial(_replace_version, target)
    replace.councilplan_organisation = target  # type: ignore[attr-defined]
    replace()
    if not pending:
        transaction.on_commit(replace)


def _kept_here() -> set[int]:
    """Organisations whose pages this connection has kept since their last change."""
    kept: set[int] | None = getattr(connection, "councilplan_kept_pages", None)
    if kept is None:
        kept = set()
        connection.councilplan_kept_pages = kept  # type: ignore[attr-defined]
    return kept


def _key(organisation_id: int, parts: tuple[Any, ...]) -> str:
    """The cache key of a page or part for the current data of the organisation (hashed: the
    parts may hold spaces and query strings, which some caches refuse in keys)."""
    versions = (data_version(EVERYWHERE), data_version(organisation_id))
    named = "\x1f".join(str(part) for part in (*versions, clock.today().isoformat(), *parts))
    return f"councilplan:page:{hashlib.sha256(named.encode()).hexdigest()}"


def cached_page(
    request: HttpRequest,
    *,
    organisation_id: int,
    parts: tuple[Any, ...],
    build: Callable[[], HttpResponse],
) -> HttpResponse:
    """``build()``'s response, or the one kept for this page of this version of the data."""
    anonymous = not request.user.is_authenticated and not len(messages.get_messages(request))
    if request.method != "GET" or not anonymous:
        return build()
    key = _key(organisation_id, parts)
    kept = cache.get(key)
    if kept is not None:
        content, headers = kept
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response
    response = build()
    if response.status_code == 200 and not response.streaming and not response.cookies:
        headers = [
            (h, response[h]) for h in ("Content-Type", "Content-Disposition") if h in response
        ]
        cache.set(key, (response.content, headers), TIMEOUT)
        _kept_here().add(organisation_id)
    return response


def cached_fragment(
    *, organisation_id: int, parts: tuple[Any, ...], build: Callable[[], str]
) -> SafeString:
    """``build()``'s HTML, or the one kept for these ``parts`` of this version of the data.
    ``parts`` must name everything the HTML depends on besides the organisation's data (the
    period, the filters, the actions the reader may see); it must hold no per-user token."""
    key = _key(organisation_id, ("fragment", *parts))
    kept = cache.get(key)
    if kept is None:
        kept = build()
        cache.set(key, str(kept), TIMEOUT)
        _kept_here().add(organisation_id)
    return mark_safe(kept)  # noqa: S308 - our own template's output, escaped when rendered


def scope_of(ids: Iterable[int]) -> str:
    """A short name for a set of ids (the actions a reader may see), for cache keys."""
    return hashlib.sha256(",".join(map(str, sorted(ids))).encode()).hexdigest()[:24]


def organisation_of(instance: models.Model) -> int | None:
    """The organisation a row of the plan register belongs to (None when it cannot be told)."""
    if isinstance(instance, Organisation):
        return int(instance.pk)
    for link, model, path in (
        ("organisation", None, ""),
        ("plan", Plan, "organisation_id"),
        ("action", Action, "plan__organisation_id"),
        ("measure", Measure, "organisation_id"),
    ):
        if not hasattr(instance, f"{link}_id"):
            continue
        if model is None:
            return getattr(instance, "organisation_id", None)
        cached = instance._state.fields_cache.get(link)
        if cached is not None:
            return organisation_of(cached)
        found = model.objects.filter(pk=getattr(instance, f"{link}_id")).values_list(
            path, flat=True
        )
        return found.first()
    return None


def _saved_or_deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if sender._meta.app_label in WATCHED_APPS:
        data_changed(organisation_of(instance))


def _links_changed(
    sender: type[models.Model], instance: models.Model, action: str, **kwargs: Any
) -> None:
    if action.startswith("post_") and type(instance)._meta.app_label in WATCHED_APPS:
        data_changed(organisation_of(instance))


def watch_changes() -> None:
    """Connect the signals that keep cached pages fresh (from ``WebConfig.ready``)."""
    post_save.connect(_saved_or_deleted, dispatch_uid="councilplan-published-save")
    post_delete.connect(_saved_or_deleted, dispatch_uid="councilplan-published-delete")
    m2m_changed.connect(_links_changed, dispatch_uid="councilplan-published-links")
