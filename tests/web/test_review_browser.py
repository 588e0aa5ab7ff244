"""The reviewer's page in a real browser (Debian's chromium, driven by Playwright) against
the real server (`render.py serve` and its preview worker): a reviewer of Spanish signs in,
filters the drafts, opens a string and sees its piece with the string's slot outlined;
an edit with a hotline-like number is refused beside the field; the preview follows the
text as it is typed; the reviewer marks it reviewed with a comment and sees the piece with
the new text; staff approve it.
No console errors and no CSP violations on the way. The content is only read: the
changes stay in the test's web store.

Skipped when chromium or Playwright is missing, unless AWAREPRINT_REQUIRE_TOOLS=1 (CI),
where that fails instead (as tests/web/test_web_browser.py)."""

from __future__ import annotations

from tests.web.test_web_browser import CHROMIUM, CHROMIUM_ARGS, Watch, _playwright, png_of
from tests.web.web_server import add_user, running_server

REVIEWER, STAFF, PASSWORD = "rosa", "dana", "a long enough password"
KEY, NEW = "discreet_headline", "¿Necesita ayuda ahora?"
MAGENTA = (230, 0, 126)  # web/slot_outline.py's OUTLINE_RGB


def outlined_pixels(page) -> int:
    image = png_of(page.get_attribute("#preview-image", "src"))
    return sum(1 for pixel in image.get_flattened_data() if pixel == MAGENTA)


def log_in(page, url: str, name: str) -> None:
    page.goto(url + "/staff/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()


def test_a_reviewer_reviews_a_string_and_staff_approve_it(tmp_path):
    sync_api = _playwright()
    expect = sync_api.expect
    data = tmp_path / "web-data"
    add_user(data, REVIEWER, PASSWORD, "--reviewer", "es")
    add_user(data, STAFF, PASSWORD)
    with running_server(data) as server, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context().new_page()
            page.set_default_timeout(60_000)
            watch = Watch(page)
            log_in(page, server.url, REVIEWER)
            assert page.url == server.url + "/review/es"  # its one language, at once
            with page.expect_navigation():
                page.click("nav.states a[data-state='draft']")
            row = page.locator(f"tr[data-key='{KEY}']")
            expect(row).to_contain_text("Need help?")
            expect(row).to_contain_text("discreet-card (greeting)")
            with page.expect_navigation():
                row.locator("a").click()
            expect(page.locator("#state")).to_have_text("draft")
            expect(page.locator("#preview-label")).to_contain_text("discreet-card")
            before = page.get_attribute("#preview-image", "src")
            assert outlined_pixels(page) > 200, "the greeting's slot is outlined"

            # Refused beside the field, and nothing kept.
            page.fill("#text-0", "Llame al 1-888-373-7888")
            with page.expect_navigation():
                page.click("button[value='review']")
            problem = page.locator(".problem[data-for='text']")
            expect(problem).to_contain_text("hotline")
            expect(page.locator("#state")).to_have_text("draft")
            expect(page.locator("table.history")).to_have_count(0)
            # The refusal is answered 400 (Bad Request), which chromium logs; nothing else.
            assert [problem.endswith("status of 400 (Bad Request)")
                    for problem in watch.problems] == [True], "\n".join(watch.problems)
            watch.problems.clear()

            # Typed: the preview follows (static/review.js), nothing saved yet.
            refused = page.get_attribute("#preview-image", "src")
            page.fill("#text-0", NEW)
            live = page.locator("#preview-frame:not(.busy) #preview-image")
            expect(live).not_to_have_attribute("src", refused)
            expect(live).not_to_have_attribute("src", before)
            typed = live.get_attribute("src")
            assert outlined_pixels(page) > 200
            expect(page.locator("#state")).to_have_text("draft")

            # Edited, reviewed with a comment: the piece shows the new text.
            page.fill("#comment", "más natural")
            with page.expect_navigation():
                page.click("button[value='review']")
            expect(page.locator("#state")).to_have_text("reviewed")
            expect(page.locator("#done")).to_have_text("Reviewed.")
            expect(page.locator("#text-0")).to_have_value(NEW)
            assert page.get_attribute("#preview-image", "src") == typed  # the same piece
            assert outlined_pixels(page) > 200
            expect(page.locator("table.history tbody tr")).to_have_count(2)
            expect(page.locator("button[value='approve']")).to_have_count(0)

            # Staff approve it.
            desk = browser.new_context().new_page()
            desk.set_default_timeout(60_000)
            staff_watch = Watch(desk)
            log_in(desk, server.url, STAFF)
            desk.goto(f"{server.url}/review/es/strings/{KEY}")
            expect(desk.locator("#state")).to_have_text("reviewed")
            with desk.expect_navigation():
                desk.click("button[value='approve']")
            expect(desk.locator("#state")).to_have_text("approved")
            history = desk.locator("table.history tbody tr")
            expect(history).to_have_count(3)
            expect(history.first).to_contain_text(STAFF)
            expect(history.last).to_contain_text(REVIEWER)

            problems = watch.problems + staff_watch.problems
            assert problems == [], "\n".join(problems)
        finally:
            browser.close()
