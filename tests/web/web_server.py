"""The real web server (`render.py serve`) in a process of its own, for the browser and load
tests: on a free port of 127.0.0.1, over a data folder of the test's, stopped at the end
with everything it started."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from awareprint.paths import PROJECT_ROOT

START_SECONDS = 60.0
STOP_SECONDS = 15.0


@dataclass(frozen=True)
class Server:
    url: str                 # http://127.0.0.1:PORT, no trailing slash
    data: Path
    log_path: Path
    process: subprocess.Popen

    def log(self) -> str:
        """What the server printed so far (its last lines), for a failing test's message."""
        try:
            text = self.log_path.read_text("utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-60:])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def add_user(data: Path, name: str, password: str, *options: str) -> None:
    """A staff account (a reviewer's with `--reviewer LANG` in `options`), made as an
    administrator makes one: `serve add-user`, the password on stdin."""
    made = subprocess.run([sys.executable, "render.py", "serve", "--data", str(data),
                           "add-user", name, *options], cwd=PROJECT_ROOT,
                          input=password + "\n",
                          capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, f"add-user failed: {made.stderr}"


@contextlib.contextmanager
def running_server(data: Path, workers: int | None = None) -> Iterator[Server]:
    """`render.py serve` on a free port until the block ends; then SIGTERM, a kill after
    STOP_SECONDS, and a kill of anything of its process group still left (its order runner
    and preview worker)."""
    port = free_port()
    data.mkdir(parents=True, exist_ok=True)
    log_path = data.parent / f"serve-{port}.log"
    command = [sys.executable, "render.py", "serve", "--data", str(data), "--port", str(port)]
    if workers is not None:
        command += ["--workers", str(workers)]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=log,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", data, log_path, process)
    try:
        _wait_until_serving(server)
        yield server
    finally:
        _stop(process)


def _wait_until_serving(server: Server) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"the server exited ({server.process.returncode}) before "
                                 f"serving:\n{server.log()}")
        try:
            with urllib.request.urlopen(server.url + "/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"the server did not answer within {START_SECONDS:.0f} s:\n"
                         f"{server.log()}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_SECONDS)
    # The session started for the server holds only processes it started.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
