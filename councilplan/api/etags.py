"""Weak ETags from a response's body, and 304 Not Modified for a matching If-None-Match.

Hashing the body costs less than a query and always changes when the data shown changes, so
Power BI and Excel refreshes that find nothing new download nothing.
"""

import hashlib

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import parse_etags


def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Tag a successful GET response; answer 304 when the client already holds this body."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    etag = f'W/"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    response["ETag"] = etag
    response["Vary"] = "Authorization"
    held = {tag.removeprefix("W/") for tag in parse_etags(request.headers.get("If-None-Match", ""))}
    if etag.removeprefix("W/") in held or "*" in held:
        not_modified = HttpResponseNotModified()
        not_modified["ETag"], not_modified["Vary"] = etag, "Authorization"
        return not_modified
    return response
