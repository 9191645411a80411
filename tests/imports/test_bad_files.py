"""Files that are not documents at all get a clear message, and the database is left alone."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from councilplan.plans.models import Action, Organisation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param(
            "plan.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40,
            "plan.txt: This is not a document councilplan reads (it looks like binary data)",
            id="binary junk",
        ),
        pytest.param("plan.txt", b"   \n\n", "The file is empty", id="empty"),
        pytest.param(
            "plan.txt",
            b"Some words\nwith no table at all\n",
            "plan.txt: Found no actions, measures or results to import",
            id="no table",
        ),
        pytest.param("plan.pdf", b"%PDF-1.7", "plan.pdf: ", id="broken pdf"),
        pytest.param(
            "plan.pdf",
            b"PK\x03\x04" + b"\x00" * 60,
            "plan.pdf: ",
            id="not what its name says",
        ),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as caught:
        call_command("import", str(path), "--apply", "--organisation", "anytown")
    assert message in str(caught.value)
    assert not Organisation.objects.exists()
    assert not Action.objects.exists()
