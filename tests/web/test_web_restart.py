"""A server killed while it renders an order loses nothing: the whole process group (the
server, its order runner, the runner's workers) is killed with SIGKILL in the middle of a
six-file order; started again on the same data, it finishes the order, keeping the files
made before the kill. Slow (`pytest -m slow`)."""

from __future__ import annotations

import json
import os
import re
import signal
import time

import httpx2 as httpx
import pytest

from awareprint.web.order_files import output_folder
from awareprint.web.store import Store
from tests.pdfread import digits_of, text_of
from tests.web.web_server import running_server

pytestmark = pytest.mark.slow

LANGUAGES = ["en", "es", "fr", "vi", "ko", "ar"]
SECONDS = 240.0


def place(url: str) -> str:
    with httpx.Client(base_url=url, timeout=60, follow_redirects=False) as client:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)
        response = client.post("/", data={
            "csrf": token, "items": "1", "partner.name": "Restart Clinic",
            "items.0.layout": "poster", "items.0.sizes": ["letter"],
            "items.0.languages": LANGUAGES, "items.0.profile": "press",
            "items.0.quantity": "10", "action": "submit"})
    assert response.status_code == 303, response.text[:500]
    return response.headers["location"].removeprefix("/orders/")


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {SECONDS:.0f} s: {what}")


def test_a_killed_server_resumes_the_order_it_was_rendering(tmp_path):
    data = tmp_path / "web-data"
    store = Store(data)
    with running_server(data, workers=1) as server:
        token = place(server.url)
        wait_for(lambda: (store.order_by_token(token).made or 0) >= 2,
                 "two files made before the kill")
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(30)
    killed = store.order_by_token(token)
    assert killed.status == "rendering" and killed.made < len(LANGUAGES), (
        "the order finished before the kill; the test did not test a restart")
    manifest = json.loads((output_folder(data, killed) / "manifest.json").read_text())
    made_before = {entry["file"] for entry in manifest["files"] if entry.get("file")}
    assert manifest["complete"] is False and len(made_before) >= 2

    with running_server(data, workers=1):
        wait_for(lambda: store.order_by_token(token).status == "ready", "the order ready")
    (record,) = store.orders()  # the same order, not lost and not doubled
    assert (record.made, record.failed, record.runs) == (len(LANGUAGES), 0, 2)
    reused = {result["file"] for result in record.results if result["reused"]}
    assert made_before <= reused, "files made before the kill were rendered again"
    folder = output_folder(data, record)
    assert not list(folder.glob("*.part")) and not list(folder.glob(".*.part"))
    for result in record.results:
        pdf = (folder / result["file"]).read_bytes()
        assert "18883737888" in digits_of(text_of(pdf)), result["file"]
