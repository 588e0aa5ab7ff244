"""The web page end to end in a real browser (Debian's chromium, driven by Playwright)
against the real server (`render.py serve`, its order runner and preview worker): a partner
fills in the form, uploads a logo and sees it in the live preview, places the order and
watches it render; staff approve it; the partner downloads the zip and its files read back
with the hotline and the partner's name. No console errors and no CSP violations on the way.

Skipped when chromium or Playwright is missing, unless AWAREPRINT_REQUIRE_TOOLS=1 (CI),
where that fails instead."""

from __future__ import annotations

import base64
import io
import os
import re
import time
import zipfile
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests.pdfread import pdfium_text
from tests.web.web_server import add_user, running_server

REQUIRE_TOOLS = os.environ.get("AWAREPRINT_REQUIRE_TOOLS") == "1"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
PARTNER = "Harbor Light Outreach"
WEBSITE = "harborlight.example.org"
STAFF, PASSWORD = "dana", "a long staff password"
HOTLINE = "1-888-373-7888"
LOGO_RED = (210, 25, 35)
RENDER_SECONDS = 120
TOKEN_URL = re.compile(r"/orders/([A-Za-z0-9_-]{32})$")
# Reported to the test from every page, across the order page's reloads.
CSP_WATCH = """document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`);
});"""


def _playwright():
    """Playwright's sync API and the chromium it drives, or a skip (a failure in CI)."""
    missing = []
    try:
        from playwright import sync_api
    except ImportError:
        sync_api = None
        missing.append("playwright (pip install -e '.[browser]')")
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        missing.append(f"{CHROMIUM} (Debian: apt install chromium)")
    if missing:
        if REQUIRE_TOOLS:
            pytest.fail(f"{' and '.join(missing)} required here (AWAREPRINT_REQUIRE_TOOLS=1)")
        pytest.skip(f"the browser test needs {' and '.join(missing)}")
    return sync_api


def logo_file(tmp_path: Path) -> Path:
    """A small real PNG logo: a red disc and bar on white."""
    image = Image.new("RGB", (400, 200), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, 180, 180), fill=LOGO_RED)
    draw.rectangle((200, 70, 380, 130), fill=LOGO_RED)
    path = tmp_path / "harbor light logo.png"
    image.save(path)
    return path


def png_of(data_uri: str | None) -> Image.Image:
    assert data_uri and data_uri.startswith("data:image/png;base64,"), str(data_uri)[:60]
    image = Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1])))
    assert image.format == "PNG"
    image.load()
    return image.convert("RGB")


def red_pixels(image: Image.Image) -> int:
    return sum(1 for r, g, b in image.get_flattened_data() if r > 150 and g < 80 and b < 80)


def assert_poster_letter(image: Image.Image) -> None:
    width, height = image.size
    assert height > width, f"a poster's preview is portrait, not {image.size}"
    assert 600 <= height <= 1200, f"a preview of {image.size} is not of a sensible size"
    assert height / width == pytest.approx(11 / 8.5, abs=0.01), image.size
    assert image.getextrema() != ((255, 255),) * 3, "the preview is blank"


class Watch:
    """A page's console errors, uncaught exceptions and CSP violations."""

    def __init__(self, page) -> None:
        self.problems: list[str] = []
        page.on("console", lambda message: message.type == "error" and self.problems.append(
            f"console error on {page.url}: {message.text}"))
        page.on("pageerror", lambda error: self.problems.append(
            f"uncaught on {page.url}: {error}"))
        page.expose_function("reportCspViolation", lambda text: self.problems.append(
            f"CSP violation on {page.url}: {text}"))
        page.add_init_script(CSP_WATCH)


def wait_for_preview(page, wanted, timeout: float = 45.0) -> Image.Image:
    """The preview image once `wanted(image)` holds of it (previews follow one another as
    the form changes)."""
    deadline = time.monotonic() + timeout
    seen = None
    while time.monotonic() < deadline:
        image = page.locator("#preview-frame:not(.busy) #preview-image")
        if image.count():
            source = image.get_attribute("src")
            if source != seen:
                seen = source
                shown = png_of(source)
                if wanted(shown):
                    return shown
        page.wait_for_timeout(100)
    frame = page.inner_text("#preview-frame")
    raise AssertionError(f"no such preview within {timeout:.0f} s; the frame says {frame!r}")


