"""Pages people use. The staff area and public site grow here (see issues 5 and 6)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from councilplan.plans.selectors import published_plans


def home(request: HttpRequest) -> HttpResponse:
    """The front page: the published plans of every organisation on this installation."""
    return render(request, "web/home.html", {"plans": published_plans()})
