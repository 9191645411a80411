"""API tokens: make one (its key shown once) and revoke your own, in the staff area."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from councilplan.accounts import tokens
from councilplan.accounts.models import ApiToken
from councilplan.web.views.common import staff_user


class TokenForm(forms.Form):
    """A name for a new token: what will use it."""

    name = forms.CharField(
        label="Token name",
        max_length=100,
        help_text='What will use it, for example "Power BI dashboard" or "council website".',
        error_messages={"required": "Enter a name for the token"},
    )


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """Your tokens; POST a name to make a new one, whose key this page shows once."""
    user = staff_user(request)
    form = TokenForm(request.POST or None)
    key = None
    if request.method == "POST" and form.is_valid():
        try:
            _, key = tokens.create_token(user=user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error)
        else:
            form = TokenForm()
    context = {"form": form, "key": key, "tokens": tokens.user_tokens(user)}
    return render(request, "web/staff/tokens.html", context)


@login_required
@require_POST
def revoke_api_token(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of your own tokens; anyone else's is not found."""
    try:
        token = tokens.revoke_token(user=staff_user(request), token_id=token_id)
    except ApiToken.DoesNotExist as exc:
        raise Http404 from exc
    messages.success(request, f"{token.name} revoked: requests with it are refused from now on.")
    return redirect("staff:api-tokens")