def test_a_partner_orders_staff_approve_and_the_partner_downloads_the_files(tmp_path):
    sync_api = _playwright()
    data = tmp_path / "web-data"
    add_user(data, STAFF, PASSWORD)
    with running_server(data, workers=2) as server, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            expect = sync_api.expect
            partner = browser.new_context(accept_downloads=True)
            page = partner.new_page()
            page.set_default_timeout(30_000)
            watch = Watch(page)

            # The form, with its live preview.
            page.goto(server.url + "/")
            page.fill("[name='partner.name']", PARTNER)
            page.fill("[name='partner.website']", WEBSITE)
            page.select_option("[name='items.0.layout']", "poster")
            page.check("[name='items.0.sizes'][value='letter']")
            page.check("[name='items.0.languages'][value='en']")
            page.click("summary:has-text('Two languages on one piece')")
            page.check("[name='items.0.languages'][value='en+es']")
            plain = wait_for_preview(page, lambda image: True)
            assert_poster_letter(plain)
            assert red_pixels(plain) == 0, "the plain poster already has the logo's red"

            page.set_input_files("[name='partner.logo']", logo_file(tmp_path))
            expect(page.locator("#logo-kept")).to_contain_text(
                "Using harbor light logo.png.", timeout=30_000)
            assert re.fullmatch(r"[0-9a-f]{64}\.png", page.input_value("[name='logo_id']"))
            branded = wait_for_preview(page, lambda image: red_pixels(image) > 100)
            assert_poster_letter(branded)
            assert page.locator("#order-form .problem").count() == 0, page.inner_text(
                "#order-form")

            # The order: placed, rendered, and not released before staff approve it.
            with page.expect_navigation():
                page.click("#submit-order")
            token_match = TOKEN_URL.search(page.url)
            assert token_match, page.url
            order_url = page.url
            status = page.locator("#status")
            expect(status).to_have_text(re.compile(r"^(ready|failed|rejected|approved)$"),
                                        timeout=RENDER_SECONDS * 1000)
            assert status.inner_text() == "ready", page.inner_text("main")
            thumbs = page.locator("ol.results img")
            expect(thumbs).to_have_count(2)
            for index in range(2):
                thumb = thumbs.nth(index)
                thumb.scroll_into_view_if_needed()
                expect(thumb).to_have_js_property("complete", True)
                assert thumb.evaluate("image => image.naturalWidth") > 100
                shown = partner.request.get(server.url + thumb.get_attribute("src"))
                assert shown.ok and shown.headers["content-type"] == "image/png"
            expect(page.locator("#download-zip")).to_have_count(0)
            expect(page.locator("a.file")).to_have_count(0)
            assert partner.request.get(order_url + "/files.zip").status == 404

            # Staff log in in a browser of their own, see the files, and approve.
            staff = browser.new_context()
            desk = staff.new_page()
            desk.set_default_timeout(30_000)
            staff_watch = Watch(desk)
            desk.goto(server.url + "/staff/login")
            desk.fill("#name", STAFF)
            desk.fill("#password", PASSWORD)
            with desk.expect_navigation():
                desk.get_by_role("button", name="Log in").click()
            assert desk.url == server.url + "/staff"
            row = desk.locator("table.orders tbody tr", has_text=PARTNER)
            expect(row).to_have_count(1)
            expect(row.locator(".status")).to_have_text("ready")
            with desk.expect_navigation():
                row.locator("a[href^='/staff/orders/']").click()
            pdfs = sorted(desk.locator("a.file").all_inner_texts())
            assert pdfs == ["poster_letter_en+es.pdf", "poster_letter_en.pdf"]
            for name in pdfs:  # the partner's link does not give them yet
                assert partner.request.get(f"{order_url}/files/{name}").status == 404
            # Spanish is not yet reviewed by a person: staff confirm they print it as it is.
            expect(desk.locator("#unreviewed")).to_contain_text(
                "Spanish: ")
            expect(desk.locator("#unreviewed")).to_contain_text(
                "strings not yet reviewed by a person")
            desk.check("#print_unreviewed")
            with desk.expect_navigation():
                desk.click("#approve")
            expect(desk.locator("#status")).to_have_text("approved")

            # The partner's page now offers the zip.
            page.reload()
            expect(page.locator("#status")).to_have_text("approved")
            expect(page.locator("a.file")).to_have_count(2)
            released = partner.request.get(f"{order_url}/files/{pdfs[0]}")
            assert released.status == 200
            assert released.headers["content-type"] == "application/pdf"
            with page.expect_download() as download_info:
                page.click("#download-zip")
            download = download_info.value
            saved = tmp_path / "download" / download.suggested_filename
            download.save_as(saved)
            with zipfile.ZipFile(saved) as archive:
                contents = {Path(name).name: archive.read(name) for name in archive.namelist()
                            if not name.endswith("/")}
            assert {"manifest.json", "job-ticket.pdf", *pdfs} <= set(contents), sorted(contents)
            assert sorted(name for name in contents if name.endswith(".pdf")) == sorted(
                ["job-ticket.pdf", *pdfs])
            for name in pdfs:
                text = pdfium_text(contents[name])
                assert HOTLINE in text, f"{name} does not print the hotline"
                assert PARTNER in text, f"{name} does not name the partner"
            assert WEBSITE in pdfium_text(contents["poster_letter_en.pdf"])
            assert "¿Qué es la trata" in pdfium_text(contents["poster_letter_en+es.pdf"])
            assert "¿Qué es la trata" not in pdfium_text(contents["poster_letter_en.pdf"])

            problems = watch.problems + staff_watch.problems
            assert problems == [], "\n".join(problems)
        finally:
            browser.close()


