"""Pages anyone may read, signed in or not. The public progress site grows here (issue 6)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from councilplan.plans.selectors import published_plans


def home(request: HttpRequest) -> HttpResponse:
    """The front page: the published plans of every organisation on this installation."""
    return render(request, "web/home.html", {"plans": published_plans()})
