"""`councilplan createadmin` creates or resets an administrator with an argon2 password."""

from io import StringIO

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core.management import call_command
from django.test import override_settings

from councilplan.accounts.models import User

pytestmark = pytest.mark.django_db


def test_createadmin_prints_login_and_the_password_works() -> None:
    out = StringIO()
    call_command("createadmin", "--username", "perf", stdout=out)
    password = out.getvalue().split("password ")[1].strip()
    user = User.objects.get(username="perf")
    assert user.is_superuser
    assert user.is_staff
    assert user.check_password(password)


def test_createadmin_again_resets_the_password() -> None:
    call_command("createadmin", "--password", "first-password-1", stdout=StringIO())
    call_command("createadmin", "--password", "second-password-2", stdout=StringIO())
    user = User.objects.get(username="admin")
    assert user.check_password("second-password-2")
    assert not user.check_password("first-password-1")


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_passwords_are_hashed_with_argon2() -> None:
    call_command("createadmin", "--password", "a-long-password-3", stdout=StringIO())
    assert identify_hasher(User.objects.get(username="admin").password).algorithm == "argon2"
