"""The reviewer's page: how long a string's page takes, its piece previewed in the language
with the string's slot outlined, against the real server.

    python benchmarks/review_preview.py [--runs 10]

Starts `render.py serve` on a free port of 127.0.0.1 with a fresh data folder and a
reviewer of Spanish, Arabic and Simplified Chinese (`serve add-user --reviewer`), logs in,
then for each case times the request until the whole page (its preview inline as a PNG)
is received, median of `runs` after one warm-up each (the first look at the piece, also
printed):
  page     GET a string's page: the language file's text (what the piece's fit settled is
           kept by the preview worker, as the second look at a piece is);
  edited   POST the page's Preview button with a new text each run (nothing kept: the
           piece is fitted from scratch with it);
  typed    the same through the preview that follows typing (static/review.js): JSON.
Nothing is saved: the content is only read.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parent.parent
NAME, PASSWORD = "rosa", "a long reviewer password"
PAGES = {
    "es discreet_headline, discreet-card": "/review/es/strings/discreet_headline",
    "es get_help, poster": "/review/es/strings/get_help?piece=poster",
    "ar get_help, poster (rtl)": "/review/ar/strings/get_help?piece=poster",
    "zh-Hans headline, poster": "/review/zh-Hans/strings/headline?piece=poster",
}
EDITED = ("es", "get_help", "poster", "Pida ayuda", ["ya", "hoy", "ahora", "aquí", "pronto"])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    port = free_port()
    with tempfile.TemporaryDirectory() as data:
        subprocess.run([sys.executable, "render.py", "serve", "--data", data, "add-user",
                        NAME, "--reviewer", "es", "--reviewer", "ar", "--reviewer",
                        "zh-Hans"], cwd=ROOT, input=PASSWORD + "\n", text=True, check=True,
                       capture_output=True)
        server = subprocess.Popen([sys.executable, "render.py", "serve", "--data", data,
                                   "--port", str(port)], cwd=ROOT)
        try:
            client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
            for _ in range(300):
                try:
                    page = client.get("/staff/login")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
            logged = client.post("/staff/login", data={"csrf": token, "name": NAME,
                                                       "password": PASSWORD})
            assert logged.status_code == 303, logged.text
            for name, path in PAGES.items():
                report(f"page   {name}", runs, lambda _, path=path: client.get(path))
            code, key, piece, text, words = EDITED

            def edited(run: int) -> httpx.Response:
                said = f"{text} {words[run % len(words)]} {'ya ' * (run // len(words))}"
                return client.post(f"/review/{code}/strings/{key}", data={
                    "csrf": token, "action": "preview", "piece": piece, "text": said})

            report(f"edited {code} {key}, {piece}", runs, edited)

            def typed(run: int) -> httpx.Response:
                said = f"{text} {words[run % len(words)]} {'ya ' * (run // len(words))}"
                return client.post(f"/review/{code}/strings/{key}/preview", data={
                    "csrf": token, "piece": piece, "text": said})

            report(f"typed  {code} {key}, {piece} (JSON)", runs, typed)
        finally:
            server.terminate()
            server.wait(20)


def report(name: str, runs: int, ask) -> None:
    times = []
    for run in range(runs + 1):
        start = time.perf_counter()
        answer = ask(run)
        elapsed = time.perf_counter() - start
        assert answer.status_code == 200, (answer.status_code, answer.text[-800:])
        if answer.headers["content-type"].startswith("application/json"):
            shown = answer.json()
            assert shown["image"] and shown["outlined"], shown.get("error")
        else:
            assert 'id="preview-image"' in answer.text, answer.text[-800:]
            assert "outlined in magenta" in answer.text, "the string's slot is outlined"
        if run:
            times.append(elapsed)
        else:
            first = elapsed
    print(f"{name:42} {statistics.median(times) * 1000:6.0f} ms (median of {runs}, "
          f"slowest {max(times) * 1000:.0f} ms; the first look {first * 1000:.0f} ms)",
          flush=True)


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
