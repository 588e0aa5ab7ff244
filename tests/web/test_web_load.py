"""The real server under a burst of orders: 20 partners place an order at the same moment
(each its own client, with its own CSRF cookie), and every order is rendered, ready, and
listed for staff once. Bounded in orders and in time; slow (`pytest -m slow`)."""

from __future__ import annotations

import io
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx2 as httpx
import pytest
from PIL import Image

from tests.web.web_server import add_user, running_server

pytestmark = pytest.mark.slow

ORDERS = 20
WORKERS = 2
SUBMIT_SECONDS = 120.0
RENDER_SECONDS = 300.0
STAFF, PASSWORD = "load-staff", "a long staff password"
CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')
TOKEN_PATH = re.compile(r"/orders/([A-Za-z0-9_-]{32})")
STATUS = re.compile(r'<span class="status" id="status">(\w+)</span>')
DONE = ("ready", "approved", "rejected", "failed")


def partner(number: int) -> str:
    return f"Load test partner {number}"


def csrf_of(client: httpx.Client, page: str) -> str:
    response = client.get(page)
    assert response.status_code == 200, response.text
    token = CSRF_FIELD.search(response.text)
    assert token, f"no csrf field on {page}"
    assert client.cookies.get("awareprint_csrf") == token.group(1)
    return token.group(1)


def place_order(url: str, number: int, ready: threading.Barrier) -> tuple[str, float]:
    """Place order `number` as the form does (its fields, multipart, no logo chosen); its
    token and how long the POST took."""
    with httpx.Client(base_url=url, timeout=SUBMIT_SECONDS, follow_redirects=False) as client:
        fields = {"csrf": csrf_of(client, "/"), "items": "1", "partner.name": partner(number),
                  "items.0.layout": "poster", "items.0.sizes": "letter",
                  "items.0.languages": "en", "items.0.profile": "office",
                  "items.0.quantity": str(number), "action": "submit"}
        no_logo = {"partner.logo": ("", b"", "application/octet-stream")}
        ready.wait(SUBMIT_SECONDS)  # every client posts at the same moment
        started = time.monotonic()
        response = client.post("/", data=fields, files=no_logo)
        took = time.monotonic() - started
    assert response.status_code == 303, f"order {number}: {response.status_code} " \
        f"{response.text[:500]}"
    token = TOKEN_PATH.fullmatch(response.headers["location"])
    assert token, response.headers["location"]
    return token.group(1), took


def test_twenty_orders_at_once_are_all_rendered_and_listed(tmp_path):
    data = tmp_path / "web-data"
    add_user(data, STAFF, PASSWORD)
    with running_server(data, workers=WORKERS) as server:
        ready = threading.Barrier(ORDERS)
        started = time.monotonic()
        with ThreadPoolExecutor(ORDERS) as pool:
            placed = list(pool.map(lambda n: place_order(server.url, n, ready),
                                   range(1, ORDERS + 1)))
        submitted = time.monotonic() - started
        tokens = [token for token, _ in placed]
        assert len(set(tokens)) == ORDERS, "two orders were given the same link"

        with httpx.Client(base_url=server.url, timeout=30) as client:
            pages = wait_until_rendered(client, tokens, server)
            rendered = time.monotonic() - started

            for number, token in enumerate(tokens, start=1):
                page = pages[token]
                assert STATUS.search(page).group(1) == "ready", page
                assert re.search(rf"<h1>Order \d+ · {re.escape(partner(number))}</h1>", page)
                assert 'class="result failed"' not in page
                thumbs = re.findall(rf'<img src="(/orders/{token}/files/[^"]+\.png)"', page)
                assert len(thumbs) == 1, page
                image = client.get(thumbs[0])
                assert image.status_code == 200, thumbs[0]
                assert image.headers["content-type"] == "image/png"
                shown = Image.open(io.BytesIO(image.content))
                assert shown.format == "PNG" and shown.height > shown.width
                assert 'id="download-zip"' not in page  # not before staff approve

            listing = staff_listing(client)
        rows = re.findall(r'<tr class="status-(\w+)">\s*<td><a href="/staff/orders/(\d+)">'
                          r'\d+</a></td>\s*<td>([^<]*)</td>.*?<td>(\d+) of (\d+) made(.*?)</td>',
                          listing, re.S)
        assert len(rows) == ORDERS, listing
        assert len(re.findall(r'<a href="/staff/orders/\d+">', listing)) == ORDERS
        assert sorted(partner_name for _, _, partner_name, *_ in rows) == sorted(
            partner(number) for number in range(1, ORDERS + 1))
        assert len({order_id for _, order_id, *_ in rows}) == ORDERS
        for status, order_id, partner_name, made, files, failed in rows:
            assert (status, made, files) == ("ready", "1", "1"), (order_id, partner_name)
            assert "failed" not in failed, (order_id, partner_name, failed)

    slowest = max(took for _, took in placed)
    print(f"\n{ORDERS} orders submitted at once in {submitted:.1f} s (slowest POST "
          f"{slowest:.2f} s); all rendered and ready {rendered:.1f} s after the first "
          f"(--workers {WORKERS})")


def wait_until_rendered(client: httpx.Client, tokens: list[str], server) -> dict[str, str]:
    """Every order's page once its status is final; fails after RENDER_SECONDS."""
    pages: dict[str, str] = {}
    deadline = time.monotonic() + RENDER_SECONDS
    while len(pages) < len(tokens):
        for token in tokens:
            if token in pages:
                continue
            response = client.get(f"/orders/{token}")
            assert response.status_code == 200, response.text
            status = STATUS.search(response.text)
            assert status, response.text
            if status.group(1) in DONE:
                pages[token] = response.text
        if len(pages) < len(tokens):
            if time.monotonic() > deadline:
                pytest.fail(f"{len(tokens) - len(pages)} of {len(tokens)} orders not "
                            f"rendered in {RENDER_SECONDS:.0f} s; server log:\n{server.log()}")
            time.sleep(1)
    return pages


def staff_listing(client: httpx.Client) -> str:
    token = csrf_of(client, "/staff/login")
    login = client.post("/staff/login", data={"csrf": token, "name": STAFF,
                                              "password": PASSWORD})
    assert login.status_code == 303 and login.headers["location"] == "/staff", login.text
    listing = client.get("/staff")
    assert listing.status_code == 200 and "<h1>Orders</h1>" in listing.text
    return listing.text
