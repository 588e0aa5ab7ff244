"""The web page's live preview and an order's turnaround, against the real server.

    python benchmarks/web_preview.py [--runs 9]

Starts `render.py serve` on a free port of 127.0.0.1 with a fresh data folder, then:
  preview  POST /preview as the page's script sends it (the whole form), for a poster,
           a wallet card, a two-language poster and California's notice: the time from
           request to the PNG received, median of `runs` after one warm-up each;
  order    one poster order submitted, then the time until its page says `ready`
           (rendered by the order runner, with previews, job ticket and zip).
Memory: the largest resident set of the server, its preview worker and its order runner
(from /proc), read after the runs.
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

CASES = {
    "poster letter [en]": {"items.0.layout": "poster", "items.0.sizes": ["letter"],
                           "items.0.languages": ["en"]},
    "wallet-card [es]": {"items.0.layout": "wallet-card", "items.0.languages": ["es"]},
    "poster letter [en+es]": {"items.0.layout": "poster", "items.0.sizes": ["letter"],
                              "items.0.languages": ["en+es"]},
    "notice CA letter [en]": {"items.0.layout": "notice", "items.0.state": "CA",
                              "items.0.languages": ["en"]},
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    port = free_port()
    with tempfile.TemporaryDirectory() as data:
        server = subprocess.Popen([sys.executable, "render.py", "serve", "--data", data,
                                   "--port", str(port)], cwd=ROOT)
        try:
            base = f"http://127.0.0.1:{port}"
            client = httpx.Client(base_url=base, timeout=60)
            for _ in range(200):
                try:
                    page = client.get("/")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
            form = {"csrf": token, "items": "1", "partner.name": "St. Mark's Parish",
                    "partner.website": "stmarks.example.org", "items.0.profile": "office",
                    "items.0.quantity": "1"}
            for name, fields in CASES.items():
                times = []
                for run in range(runs + 1):
                    start = time.perf_counter()
                    answer = client.post("/preview", data={**form, **fields}).json()
                    elapsed = time.perf_counter() - start
                    assert answer["image"], answer
                    if run:
                        times.append(elapsed)
                print(f"preview {name:24} {statistics.median(times) * 1000:6.0f} ms "
                      f"(median of {runs})")
            start = time.perf_counter()
            placed = client.post("/", data={**form, **CASES["poster letter [en]"],
                                            "action": "submit"})
            order = placed.headers["location"]
            while 'id="status">ready<' not in client.get(order).text:
                time.sleep(0.05)
            print(f"order   poster letter [en]       {time.perf_counter() - start:6.2f} s "
                  "from submit to ready")
            print(f"memory  {peak_memory(server.pid)}")
        finally:
            server.terminate()
            server.wait(20)


def peak_memory(pid: int) -> str:
    """The high-water resident set of the server and each process under it."""
    found = []
    for process in [pid, *children(pid)]:
        status = Path(f"/proc/{process}/status").read_text()
        name = re.search(r"Name:\s+(\S+)", status).group(1)
        peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) // 1024
        found.append(f"{name} {peak} MB")
    return ", ".join(found)


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        listed = (task / "children").read_text().split()
        for child in map(int, listed):
            found += [child, *children(child)]
    return found


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
