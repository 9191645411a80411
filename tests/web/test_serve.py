"""The real server: `councilplan demo --no-serve` sets up, `councilplan serve` answers over HTTP."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children(pid: int) -> list[str]:
    """The command lines of a process's children (Linux), e.g. the worker `serve` starts."""
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [
        Path(f"/proc/{child}/cmdline").read_bytes().decode().replace("\0", " ") for child in found
    ]


@pytest.fixture
def demo_database(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "COUNCILPLAN_VAR_DIR": str(tmp_path),
    }
    setup = subprocess.run(
        [sys.executable, "-m", "councilplan.cli", "demo", "--no-serve"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert setup.returncode == 0, setup.stderr
    assert "as admin / councilplan-demo" in setup.stdout
    assert "as officer / councilplan-demo" in setup.stdout
    return env


def test_demo_sets_up_and_the_server_answers_with_the_worker_beside_it(
    demo_database: dict[str, str],
) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "councilplan.cli", "serve", "--port", str(port), "--workers", "1"],
        cwd=REPO,
        env=demo_database,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        body, status = "", 0
        for _ in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/admin/login/", timeout=2
                ) as response:
                    status, body = response.status, response.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert status == 200
        assert "councilplan administration" in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
            assert "Council Delivery Plan 2019/20" in response.read().decode()
        assert any("db_worker" in command for command in children(server.pid))
    finally:
        server.terminate()
        server.wait(timeout=10)
