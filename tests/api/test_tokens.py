"""API tokens: stored as digests, refused once revoked, made and revoked in the web and admin."""

import pytest
from django.test import Client

from councilplan.accounts import tokens
from councilplan.accounts.models import ApiToken
from tests.api.conftest import Api, ApiCouncil

pytestmark = pytest.mark.django_db


def test_only_the_digest_of_a_key_is_stored(council) -> None:
    token, key = tokens.create_token(user=council.viewer, name="Power BI")
    stored = ApiToken.objects.get(pk=token.pk)
    assert key.startswith("cp_")
    assert key not in (stored.digest, stored.prefix)
    assert stored.digest == tokens.digest(key)
    assert tokens.user_for_key(key) == council.viewer


def test_use_records_when_the_token_was_last_used(api: Api, api_council: ApiCouncil) -> None:
    api.get("plans", "viewer")
    assert ApiToken.objects.get(user=api_council.council.viewer).last_used_at is not None


@pytest.mark.parametrize("header", ["Bearer cp_not-a-real-key", "Bearer nonsense"])
def test_unknown_token_is_401_not_anonymous(client: Client, api_council, header: str) -> None:
    response = client.get("/api/v1/plans", headers={"Authorization": header})
    assert response.status_code == 401


def test_revoked_token_is_refused(api: Api, api_council: ApiCouncil) -> None:
    token = ApiToken.objects.get(user=api_council.council.viewer)
    tokens.revoke_token(user=api_council.council.viewer, token_id=token.pk)
    assert api.get("plans", "viewer").status_code == 401


def test_inactive_users_token_is_refused(api: Api, api_council: ApiCouncil) -> None:
    viewer = api_council.council.viewer
    viewer.is_active = False
    viewer.save()
    assert api.get("plans", "viewer").status_code == 401


def test_token_page_shows_a_new_key_once_and_revokes(client: Client, council) -> None:
    client.force_login(council.officer)
    response = client.post("/staff/tokens/", {"name": "Team website"})
    key = response.context["key"]
    assert key in response.content.decode()
    assert tokens.user_for_key(key) == council.officer
    listed = client.get("/staff/tokens/").content.decode()
    assert "Team website" in listed
    assert key not in listed
    token = ApiToken.objects.get(user=council.officer)
    client.post(f"/staff/tokens/{token.pk}/revoke/")
    assert tokens.user_for_key(key) is None


def test_token_page_needs_a_name(client: Client, council) -> None:
    client.force_login(council.officer)
    response = client.post("/staff/tokens/", {"name": ""})
    assert "Enter a name for the token" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_nobody_revokes_someone_elses_token(client: Client, council) -> None:
    token, key = tokens.create_token(user=council.viewer, name="Theirs")
    client.force_login(council.officer)
    assert client.post(f"/staff/tokens/{token.pk}/revoke/").status_code == 404
    assert tokens.user_for_key(key) == council.viewer


def test_admin_makes_a_token_and_shows_its_key_once(admin_client: Client, council) -> None:
    response = admin_client.post(
        "/admin/accounts/apitoken/add/",
        {"user": council.viewer.pk, "name": "Excel"},
        follow=True,
    )
    message = next(str(m) for m in response.context["messages"])
    key = message.split(" is ")[1].split(" ")[0]
    assert tokens.user_for_key(key) == council.viewer


def test_admin_revokes_selected_tokens(admin_client: Client, council) -> None:
    token, key = tokens.create_token(user=council.viewer, name="Old script")
    admin_client.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert tokens.user_for_key(key) is None


def test_token_page_is_in_the_staff_navigation(client: Client, council) -> None:
    client.force_login(council.viewer)
    page = client.get("/staff/tokens/")
    assert ("staff:api-tokens", "API tokens") in page.context["nav"]
    assert page.context["active_nav"] == "staff:api-tokens"
