"""The web front end, request by request (Starlette's test client): the order form, its
preview, logos, the order page behind its secret link, staff login and decisions, CSRF,
the security headers, and orders surviving a restart. Orders are rendered by the same
runner the server starts, called here in the test's process."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import zipfile
from html import unescape
from pathlib import Path

import pytest
from PIL import Image
from starlette.testclient import TestClient

from awareprint.errors import InputError
from awareprint.paths import PROJECT_ROOT
from awareprint.web.app import make_app
from awareprint.web.logos import prune_logos
from awareprint.web.order_files import ORDER_FILE, order_folder
from awareprint.web.passwords import hash_password, password_matches
from awareprint.web.previewer import InProcessPreviewer
from awareprint.web.runner import run_queued
from awareprint.web.serve import add_staff, allowed_hosts
from awareprint.web.store import MIGRATIONS, Store
from tests.pdfread import digits_of, text_of
from tests.web.previewers import RecordingPreviewer

PARTNER = "St. Mark's Parish"
PASSWORD = "correct horse battery"


def _client(data, previewer):
    app = make_app(data, previewer, hosts=("testserver",))
    with TestClient(app, follow_redirects=False) as client:
        client.data = data
        client.previewer = previewer
        yield client


@pytest.fixture
def web(tmp_path):
    """The app with a previewer that records what it is asked and draws nothing."""
    yield from _client(tmp_path / "web-data", RecordingPreviewer())


@pytest.fixture(scope="module")
def web_with_a_rendered_order(tmp_path_factory):
    """The app with one order placed and rendered, and that order's token: shared by the
    tests that only ask it for files (GET), which change nothing."""
    for client in _client(tmp_path_factory.mktemp("web") / "web-data", RecordingPreviewer()):
        token = placed_token(client)
        run_queued(Store(client.data), workers=1)
        yield client, token


@pytest.fixture
def web_drawing(tmp_path):
    """The app with the real renderer behind its previews, for tests of the picture."""
    yield from _client(tmp_path / "web-data", InProcessPreviewer())


def csrf(client) -> str:
    page = client.get("/")
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def order_fields(client, **changes) -> dict:
    fields = {"csrf": csrf(client), "items": "1", "partner.name": PARTNER,
              "partner.website": "stmarks.example.org", "items.0.layout": "poster",
              "items.0.sizes": ["letter"], "items.0.languages": ["en", "en+es"],
              "items.0.profile": "office", "items.0.quantity": "25", "action": "submit"}
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


def place(client, files=None, **changes):
    return client.post("/", data=order_fields(client, **changes), files=files)


def placed_token(client, **changes) -> str:
    response = place(client, **changes)
    assert response.status_code == 303, response.text
    return response.headers["location"].removeprefix("/orders/")


def logo_png(colour=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 200), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def log_in(client) -> None:
    add_staff(client.data, "alice", PASSWORD)
    token = csrf(client)
    response = client.post("/staff/login", data={"csrf": token, "name": "alice",
                                                 "password": PASSWORD})
    assert response.status_code == 303 and response.headers["location"] == "/staff"


def messages_for(html: str, field: str) -> list[str]:
    return [unescape(message) for message in re.findall(
        rf'<p class="problem" data-for="{re.escape(field)}">([^<]*)</p>', html)]


# The form and what every response carries

def test_the_form_offers_the_catalogue_with_security_headers_and_a_csrf_cookie(web):
    page = web.get("/")
    assert page.status_code == 200
    headers = page.headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"
    assert headers["cache-control"] == "no-store"
    cookie = headers["set-cookie"]
    assert "awareprint_csrf=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert '<option value="poster">' in page.text
    assert re.search(r'<label class="check" data-layouts="[^"]*\bposter\b[^"]*"><input '
                     r'type="checkbox" name="items.0.sizes" value="letter">', page.text)
    assert ('<input type="checkbox" name="items.0.languages" value="en+es"> '
            'English + Spanish (Español)') in page.text
    assert '<script src="/static/order.js" defer>' in page.text
    script = web.get("/static/order.js")
    assert script.status_code == 200 and "fetch(\"/preview\"" in script.text


@pytest.mark.parametrize("how", ["no token", "another token", "another site"])
def test_a_post_without_this_browsers_token_or_from_another_site_is_refused(web, tmp_path,
                                                                              how):
    fields = order_fields(web)
    headers = {}
    if how == "no token":
        fields.pop("csrf")
    elif how == "another token":
        fields["csrf"] = "x" * 43
    else:
        headers["origin"] = "https://evil.example"
    response = web.post("/", data=fields, headers=headers)
    assert response.status_code == 403
    assert Store(web.data).orders() == []


def test_a_request_for_another_host_name_is_refused(web):
    """A page of another site whose name was made to point here (DNS rebinding)."""
    assert web.get("/", headers={"host": "evil.example"}).status_code == 400


@pytest.mark.parametrize("host,url,expected", [
    ("127.0.0.1", None, (["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.1"], None)),
    ("127.0.0.1", "https://print.example.org/", (
        ["127.0.0.1", "localhost", "::1", "[::1]", "print.example.org"],
        "https://print.example.org")),
    ("0.0.0.0", None, (["*"], None)),
])
def test_the_host_names_served_follow_the_listening_address_and_public_url(host, url,
                                                                           expected):
    assert allowed_hosts(host, url) == expected


def test_a_public_url_that_is_not_one_is_refused():
    with pytest.raises(InputError, match=r"the public address 'print\.example\.org'"):
        allowed_hosts("127.0.0.1", "print.example.org")


def test_too_many_waiting_orders_ask_the_partner_to_wait_and_keep_the_form(web, monkeypatch):
    monkeypatch.setattr("awareprint.web.app.MAX_WAITING", 1)
    placed_token(web)
    busy = place(web, **{"partner.name": "Second Clinic"})
    assert busy.status_code == 503
    assert "orders are waiting" in busy.text and 'value="Second Clinic"' in busy.text
    assert len(Store(web.data).orders()) == 1


def test_unused_uploads_are_pruned_after_a_day(tmp_path):
    folder = tmp_path / "logos"
    folder.mkdir()
    old, new = folder / ("a" * 64 + ".png"), folder / ("b" * 64 + ".png")
    old.write_bytes(b"x")
    new.write_bytes(b"y")
    os.utime(old, (time.time() - 2 * 86400,) * 2)
    assert prune_logos(tmp_path) == 1
    assert not old.exists() and new.exists()


def test_a_form_sent_from_this_sites_own_page_passes(web):
    """Browsers send the page's Origin with a form's POST (as the Referrer-Policy allows)."""
    response = web.post("/", data=order_fields(web), headers={"origin": "http://testserver"})
    assert response.status_code == 303


def test_an_order_is_written_as_an_order_file_and_queued(web):
    token = placed_token(web)
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", token)
    (record,) = Store(web.data).orders()
    assert (record.partner, record.status, record.files) == (PARTNER, "queued", 2)
    text = (order_folder(web.data, record.folder) / ORDER_FILE).read_text()
    assert "St. Mark's Parish" in text and "en+es" in text and "quantity: 25" in text
    page = web.get(f"/orders/{token}")
    assert page.status_code == 200
    assert '<span class="status" id="status">queued</span>' in page.text
    assert '<meta http-equiv="refresh" content="2">' in page.text
    assert token not in str(sqlite3.connect(web.data / "awareprint.sqlite3").execute(
        "SELECT * FROM orders").fetchall())  # only the link's hash is kept


def test_each_mistake_is_shown_beside_its_field_and_nothing_is_kept(web):
    response = place(web, **{"partner.name": "", "items.0.sizes": ["a7"],
                             "items.0.languages": ["xx"], "items.0.quantity": "0",
                             "orderer.email": "not-an-address"})
    assert response.status_code == 400
    html = response.text
    assert messages_for(html, "partner.name") == ["missing; add it"]
    assert "poster has no size 'a7'" in " ".join(messages_for(html, "items.0.sizes"))
    assert "unknown language" in " ".join(messages_for(html, "items.0.languages"))
    assert "not a sane quantity" in " ".join(messages_for(html, "items.0.quantity"))
    assert "not an email address" in " ".join(messages_for(html, "orderer.email"))
    assert 'value="not-an-address"' in html  # what was typed is kept
    assert Store(web.data).orders() == []
    assert not (web.data / "orders").exists() or not any((web.data / "orders").iterdir())


def test_a_hotline_lookalike_in_the_contact_line_is_refused_at_its_field(web):
    response = place(web, **{"partner.contact": "Call 1-888-373-7889"})
    assert response.status_code == 400
    assert "hotline" in " ".join(messages_for(response.text, "partner.contact"))


SAFE = "partner.contact_safe_for_victims"
CHECKBOX = re.compile(rf'<input type="checkbox" id="{re.escape(SAFE)}" name="{re.escape(SAFE)}"'
                      r' value="1"[^>]*>')


def test_the_form_says_which_pieces_print_the_contact_line(web):
    from awareprint.catalogue.load import load_catalogue

    page = web.get("/").text
    (box,) = CHECKBOX.findall(page)
    assert "checked" not in box  # not safe unless the partner says so
    hint = unescape(re.search(r'<p class="hint" id="safe-hint">(.*?)</p>', page, re.S)
                    .group(1))
    hint = " ".join(hint.split())
    layouts = load_catalogue().layouts
    facing = [spec.title for spec in layouts.values() if spec.victim_facing]
    others = [spec.title for spec in layouts.values() if not spec.victim_facing]
    assert facing and others
    assert f"{', '.join(others)}: for staff and public areas, they always print" in hint
    assert (f"{' and '.join(facing)}: a victim keeps or reads these, so they print your "
            "name, logo and website, and your contact line only when this box is ticked") in hint


@pytest.mark.parametrize("ticked", [True, False])
def test_the_safe_contact_checkbox_is_kept_and_reaches_the_order_file(web, ticked):
    changes = {"partner.contact": "Victim services: 402-555-0143",
               SAFE: "1" if ticked else None, "items.0.layout": "wallet-card",
               "items.0.sizes": ["business-card"], "items.0.languages": ["en"]}
    shown = place(web, **changes, **{"partner.name": ""})  # a mistake: the form comes back
    assert shown.status_code == 400
    (box,) = CHECKBOX.findall(shown.text)
    assert ("checked" in box) == ticked
    answer = preview(web, **changes)
    ((job, _),) = web.previewer.asked  # the preview is the piece as it will print
    assert answer["errors"] == {} and job.partner.contact_safe_for_victims == ticked
    placed_token(web, **changes)
    (record,) = Store(web.data).orders()
    text = (order_folder(web.data, record.folder) / ORDER_FILE).read_text()
    assert ("contact_safe_for_victims: true" in text) == ticked


def test_a_safe_mark_without_a_contact_line_is_shown_beside_the_checkbox(web):
    response = place(web, **{SAFE: "1"})
    assert response.status_code == 400
    assert messages_for(response.text, SAFE) == [
        "the contact line is marked safe for victims, but there is no contact line; give "
        "the line or take the mark off"]
    assert 'aria-invalid="true"' in CHECKBOX.search(response.text).group(0)

def test_rows_are_added_and_removed_without_javascript(web):
    two = web.post("/", data=order_fields(web, action="add"))
    assert two.status_code == 200 and 'name="items" value="2"' in two.text
    assert 'name="items.0.languages" value="en+es" checked>' in two.text  # kept as ticked
    assert 'name="items.0.sizes" value="letter" checked>' in two.text
    assert two.text.count("<details open>") == 1  # row 0's pairs, shown: one is ticked
    assert 'data-item="1"' in two.text
    fields = order_fields(web, items="2", action="remove:0",
                          **{"items.1.layout": "wallet-card"})
    one = web.post("/", data=fields)
    assert 'name="items" value="1"' in one.text and 'data-item="1"' not in one.text
    assert re.search(r'<option value="wallet-card" selected>', one.text)


# The preview

def preview(client, files=None, **changes):
    fields = order_fields(client, **changes)
    fields.pop("action")
    response = client.post("/preview", data=fields, files=files)
    assert response.status_code == 200
    return response.json()


def image_of(answer) -> Image.Image:
    assert answer["image"].startswith("data:image/png;base64,")
    return Image.open(io.BytesIO(base64.b64decode(answer["image"].split(",", 1)[1])))


def test_the_preview_is_the_first_size_and_language_of_the_row_shown(web_drawing):
    answer = preview(web_drawing)
    image = image_of(answer)
    assert answer["errors"] == {} and answer["pages"] == 1
    assert answer["label"] == "poster letter [en]"
    assert abs(max(image.size) - 900) <= 1  # pdfium rounds a part pixel up
    assert image.size[1] / image.size[0] == pytest.approx(11 / 8.5, abs=0.01)


def test_a_preview_names_the_fields_that_stop_it(web):
    answer = preview(web, **{"items.0.sizes": ["a7"], "partner.name": ""})
    assert answer["image"] is None
    assert answer["errors"]["partner.name"] == ["missing; add it"]
    assert "poster has no size 'a7'" in answer["errors"]["items.0.sizes"][0]


def test_a_preview_of_the_second_row_is_numbered_back_to_it(web):
    answer = preview(web, items="2", preview_item="1",
                     **{"items.1.layout": "wallet-card", "items.1.sizes": ["a7"]})
    assert answer["item"] == 1 and "items.1.sizes" in answer["errors"]
    assert web.previewer.asked == []  # a row with a problem is not drawn


def test_a_preview_asks_for_the_rows_first_size_and_language_and_the_page(web):
    answer = preview(web, items="2", preview_item="1", preview_page="1",
                     **{"items.1.layout": "wallet-card", "items.1.sizes": ["cr80"],
                        "items.1.languages": ["es", "en"]})
    assert answer["errors"] == {}
    ((job, page),) = web.previewer.asked
    assert (job.layout, job.size, job.languages, page) == ("wallet-card", "cr80", ("es",), 1)


def test_the_preview_without_javascript_is_on_the_form_page(web):
    page = web.post("/", data=order_fields(web, action="preview:0"))
    assert page.status_code == 200
    assert '<img id="preview-image" src="data:image/png;base64,' in page.text


def test_an_uploaded_logo_is_kept_by_its_hash_and_shows_in_the_preview(web_drawing):
    web = web_drawing
    upload = web.post("/logo", data={"csrf": csrf(web)},
                      files={"partner.logo": ("our logo.png", logo_png(), "image/png")})
    assert upload.status_code == 200
    logo_id = upload.json()["logo_id"]
    assert re.fullmatch(r"[0-9a-f]{64}\.png", logo_id)
    assert upload.json()["logo_name"] == "our logo.png"
    assert (web.data / "logos" / logo_id).read_bytes() == logo_png()
    plain = image_of(preview(web)).convert("RGB")
    branded = image_of(preview(web, logo_id=logo_id)).convert("RGB")
    assert red_pixels(branded) > 200, "the logo's red is not in the preview"
    assert red_pixels(plain) == 0


def red_pixels(image: Image.Image) -> int:
    data = image.tobytes()
    return sum(1 for i in range(0, len(data), 3)
               if data[i] > 150 and data[i + 1] < 80 and data[i + 2] < 80)


@pytest.mark.parametrize("name,content,expected", [
    ("logo.png", b"not an image at all", "not an image"),
    ("logo.gif", b"GIF89a", "give a PNG, JPEG or SVG"),
    ("logo.png", b"", "empty"),
])
def test_a_bad_logo_is_refused_at_its_field(web, name, content, expected):
    upload = web.post("/logo", data={"csrf": csrf(web)},
                      files={"partner.logo": (name, content, "image/png")})
    assert upload.status_code == 400
    assert expected in upload.json()["errors"]["partner.logo"][0]
    logos = web.data / "logos"
    assert not logos.exists() or not list(logos.iterdir())  # nor a partial upload


def test_an_upload_over_the_limit_is_refused_before_it_is_read(web):
    big = b"\x89PNG" + b"\0" * (13 * 1024 * 1024)
    response = web.post("/logo", data={"csrf": csrf(web)},
                        files={"partner.logo": ("logo.png", big, "image/png")})
    assert response.status_code == 413
    assert "10 MB" in response.text


def test_a_logo_id_that_is_a_path_is_ignored(web):
    answer = preview(web, logo_id="../../etc/passwd")
    assert answer["logo_id"] is None and answer["image"]


# The order's page, its files and the staff

def test_an_order_is_rendered_then_released_only_once_approved(web):
    token = placed_token(web)
    assert run_queued(Store(web.data), workers=1) == 1
    page = web.get(f"/orders/{token}")
    assert '<span class="status" id="status">ready</span>' in page.text
    (record,) = Store(web.data).orders()
    pdfs = [result["file"] for result in record.results]
    assert len(pdfs) == 2 and all(name.endswith(".pdf") for name in pdfs)
    thumbs = re.findall(rf'<img src="/orders/{token}/files/([^"]+\.png)"', page.text)
    assert len(thumbs) == 2
    image = web.get(f"/orders/{token}/files/{thumbs[0]}")
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert web.get(f"/orders/{token}/files/{pdfs[0]}").status_code == 404
    assert web.get(f"/orders/{token}/files.zip").status_code == 404
    assert 'id="download-zip"' not in page.text

    log_in(web)
    listing = web.get("/staff")
    assert f'<a href="/staff/orders/{record.id}">' in listing.text and PARTNER.replace(
        "'", "&#39;") in listing.text
    approved = web.post(f"/staff/orders/{record.id}/approve",  # en+es: staff confirm it
                        data={"csrf": csrf(web), "print_unreviewed": "1"})
    assert approved.status_code == 303

    web.cookies.delete("awareprint_staff")  # the partner, without the staff's session
    page = web.get(f"/orders/{token}")
    assert '<span class="status" id="status">approved</span>' in page.text
    assert 'id="download-zip"' in page.text
    pdf = web.get(f"/orders/{token}/files/{pdfs[0]}")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert "attachment" in pdf.headers["content-disposition"]
    text = text_of(pdf.content)
    assert "18883737888" in digits_of(text) and PARTNER.replace("'", "’") in text
    archive = zipfile.ZipFile(io.BytesIO(web.get(f"/orders/{token}/files.zip").content))
    names = {name.rpartition("/")[2] for name in archive.namelist()}
    assert {"manifest.json", "job-ticket.pdf", *pdfs} <= names


def test_a_rejected_order_tells_the_partner_why_and_releases_nothing(web):
    token = placed_token(web)
    run_queued(Store(web.data), workers=1)
    log_in(web)
    (record,) = Store(web.data).orders()
    without = web.post(f"/staff/orders/{record.id}/reject", data={"csrf": csrf(web)})
    assert without.status_code == 400
    rejected = web.post(f"/staff/orders/{record.id}/reject",
                        data={"csrf": csrf(web), "reason": "Please use your <b>full</b> name"})
    assert rejected.status_code == 303
    page = web.get(f"/orders/{token}")
    assert "Staff note: Please use your &lt;b&gt;full&lt;/b&gt; name" in page.text
    assert web.get(f"/orders/{token}/files.zip").status_code == 404


def test_run_again_queues_the_order_and_reuses_its_unchanged_files(web):
    placed_token(web)
    store = Store(web.data)
    run_queued(store, workers=1)
    log_in(web)
    (record,) = store.orders()
    assert web.post(f"/staff/orders/{record.id}/rerun",
                    data={"csrf": csrf(web)}).status_code == 303
    assert store.order(record.id).status == "queued"
    run_queued(store, workers=1)
    again = store.order(record.id)
    assert (again.status, again.runs, again.made) == ("ready", 1, 2)  # runs since queued
    assert all(result["reused"] for result in again.results)


def test_staff_pages_and_actions_need_a_login(web):
    placed_token(web)
    (record,) = Store(web.data).orders()
    assert web.get("/staff").headers["location"] == "/staff/login"
    assert web.get(f"/staff/orders/{record.id}").status_code == 303
    assert web.get(f"/staff/orders/{record.id}/files.zip").status_code == 401
    response = web.post(f"/staff/orders/{record.id}/approve", data={"csrf": csrf(web)})
    assert response.status_code == 401
    assert store_status(web, record.id) == "queued"


def store_status(client, order_id: int) -> str:
    return Store(client.data).order(order_id).status


def test_a_wrong_password_or_unknown_name_does_not_log_in(web):
    add_staff(web.data, "alice", PASSWORD)
    for name, password in (("alice", "wrong password!"), ("bob", PASSWORD)):
        response = web.post("/staff/login", data={"csrf": csrf(web), "name": name,
                                                  "password": password})
        assert response.status_code == 401
        assert "do not match" in response.text
        assert "awareprint_staff" not in response.headers.get("set-cookie", "")


def test_logging_out_ends_the_session(web):
    log_in(web)
    assert web.get("/staff").status_code == 200
    session = web.cookies["awareprint_staff"]
    web.post("/staff/logout", data={"csrf": csrf(web)})
    web.cookies.set("awareprint_staff", session)  # a stolen cookie is no use after logout
    assert web.get("/staff").status_code == 303


@pytest.mark.parametrize("path", [
    "/orders/not-a-token",
    "/orders/" + "A" * 32,
    "/orders/{token}/files/..%2F..%2Fawareprint.sqlite3",
    "/orders/{token}/files/order.yaml",
    "/orders/{token}/files/%2Fetc%2Fpasswd",
])
def test_a_partner_reaches_only_their_own_orders_files(web_with_a_rendered_order, path):
    web, token = web_with_a_rendered_order
    assert web.get(path.format(token=token)).status_code == 404


def test_user_text_is_escaped_on_every_page(web):
    token = placed_token(web, **{"partner.name": "Clinic <script>x</script>"})
    page = web.get(f"/orders/{token}")
    assert "<script>x" not in page.text and "&lt;script&gt;x" in page.text


# Orders outlive the server

def test_a_restart_loses_no_order_and_resumes_an_unfinished_one(web, tmp_path):
    token = placed_token(web)
    store = Store(web.data)
    (record,) = store.orders()
    assert store.claim_next() == record.id  # a runner took it, then the server stopped
    with TestClient(make_app(web.data, InProcessPreviewer(), ("testserver",))) as again:
        assert "rendering" in again.get(f"/orders/{token}").text
        assert store.requeue_unfinished() == 1  # what the new runner does first
        run_queued(store, workers=1)
        assert "id=\"status\">ready<" in again.get(f"/orders/{token}").text


def test_a_broken_order_file_fails_its_order_not_the_runner(web):
    first = placed_token(web)
    second = placed_token(web)
    store = Store(web.data)
    broken = store.orders()[-1]
    (order_folder(web.data, broken.folder) / ORDER_FILE).write_text("partner: [", "utf-8")
    assert run_queued(store, workers=1) == 2
    assert store.order_by_token(first).status == "failed"
    assert "YAML" in store.order_by_token(first).error
    assert store.order_by_token(second).status == "ready"


def test_an_older_database_is_migrated_keeping_its_orders(tmp_path):
    path = tmp_path / "awareprint.sqlite3"
    old = sqlite3.connect(path)
    for statement in filter(str.strip, MIGRATIONS[0].split(";")):
        old.execute(statement)
    old.execute("PRAGMA user_version = 1")
    old.execute("INSERT INTO orders (token_hash, folder, partner, created, status, files) "
                "VALUES ('h', 'f', 'Clinic', '2026-12-01', 'ready', 1)")
    old.commit()
    old.close()
    assert Store(tmp_path).migrate() == len(MIGRATIONS)
    (record,) = Store(tmp_path).orders()
    assert (record.partner, record.runs) == ("Clinic", 0)
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == len(MIGRATIONS)


# Staff accounts

def test_passwords_are_kept_as_salted_scrypt_hashes():
    stored = hash_password(PASSWORD)
    assert stored.startswith("scrypt$") and PASSWORD not in stored
    assert stored != hash_password(PASSWORD)
    assert password_matches(PASSWORD, stored)
    assert not password_matches("correct horse battery!", stored)
    assert not password_matches(PASSWORD, None)


def run_cli(*args, stdin=""):
    return subprocess.run([sys.executable, "render.py", *args], cwd=PROJECT_ROOT,
                          input=stdin, capture_output=True, text=True, timeout=120)


def test_add_user_and_serve_refuse_bad_input_in_one_line(tmp_path):
    short = run_cli("serve", "--data", str(tmp_path), "add-user", "alice", stdin="short\n")
    assert short.returncode == 2 and short.stderr.count("\n") == 1
    assert "at least 10" in short.stderr
    port = run_cli("serve", "--data", str(tmp_path), "--port", "70000")
    assert port.returncode == 2 and "1 to 65535" in port.stderr
    made = run_cli("serve", "--data", str(tmp_path), "add-user", "alice",
                   stdin=PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    assert password_matches(PASSWORD, Store(tmp_path).staff_password("alice"))


# The warm preview worker

def test_the_preview_worker_renders_and_is_replaced_when_it_dies(catalogue):
    from awareprint.catalogue.request import make_job
    from awareprint.web.previewer import WorkerPreviewer

    previewer = WorkerPreviewer()
    try:
        job = make_job(catalogue, "wallet-card", "business-card", "en")
        first = previewer.preview(job, page=1)
        assert first.png and first.pages == 2 and first.error is None
        dead = previewer.worker_pid
        os.kill(dead, 9)
        time.sleep(0.2)
        again = previewer.preview(job)
        assert again.png and again.error is None, again.error
        assert previewer.worker_pid not in (None, dead)
    finally:
        previewer.close()


def test_staff_see_an_orders_files_before_approval_and_only_fitting_decisions(web):
    login = web.get("/staff/login")
    assert login.status_code == 200 and 'name="password" type="password"' in login.text
    placed_token(web)
    log_in(web)
    (record,) = Store(web.data).orders()
    queued = web.post(f"/staff/orders/{record.id}/approve", data={"csrf": csrf(web)})
    assert queued.status_code == 409 and "is queued" in queued.text
    run_queued(Store(web.data), workers=1)
    page = web.get(f"/staff/orders/{record.id}")
    assert 'id="approve"' in page.text and "Run again" in page.text
    pdf = re.search(rf'href="/staff/orders/{record.id}/files/([^"]+\.pdf)"', page.text)
    assert pdf and pdf.group(1) != "job-ticket.pdf"
    assert web.get(f"/staff/orders/{record.id}/files/{pdf.group(1)}").status_code == 200
    assert web.get(f"/staff/orders/{record.id}/files.zip").status_code == 200
    unknown = web.post(f"/staff/orders/{record.id}/publish", data={"csrf": csrf(web)})
    assert unknown.status_code == 404
    assert web.get("/staff/orders/999").status_code == 404
    assert store_status(web, record.id) == "ready"


def test_the_staffs_list_pages_through_older_orders(web, monkeypatch):
    monkeypatch.setattr("awareprint.web.app.STAFF_PAGE", 2)
    for number in range(3):
        placed_token(web, **{"partner.name": f"Clinic {number}"})
    log_in(web)
    first = web.get("/staff").text
    assert "Clinic 2" in first and "Clinic 1" in first and "Clinic 0" not in first
    older = re.search(r'href="(/staff\?before=\d+)" id="older"', first).group(1)
    second = web.get(older).text
    assert "Clinic 0" in second and "Clinic 1" not in second and 'id="older"' not in second


# What the review of the first version found

def test_a_state_on_a_piece_that_prints_none_is_reported_at_the_state_field(web):
    response = place(web, **{"items.0.state": "FL"})
    assert response.status_code == 400
    assert "poster prints no state's notice" in " ".join(messages_for(response.text,
                                                                      "items.0.state"))
    notice = place(web, **{"items.0.layout": "notice", "items.0.sizes": None})
    assert "give the state, one of CA" in " ".join(messages_for(notice.text,
                                                                "items.0.state"))
    assert not messages_for(notice.text, "items.0.languages")


def test_a_logo_no_longer_kept_is_said_with_the_other_problems(web):
    response = place(web, logo_id="c" * 64 + ".png", **{"orderer.email": "nope"})
    assert response.status_code == 400
    assert "no longer kept here" in " ".join(messages_for(response.text, "partner.logo"))
    assert "not an email address" in " ".join(messages_for(response.text, "orderer.email"))
    assert Store(web.data).orders() == []


def test_a_malformed_cookie_of_another_site_does_not_hide_ours(web):
    token = csrf(web)
    fields = order_fields(web, csrf=token)
    cookie = f'prefs={{"a": 1}}; x=a b; awareprint_csrf={token}'
    web.cookies.clear()
    response = web.post("/", data=fields, headers={"cookie": cookie})
    assert response.status_code == 303


def test_behind_a_proxy_its_public_origin_may_post_and_https_is_kept_to(tmp_path):
    app = make_app(tmp_path / "web-data", InProcessPreviewer(), ("testserver",),
                   "https://print.example.org")
    # The proxy speaks HTTPS to the browser: a Secure cookie is sent back only over it.
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        page = client.get("/")
        assert page.headers["strict-transport-security"] == "max-age=31536000"
        assert "Secure" in page.headers["set-cookie"]
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        client.data = tmp_path / "web-data"
        fields = order_fields(client, csrf=token)
        ok = client.post("/", data=fields, headers={"origin": "https://print.example.org"})
        assert ok.status_code == 303
        other = client.post("/", data=fields, headers={"origin": "https://evil.example"})
        assert other.status_code == 403


def test_a_partner_who_lost_the_link_gets_a_new_one_from_staff(web):
    old = placed_token(web)
    log_in(web)
    (record,) = Store(web.data).orders()
    page = web.post(f"/staff/orders/{record.id}/link", data={"csrf": csrf(web)})
    new = re.search(r'id="new-link">[^<]*<a href="/orders/([A-Za-z0-9_-]{32})"', page.text)
    assert new and new.group(1) != old
    web.cookies.delete("awareprint_staff")
    assert web.get(f"/orders/{old}").status_code == 404
    assert web.get(f"/orders/{new.group(1)}").status_code == 200


def test_a_failed_orders_detail_is_for_staff_not_the_partner(web):
    token = placed_token(web)
    store = Store(web.data)
    (record,) = store.orders()
    (order_folder(web.data, record.folder) / ORDER_FILE).write_text("partner: [", "utf-8")
    run_queued(store, workers=1)
    partner_page = web.get(f"/orders/{token}").text
    assert "YAML" not in partner_page and "our staff can see what" in partner_page
    log_in(web)
    assert "YAML" in web.get(f"/staff/orders/{record.id}").text


def test_an_order_that_stopped_the_runner_three_times_is_failed_not_retried(web):
    token = placed_token(web)
    store = Store(web.data)
    for _ in range(3):  # taken, then the runner died (or was stopped as hung) each time
        assert store.claim_next() is not None
        store.requeue_unfinished()
    run_queued(store, workers=1)
    record = store.order_by_token(token)
    assert record.status == "failed" and "3 times" in record.error


def test_a_render_with_no_file_made_for_too_long_is_seen_as_stalled(web):
    placed_token(web)
    store = Store(web.data)
    assert not store.stalled(600)
    store.claim_next()
    assert not store.stalled(600)
    with sqlite3.connect(web.data / "awareprint.sqlite3") as db:
        db.execute("UPDATE orders SET progressed = '2000-01-01T00:00:00+00:00'")
    assert store.stalled(600)


def test_failed_logins_from_one_address_for_one_name_are_throttled(web):
    add_staff(web.data, "alice", PASSWORD)
    for _ in range(5):
        wrong = web.post("/staff/login", data={"csrf": csrf(web), "name": "alice",
                                               "password": "not the password"})
        assert wrong.status_code == 401
    right = web.post("/staff/login", data={"csrf": csrf(web), "name": "alice",
                                           "password": PASSWORD})
    assert right.status_code == 429 and "Too many failed logins" in right.text
    assert "awareprint_staff" not in right.headers.get("set-cookie", "")
    other = web.post("/staff/login", data={"csrf": csrf(web), "name": "bob",
                                           "password": PASSWORD})
    assert other.status_code == 401  # another name is not held up


def test_the_throttle_forgets_failures_after_its_window_and_on_success():
    from awareprint.web.throttle import MAX_FAILURES, WINDOW_SECONDS, LoginThrottle

    clock = [1000.0]
    throttle = LoginThrottle(now=lambda: clock[0])
    for _ in range(MAX_FAILURES):
        throttle.failed("10.0.0.1", "alice")
    assert throttle.wait_seconds("10.0.0.1", "alice") == WINDOW_SECONDS
    assert throttle.wait_seconds("10.0.0.2", "alice") == 0
    clock[0] += WINDOW_SECONDS + 1
    assert throttle.wait_seconds("10.0.0.1", "alice") == 0
    throttle.failed("10.0.0.1", "alice")
    throttle.succeeded("10.0.0.1", "alice")
    assert throttle.wait_seconds("10.0.0.1", "alice") == 0


# What a draft may do: an order in a language no person has reviewed

def shown_time(iso: str) -> str:
    """A UTC time as the pages and the ticket show it: 2026-12-07 23:59 UTC."""
    return iso.replace("T", " ")[:16] + " UTC"


def web_catalogue():
    from awareprint.catalogue.load import load_catalogue

    return load_catalogue()


def test_the_form_says_beside_each_language_how_much_of_it_no_person_has_reviewed(web):
    total = len(web_catalogue().languages["en"].strings)
    page = unescape(web.get("/").text)
    note = f"{total} of {total} strings not yet reviewed by a person"
    label = re.search(r'value="es"> Spanish \(Español\) <span class="unreviewed">([^<]*)<',
                      page)
    assert label and label.group(1) == note
    pair = re.search(r'value="en\+es"> English \+ Spanish \(Español\) '
                     r'<span class="unreviewed">([^<]*)<', page)
    assert pair and pair.group(1) == note
    assert not re.search(r'value="en"> English <span', page)  # the source: nothing to say
    assert "A translation not yet reviewed by a person may read wrongly." in page


def test_approving_an_order_in_an_unreviewed_language_needs_the_staffs_confirmation(web):
    """Without the box ticked the order stays unapproved and nothing is released; ticked,
    it is approved and the decision (who, when, which languages) is in the manifest and
    on the job ticket of the zip the print shop gets."""
    token = placed_token(web, **{"items.0.languages": ["es"]})
    run_queued(Store(web.data), workers=1)
    log_in(web)
    (record,) = Store(web.data).orders()
    page = unescape(web.get(f"/staff/orders/{record.id}").text)
    total = len(web_catalogue().languages["en"].strings)
    note = f"Spanish: {total} of {total} strings not yet reviewed by a person"
    assert ('<section class="unreviewed" id="unreviewed"><h2>Translations not yet reviewed by '
            f'a person</h2><ul><li>{note}</li>') in page
    assert page.count(note) == 2  # above the files, and on the row of its file
    assert 'name="print_unreviewed" value="1" required' in page
    assert note in unescape(web.get("/staff").text)  # the staff's list of orders

    refused = web.post(f"/staff/orders/{record.id}/approve", data={"csrf": csrf(web)})
    assert refused.status_code == 400
    assert "tick the box beside Approve" in unescape(refused.text)
    assert store_status(web, record.id) == "ready"
    assert web.get(f"/orders/{token}/files.zip").status_code == 404

    approved = web.post(f"/staff/orders/{record.id}/approve",
                        data={"csrf": csrf(web), "print_unreviewed": "1"})
    assert approved.status_code == 303 and store_status(web, record.id) == "approved"
    decided = Store(web.data).order(record.id).decided
    archive = zipfile.ZipFile(io.BytesIO(web.get(f"/orders/{token}/files.zip").content))
    files = {name.rpartition("/")[2]: name for name in archive.namelist()}
    manifest = json.loads(archive.read(files["manifest.json"]))
    assert manifest["print_unreviewed"] == {
        "decided_by": "alice", "through": "web: approved with the box ticked",
        "decided": decided, "languages": {"es": note}}
    ticket = " ".join(text_of(archive.read(files["job-ticket.pdf"])).split())
    assert "NOT YET REVIEWED BY A PERSON" in ticket and note in ticket  # a heading: capitals
    assert f"Printed on the decision of alice ({shown_time(decided)})" in ticket
    partner_page = unescape(web.get(f"/orders/{token}").text)
    assert (f"Printed although not yet reviewed by a person, on the decision of alice "
            f"({shown_time(decided)})") in partner_page


def test_an_order_in_english_only_is_approved_without_a_confirmation(web):
    placed_token(web, **{"items.0.languages": ["en"]})
    run_queued(Store(web.data), workers=1)
    log_in(web)
    (record,) = Store(web.data).orders()
    page = web.get(f"/staff/orders/{record.id}").text
    assert 'id="unreviewed"' not in page and 'name="print_unreviewed"' not in page
    approved = web.post(f"/staff/orders/{record.id}/approve", data={"csrf": csrf(web)})
    assert approved.status_code == 303 and store_status(web, record.id) == "approved"
    manifest = json.loads((Path(web.data) / "orders" / record.folder / "files/manifest.json")
                          .read_text(encoding="utf-8"))
    assert manifest["print_unreviewed"] is None
