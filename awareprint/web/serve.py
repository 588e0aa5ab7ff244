"""`render.py serve`: the web front end on uvicorn, with its order runner and its warm
preview worker in processes of their own; and `serve add-user` for staff and reviewers'
accounts."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import urllib.parse
from pathlib import Path

from ..errors import InputError
from .passwords import hash_password, password_problem
from .store import Store

WATCH_SECONDS = 1.0
STALL_SECONDS = 600.0   # an order rendering with no file made this long is taken as hung
MAX_STAFF_NAME = 80
MAX_CONNECTIONS = 100   # beyond, uvicorn answers 503 at once instead of queueing
WILDCARDS = ("0.0.0.0", "::", "")


class Runner:
    """The order runner's process, started again whenever it dies."""

    def __init__(self, data: Path, workers: int | None) -> None:
        self.data, self.workers = data, workers
        self.context = multiprocessing.get_context("spawn")
        self.process = self._start()
        self.stopped = threading.Event()
        threading.Thread(target=self._watch, daemon=True).start()

    def _start(self) -> multiprocessing.process.BaseProcess:
        from .runner import run_forever

        process = self.context.Process(target=run_forever, name="awareprint-orders",
                                       args=(self.data, self.workers, os.getpid()),
                                       daemon=False)
        process.start()
        return process

    def _watch(self) -> None:
        store = Store(self.data)
        while not self.stopped.wait(WATCH_SECONDS):
            if self.process.is_alive() and store.stalled(STALL_SECONDS):
                self.process.kill()  # a hung render: its order is tried again, then failed
                self.process.join()
            if not self.process.is_alive() and not self.stopped.is_set():
                self.process = self._start()

    def stop(self) -> None:
        self.stopped.set()
        self.process.terminate()
        self.process.join(10)
        if self.process.is_alive():
            self.process.kill()


def serve(host: str, port: int, data: Path, workers: int | None,
          public_url: str | None = None) -> None:
    import uvicorn

    from .app import make_app
    from .previewer import WorkerPreviewer

    hosts, public_origin = allowed_hosts(host, public_url)
    store = Store(data)
    store.migrate()
    previewer = WorkerPreviewer()
    runner = Runner(data, workers)
    app = make_app(data, previewer, hosts, public_origin)
    print(f"awareprint: serving http://{host}:{port}/ (data in {data.resolve()})", flush=True)
    # uvicorn stops gracefully on SIGTERM, then raises it again to the handler it found:
    # this one, so that the runner and the preview worker are stopped below, and exit 0.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False,
                    date_header=False, timeout_graceful_shutdown=5,
                    limit_concurrency=MAX_CONNECTIONS)
    finally:
        runner.stop()
        previewer.close()


def allowed_hosts(host: str, public_url: str | None) -> tuple[list[str], str | None]:
    """The host names the server answers to, and the public origin (scheme and host) a
    proxy serves it at: this machine's names and the one it listens on; behind a proxy,
    the public address's too."""
    from .app import LOCAL_HOSTS

    hosts = list(LOCAL_HOSTS)
    if public_url is not None:
        parsed = urllib.parse.urlsplit(public_url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise InputError(f"the public address {public_url!r}: give the address "
                             "partners use, e.g. https://print.example.org",
                             field="public_url")
        return [*hosts, parsed.hostname], f"{parsed.scheme}://{parsed.netloc}"
    if host in WILDCARDS:
        return ["*"], None  # every address of the machine: its names are not known here
    return [*hosts, host], None


def add_staff(data: Path, name: str, password: str, languages: tuple[str, ...] = (),
              translations: tuple[str, ...] = ()) -> None:
    """A staff account, or with `languages` a reviewer of those only (each one of
    `translations`, the catalogue's languages other than the source)."""
    unknown = [code for code in languages if code not in translations]
    if unknown:
        raise InputError(f"the reviewer's language '{unknown[0]}' is no translation of the "
                         f"catalogue; choose from {', '.join(translations)}",
                         field="reviewer")
    name = name.strip()
    if not name or len(name) > MAX_STAFF_NAME or not name.isprintable():
        raise InputError(f"serve add-user: the name {name!r} is empty, over "
                         f"{MAX_STAFF_NAME} characters or not printable; give another")
    problem = password_problem(password)
    if problem:
        raise InputError(f"serve add-user: {problem}")
    store = Store(data)
    store.migrate()
    languages = tuple(dict.fromkeys(languages))
    before = store.account_languages(name)
    if before is not None and bool(before) != bool(languages):
        # Setting a password must not make a reviewer staff, or staff a reviewer.
        held = (f"a reviewer of {', '.join(before)}; give those languages again"
                if before else "a staff account; give no languages")
        raise InputError(f"{name} is {held} to set its password, or choose another name",
                         field="reviewer")
    store.add_staff(name, hash_password(password), languages)

