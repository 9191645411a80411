"""Requests per second of the read API against Datasette serving the same SQLite file.

Run: ``.venv/bin/python bench/datasette_bench.py [--database PATH]`` (needs ``pip install -e
'.[bench]'`` for Datasette and Debian's ``wrk``). Without ``--database`` it makes one council
with ``councilplan generate-data --councils 1`` in a temporary folder. Our site runs under
gunicorn with 2 workers and the production settings (no access log, as ``councilplan serve``
would otherwise write one line per request); Datasette runs on the same file, immutable. Each is
loaded by ``wrk`` in turn on the first 100 rows, by id, of the same tables that an anonymous
reader sees; prints requests per second, their ratio and bytes per response.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


@dataclass(frozen=True)
class Endpoint:
    """One list: our API path and Datasette's table JSON of the same rows."""

    name: str
    ours: str
    table: str
    where: str = ""

    def datasette(self, database: str) -> str:
        """Datasette's path: the first 100 rows of the table by id, filtered as ours is."""
        return f"/{database}/{self.table}.json?_size=100&_shape=array&_sort=id{self.where}"


ENDPOINTS = [
    Endpoint(
        "observations", "/api/v1/observations?limit=100", "measures_observation", "&state=approved"
    ),
    Endpoint("updates", "/api/v1/updates?limit=100", "monitoring_actionupdate", "&state=approved"),
    Endpoint("actions", "/api/v1/actions?limit=100", "plans_action"),
    Endpoint("measures", "/api/v1/measures?limit=100", "measures_measure"),
    Endpoint("themes", "/api/v1/themes?limit=100", "plans_theme"),
    Endpoint("plans", "/api/v1/plans", "plans_plan", "&is_published=1"),
]
NOTES = """\
Notes: Datasette serves bare table rows. Ours embed more: actions their milestones, themes,
portfolios, departments, lead officers and computed status; measures their status, targets,
value and directions of travel (worked out per request); updates and observations their period.
Both answer anonymously; ours filter to published plans (all plans here are published), so the
rows are the same. Datasette is one process; ours is gunicorn with 2 workers, on a 2-core machine.
"""


def make_database(folder: Path) -> Path:
    """A SQLite file with one generated council, made as a person would: migrate, generate."""
    path = folder / "bench.sqlite3"
    env = os.environ | {"DATABASE_URL": f"sqlite:///{path}"}
    for args in (["migrate", "-v", "0"], ["generate-data", "--councils", "1"]):
        subprocess.run([BIN / "councilplan", *args], env=env, check=True, cwd=ROOT)  # noqa: S603
    return path


@contextmanager
def server(command: list[str], env: dict[str, str], ready: str) -> Iterator[None]:
    """Run ``command`` in its own process group until the block ends, once ``ready`` answers."""
    process = subprocess.Popen(  # noqa: S603
        command, env=env, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL
    )
    try:
        wait_for(ready, process)
        yield
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Wait until ``url`` answers 200, failing if the server stops or takes too long."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} stopped with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def our_site(database: Path, port: int) -> tuple[list[str], dict[str, str]]:
    """gunicorn with 2 workers on the production settings, reading ``database``."""
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "councilplan.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-not-secret",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
    }
    bind = f"{HOST}:{port}"
    command = [str(BIN / "gunicorn"), "councilplan.wsgi:application", "-w", "2", "-b", bind]
    return command, env


def datasette(database: Path, port: int) -> tuple[list[str], dict[str, str]]:
    """Datasette serving ``database`` read-only (immutable)."""
    command = [str(BIN / "datasette"), "serve", "-i", str(database), "-h", HOST, "-p", str(port)]
    return command, dict(os.environ)


def size(url: str) -> int:
    """Bytes of one response body (and a check that it answers 200)."""
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        return len(response.read())


def requests_per_second(url: str, seconds: int, connections: int, threads: int) -> float:
    """What ``wrk`` measures for ``url``; refuses a run with errors or non-2xx answers."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    result = subprocess.run(  # noqa: S603
        [*command, url],
        capture_output=True,
        text=True,
        check=True,
    )
    if "Non-2xx" in result.stdout:
        raise RuntimeError(f"wrk saw error answers for {url}:\n{result.stdout}")
    errors = re.search(r"Socket errors: .*", result.stdout)
    if errors:
        print(f"  ({url}: {errors.group(0)})")
    match = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    if match is None:
        raise RuntimeError(f"No requests per second in wrk's output:\n{result.stdout}")
    return float(match.group(1))


def compare(database: Path, args: argparse.Namespace) -> None:
    """Start both servers, load each endpoint on each, print the table; stop them after."""
    ours, theirs = f"http://{HOST}:{args.port}", f"http://{HOST}:{args.datasette_port}"
    name = database.stem
    with ExitStack() as stack:
        stack.enter_context(server(*our_site(database, args.port), ready=f"{ours}/api/v1/plans"))
        stack.enter_context(server(*datasette(database, args.datasette_port), ready=theirs))
        load = (args.seconds, args.connections, args.threads)
        print(f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s on {database}")
        print(f"{'endpoint':<14} {'ours rps':>9} {'datasette':>10} {'ratio':>7}", end="")
        print(f" {'ours B':>9} {'ds B':>8}")
        for endpoint in ENDPOINTS:
            a, b = ours + endpoint.ours, theirs + endpoint.datasette(name)
            ours_bytes, their_bytes = size(a), size(b)
            ours_rps = requests_per_second(a, *load)
            their_rps = requests_per_second(b, *load)
            print(
                f"{endpoint.name:<14} {ours_rps:>9.1f} {their_rps:>10.1f} "
                f"{ours_rps / their_rps:>7.3f} {ours_bytes:>9,} {their_bytes:>8,}"
            )
    print(NOTES)


def arguments() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, help="A SQLite file made by generate-data.")
    parser.add_argument("--port", type=int, default=8765, help="Our site's port.")
    parser.add_argument("--datasette-port", type=int, default=8766, help="Datasette's port.")
    parser.add_argument("--seconds", type=int, default=10, help="wrk's duration per endpoint.")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    return parser.parse_args()


def main() -> None:
    """Compare on the database given, or on a new one-council database."""
    args = arguments()
    if args.database is not None:
        compare(args.database.resolve(), args)
        return
    with tempfile.TemporaryDirectory(prefix="councilplan-datasette-") as folder:
        compare(make_database(Path(folder)), args)


if __name__ == "__main__":
    main()