def test_the_tools_check_skips_or_fails_as_asked(monkeypatch):
    """Without chromium the test is skipped, or failed when the tools are required."""
    import tests.web.test_web_browser as module

    monkeypatch.setattr(module, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setattr(module, "REQUIRE_TOOLS", False)
    with pytest.raises(pytest.skip.Exception, match="chromium"):
        module._playwright()
    monkeypatch.setattr(module, "REQUIRE_TOOLS", True)
    with pytest.raises(pytest.fail.Exception, match="AWAREPRINT_REQUIRE_TOOLS=1"):
        module._playwright()


def test_without_playwright_the_test_is_skipped_saying_how_to_install_it(monkeypatch):
    """Playwright is the `browser` extra, not the `test` one: missing, the browser test is
    skipped with the command that installs it, or failed when the tools are required."""
    import sys

    import tests.web.test_web_browser as module

    monkeypatch.setitem(sys.modules, "playwright", None)  # its import now fails
    monkeypatch.setattr(module, "REQUIRE_TOOLS", False)
    install = re.escape("playwright (pip install -e '.[browser]')")
    with pytest.raises(pytest.skip.Exception, match=install):
        module._playwright()
    monkeypatch.setattr(module, "REQUIRE_TOOLS", True)
    with pytest.raises(pytest.fail.Exception, match=rf"{install}.*AWAREPRINT_REQUIRE_TOOLS=1"):
        module._playwright()



def test_the_page_keeps_what_placing_the_order_found_and_sends_no_hidden_state(tmp_path):
    """After a refused order, the script's previews leave the messages of fields they do
    not check (the orderer's, the quantity) in view; a state chosen for a notice and then
    hidden by choosing another piece is not sent."""
    sync_api = _playwright()
    with running_server(tmp_path / "web-data", workers=1) as server, \
            sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(30_000)
            watch = Watch(page)
            page.goto(server.url + "/")
            page.fill("[name='partner.name']", PARTNER)
            page.select_option("[name='items.0.layout']", "notice")
            page.select_option("[name='items.0.state']", "FL")
            page.select_option("[name='items.0.layout']", "poster")
            assert page.input_value("[name='items.0.state']") == ""
            page.fill("[name='orderer.email']", "not-an-address")
            page.fill("[name='items.0.quantity']", "0")
            wait_for_preview(page, lambda image: True)
            with page.expect_navigation():
                page.click("#submit-order")
            email = page.locator('[data-for="orderer.email"]')
            quantity = page.locator('[data-for="items.0.quantity"]')
            sync_api.expect(email).to_contain_text("not an email address")
            page.fill("[name='partner.website']", WEBSITE)  # a change: a preview follows
            wait_for_preview(page, lambda image: True)
            sync_api.expect(email).to_contain_text("not an email address")
            sync_api.expect(quantity).to_contain_text("not a sane quantity")
            assert page.locator('[data-for="items.0.state"]').count() == 0
            # The refused order's page is sent as 400 Bad Request, which the console notes.
            problems = [problem for problem in watch.problems
                        if "status of 400 (Bad Request)" not in problem]
            assert problems == [], "\n".join(problems)
        finally:
            browser.close()
