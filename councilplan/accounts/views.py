"""Signing in, with failed attempts limited per account and per address."""

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Q
from django.utils import timezone

from .models import LoginFailure

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)


class RateLimitedAuthenticationForm(AuthenticationForm):
    """Refuses to try a password after MAX_FAILURES failures for the account or the address."""

    def clean(self) -> dict[str, Any]:
        username = (self.data.get("username") or "").strip().lower()
        ip = self.request.META.get("REMOTE_ADDR") if self.request else None
        recent = LoginFailure.objects.filter(at__gte=timezone.now() - WINDOW)
        if recent.filter(Q(username=username) | Q(ip_address=ip)).count() >= MAX_FAILURES:
            raise forms.ValidationError(
                "Too many failed attempts. Wait 15 minutes, then try again.", code="rate_limited"
            )
        try:
            return super().clean()
        except forms.ValidationError:
            LoginFailure.objects.create(username=username, ip_address=ip)
            raise


class LoginView(auth_views.LoginView):
    """The sign-in page, GOV.UK styled, rate limited."""

    form_class = RateLimitedAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True
