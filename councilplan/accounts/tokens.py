"""API tokens: made with a random key shown once, stored as a digest, revoked by their owner.

A request to the API carries ``Authorization: Bearer <key>``; ``user_for_key`` finds the
active user it belongs to. Only the SHA-256 digest of a key is kept, so a copy of the database
gives no one access.
"""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import ApiToken, User

KEY_PREFIX = "cp_"
# How stale "last used" may get before a request records it again: one write a minute at most.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def digest(key: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def create_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a token for ``user``; returns it and its key, which is never shown again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Name the token after what will use it."})
    token = ApiToken(user=user, name=name[:100])
    key = assign_key(token)
    token.full_clean()
    token.save()
    return token, key


def assign_key(token: ApiToken) -> str:
    """Give an unsaved token a new random key; returns the key, which only its digest keeps."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token.digest, token.prefix = digest(key), key[:10]
    return key


def user_tokens(user: User) -> list[ApiToken]:
    """The user's own tokens, newest first, revoked ones included."""
    return list(ApiToken.objects.filter(user=user).order_by("-created_at", "-id"))


@transaction.atomic
def revoke_token(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens; any other id is not found."""
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    if not token.is_revoked:
        token.is_revoked = True
        token.save(update_fields=["is_revoked"])
    return token


def user_for_key(key: str) -> User | None:
    """The active user a key belongs to, if it is a key that has not been revoked."""
    if not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(key), is_revoked=False, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
