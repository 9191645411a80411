"""Who is asking: a bearer token's user, or, for reads of published data, nobody at all.

A request with a bad or revoked token is refused (401) rather than treated as anonymous, so a
script whose token was revoked notices instead of silently seeing less.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from councilplan.accounts.models import User
from councilplan.accounts.tokens import user_for_key


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <key>`` with a key made on the "API tokens" page."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        """The token's user; 401 for a key that is unknown or revoked."""
        user = user_for_key(token)
        if user is None:
            raise AuthenticationError(message="The API token is unknown or has been revoked.")
        return user


def public_read(request: HttpRequest) -> AnonymousUser | None:
    """No token at all: read published data only (a bad token has been refused already)."""
    if "Authorization" in request.headers:
        return None
    return AnonymousUser()


READ = [TokenAuth(), public_read]
WRITE = [TokenAuth()]


def reader(request: HttpRequest) -> User | None:
    """The token's user, or None for an anonymous reader of published data."""
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, User) else None


def writer(request: HttpRequest) -> User:
    """The token's user of a write endpoint (which only TokenAuth lets in)."""
    user = reader(request)
    if user is None:
        raise AuthenticationError
    return user
