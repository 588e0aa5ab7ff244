"""The reviewer's page (issue 24, part 3), request by request on a copy of the content: a
reviewer sees and edits only the languages of its account, edits are checked as a PO
import is (placeholders, hotline-like numbers) and need the form's CSRF token, staff
approve, every change is kept, and `translations apply` writes an approved change into the
language file, where the next render prints it."""

from __future__ import annotations

import io
import re
import sys
from html import unescape

import pytest
import yaml
from PIL import Image
from starlette.testclient import TestClient

from awareprint.catalogue.language_checks import source_language
from awareprint.catalogue.load import load_catalogue
from awareprint.catalogue.request import make_job
from awareprint.cli.main import main
from awareprint.preflight.read_back import read_back
from awareprint.render.pipeline import render
from awareprint.web.app import make_app
from awareprint.web.previewer import InProcessPreviewer
from awareprint.web.review_apply import apply_changes
from awareprint.web.review_store import ReviewStore
from awareprint.web.serve import add_staff
from awareprint.web.slot_outline import OUTLINE_RGB
from awareprint.web.store import Store
from tests.data_copy import copy_data, edit
from tests.pdfread import pdfium_text, text_of
from tests.web.previewers import RecordingPreviewer

PASSWORD = "correct horse battery"
REVIEWER, STAFF = "rosa", "alice"
# Printed on the discreet card only (its greeting): the fit check sets few pieces.
KEY, OLD, NEW = "discreet_headline", "¿Necesita ayuda?", "¿Necesita ayuda ahora?"


def _app(tmp_path, previewer):
    data = copy_data(tmp_path / "copy")
    catalogue = load_catalogue(data / "layouts", data / "content")
    web_data = tmp_path / "web-data"
    app = make_app(web_data, previewer, hosts=("testserver",), catalogue=catalogue)
    translations = tuple(code for code, language in catalogue.languages.items()
                         if language is not source_language(catalogue.languages))
    add_staff(web_data, REVIEWER, PASSWORD, ("es",), translations)
    add_staff(web_data, STAFF, PASSWORD)
    with TestClient(app, follow_redirects=False) as client:
        client.web_data, client.content, client.catalogue = web_data, data / "content", catalogue
        client.previewer = previewer
        yield client


@pytest.fixture
def web(tmp_path):
    yield from _app(tmp_path, RecordingPreviewer())


@pytest.fixture
def web_drawing(tmp_path):
    yield from _app(tmp_path, InProcessPreviewer())


def csrf(client) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)


def log_in(client, name: str) -> str:
    response = client.post("/staff/login", data={"csrf": csrf(client), "name": name,
                                                 "password": PASSWORD})
    assert response.status_code == 303, response.text
    return response.headers["location"]


def change(client, code: str, key: str, action: str, text=None, **fields):
    data = {"csrf": csrf(client), "action": action, **fields}
    if text is not None:
        data["text"] = text
    return client.post(f"/review/{code}/strings/{key}", data=data)


def problems_of(html: str) -> list[str]:
    return [unescape(text) for text in
            re.findall(r'<p class="problem" data-for="text" role="alert">([^<]*)</p>', html)]


def changes(client, code: str = "es"):
    return ReviewStore(Store(client.web_data)).changes(code)


def test_a_reviewer_sees_and_changes_only_the_languages_of_its_account(web):
    assert log_in(web, REVIEWER) == "/review"
    assert web.get("/review").headers["location"] == "/review/es"
    listing = web.get("/review/es")
    assert listing.status_code == 200
    # The English beside the Spanish, with where each string prints.
    row = re.search(r'<tr class="state-(\w+)" data-key="get_help">(.*?)</tr>', listing.text,
                    re.S)
    assert row and row.group(1) == "draft"
    assert "Get help" in row.group(2) and "Pida ayuda" in row.group(2)
    assert "wallet-card (numbers)" in row.group(2) and "poster (" in row.group(2)
    drafts = web.get("/review/es?state=draft").text
    assert drafts.count('class="state-draft"') == len(web.catalogue.languages["es"].strings)
    assert 'class="state-reviewed"' not in drafts
    assert "No reviewed strings" in web.get("/review/es?state=reviewed").text

    for path in ("/review/fr", "/review/fr/strings/headline", "/review/ar"):
        assert web.get(path).status_code == 404, path
    assert change(web, "fr", "headline", "save", "Bonjour").status_code == 404
    assert web.get("/staff").status_code == 303  # the orders are staff's: to the login
    assert web.get("/staff/orders/1").status_code == 303
    assert changes(web, "fr") == []
    # A reviewer does not approve.
    assert change(web, "es", KEY, "approve").status_code == 403


def test_the_pages_need_a_login_and_a_change_the_form_s_csrf_token(web):
    assert web.get("/review/es").status_code == 401
    log_in(web, REVIEWER)
    refused = web.post(f"/review/es/strings/{KEY}", data={"action": "review"})
    assert refused.status_code == 403
    forged = web.post(f"/review/es/strings/{KEY}",
                      data={"action": "review", "csrf": "x" * 43})
    assert forged.status_code == 403
    other_site = web.post(f"/review/es/strings/{KEY}", data={
        "action": "review", "csrf": csrf(web)}, headers={"origin": "https://evil.example"})
    assert other_site.status_code == 403
    assert changes(web) == []


@pytest.mark.parametrize(("key", "text", "wanted"), [
    ("emergency_line", "¿Está en peligro inmediato? Llame a emergencias.",
     ["lost {emergency}", "keep each {name} exactly as in the English"]),
    ("get_help", "Pida ayuda al 1-888-373-7888", ["the hotline", "leave them out"]),
    ("get_help", "Pida ayuda al 1-888-373-7881", ["a digit or two off", "the hotline"]),
    ("get_help", "Pida\u202e ayuda", ["U+202E", "direction character"]),
])
def test_an_edit_the_import_would_refuse_is_refused_beside_the_field(web, key, text, wanted):
    log_in(web, REVIEWER)
    before = web.catalogue.languages["es"].strings[key]
    response = change(web, "es", key, "review", text)
    assert response.status_code == 400
    problems = problems_of(response.text)
    assert len(problems) == 1 and all(part in problems[0] for part in wanted), problems
    assert "aria-invalid" in response.text and unescape(response.text).count(text) >= 1
    assert changes(web) == []
    assert web.get(f"/review/es/strings/{key}").text.count('id="state">draft') == 1
    assert web.catalogue.languages["es"].strings[key] == before


def test_an_approved_change_from_the_page_is_written_into_the_file_and_printed(web_drawing):
    web = web_drawing
    file = web.content / "es.yaml"
    original = file.read_text(encoding="utf-8")
    log_in(web, REVIEWER)

    # The string's page: the English, the Spanish and the discreet card previewed with
    # the string's slot outlined.
    page = web.get(f"/review/es/strings/{KEY}")
    assert page.status_code == 200 and "Need help?" in page.text and OLD in page.text
    assert "discreet-card (greeting)" in page.text
    image = re.search(r'id="preview-image" src="data:image/png;base64,([^"]+)"', page.text)
    assert image, page.text[-2000:]
    picture = Image.open(io.BytesIO(__import__("base64").b64decode(image.group(1))))
    magenta = sum(1 for pixel in picture.convert("RGB").get_flattened_data()
                  if pixel == OUTLINE_RGB)
    assert magenta > 200, "the greeting's slot is outlined on the preview"

    # The reviewer edits it and marks it reviewed, with a comment.
    done = change(web, "es", KEY, "review", NEW, comment="más natural")
    assert done.status_code == 303, problems_of(done.text)
    shown = web.get(done.headers["location"]).text
    assert 'id="state">reviewed' in shown and NEW in shown
    # Staff do not edit; they approve.
    assert log_in(web, STAFF) == "/staff"
    assert change(web, "es", KEY, "save", NEW + "?").status_code == 403
    assert change(web, "es", KEY, "approve").status_code == 303
    history = changes(web)
    assert [(c.kind, c.author, c.before, c.after) for c in history] == [
        ("edit", REVIEWER, OLD, NEW), ("review", REVIEWER, "edited", "reviewed"),
        ("approve", STAFF, "reviewed", "approved")]
    assert history[1].comment == "más natural"
    page = web.get(f"/review/es/strings/{KEY}").text
    assert 'id="state">approved' in page and page.count('data-kind="') == 3
    listing = web.get("/review/es?state=approved").text
    assert f'data-key="{KEY}"' in listing and listing.count("<tr class=") == 1
    assert f"1 reviewed or approved string(s) wait to be written into the file ({KEY})" \
        in unescape(listing)
    assert file.read_text(encoding="utf-8") == original, "the page never writes the file"

    # Written into the language file: only that string's lines and its review record.
    applied = apply_changes(web.web_data, web.catalogue, ["es"], workers=1)
    assert applied[0].written == (KEY,)
    text = file.read_text(encoding="utf-8")
    assert text.splitlines()[0] == original.splitlines()[0]  # its comments kept
    data = yaml.safe_load(text)
    assert data["strings"][KEY] == NEW
    record = data["review"][KEY]
    assert (record["state"], record["by"], record["comment"]) == (
        "approved", STAFF, "más natural")
    untouched = [line for line in original.splitlines() if OLD not in line]
    assert all(line in text for line in untouched if line.strip())
    assert all(change.applied for change in changes(web))
    assert apply_changes(web.web_data, web.catalogue, ["es"])[0].written == ()

    # The next render prints it, and the catalogue counts the string approved.
    catalogue = load_catalogue.__wrapped__(web.catalogue.layouts_dir, web.content)
    assert catalogue.languages["es"].review[KEY].state == "approved"
    job = make_job(catalogue, "discreet-card", catalogue.layouts["discreet-card"].default_size,
                   "es")
    pdf = render(job, catalogue, read_back).pdf
    for extracted in (text_of(pdf), pdfium_text(pdf)):
        assert "ahora" in extracted and "Necesita ayuda" in extracted
    # The page reads the file again: the string is approved there, nothing pending.
    page = web.get(f"/review/es/strings/{KEY}").text
    assert 'id="state">approved' in page and "not yet written" not in page
    assert 'id="ready"' not in web.get("/review/es").text


def test_the_preview_shows_the_piece_with_the_edited_text_before_it_is_saved(web):
    log_in(web, REVIEWER)
    first = len(web.previewer.asked)
    response = change(web, "es", KEY, "preview", NEW)
    assert response.status_code == 200 and NEW in unescape(response.text)
    # The card alone first (this previewer outlines nothing, so the pair follows).
    (job, _), shown = web.previewer.asked[first], web.previewer.shown[first]
    assert job.layout == "discreet-card" and job.languages == ("es",)
    assert shown.strings[KEY] == NEW and shown.slots == frozenset({"greeting"})
    assert changes(web) == []


def test_reviewer_accounts_name_a_translation(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    code = main(["serve", "--data", str(tmp_path), "add-user", "kim", "--reviewer", "xx"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "--reviewer" in err[0] and "'xx'" in err[0]
    assert "es" in err[0] and "Traceback" not in err[0]
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["serve", "--data", str(tmp_path), "add-user", "kim", "--reviewer", "ko"]) == 0
    assert "reviewer (ko) account kim" in capsys.readouterr().out
    assert Store(tmp_path).staff_password("kim") is None  # not a staff account
    # Setting the password again does not make the reviewer staff by mistake.
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["serve", "--data", str(tmp_path), "add-user", "kim"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "kim is a reviewer of ko" in err[0]
    assert Store(tmp_path).account_languages("kim") == ("ko",)
    assert main(["translations", "apply", "--data", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--data" in err[0] and "no web store" in err[0]


def test_a_review_made_on_a_text_the_file_no_longer_has_is_dropped_not_applied(web):
    """The file changed under the page (a PO import, a commit): the review was of another
    text, so it is not written; the page says so and the history keeps it."""
    log_in(web, REVIEWER)
    assert change(web, "es", "headline", "review", "¿Qué es la trata de personas?",
                  comment="bien").status_code == 303
    file = web.content / "es.yaml"
    edit(file, "headline: ¿Qué es la trata de personas?",
         "headline: ¿Qué es la trata de seres humanos?")
    page = web.get("/review/es/strings/headline").text
    assert 'id="state">draft' in page and 'id="outdated"' in page
    assert "out of date" in page and "trata de seres humanos" in page
    applied = apply_changes(web.web_data, web.catalogue, ["es"])
    assert applied[0].dropped == ("headline",) and applied[0].written == ()
    assert "review:" not in file.read_text(encoding="utf-8")
    assert [change.dropped is not None for change in changes(web)] == [True]

    # Reviewed again, as the file has it now: that review is written.
    assert change(web, "es", "headline", "review",
                  "¿Qué es la trata de seres humanos?").status_code == 303
    applied = apply_changes(web.web_data, web.catalogue, ["es"])
    assert applied[0].written == ("headline",) and applied[0].dropped == ()
    written = yaml.safe_load(file.read_text(encoding="utf-8"))
    assert written["strings"]["headline"] == "¿Qué es la trata de seres humanos?"
    assert written["review"]["headline"]["state"] == "reviewed"
    assert written["review"]["headline"]["by"] == REVIEWER


def test_a_list_s_items_are_edited_each_in_its_field_and_checked_each(web):
    log_in(web, REVIEWER)
    signs = list(web.catalogue.languages["es"].strings["signs"])
    page = web.get("/review/es/strings/signs").text
    assert page.count('name="item"') == len(signs)
    wrong = [*signs[:1], signs[1] + " Llame al 402-555-0199.", *signs[2:]]
    response = web.post("/review/es/strings/signs", data={
        "csrf": csrf(web), "action": "save", "item": wrong})
    assert response.status_code == 400
    problems = problems_of(response.text)
    assert len(problems) == 1 and problems[0].startswith("item 2: 4025550199 looks like a "
                                                         "phone number"), problems
    short = web.post("/review/es/strings/signs", data={
        "csrf": csrf(web), "action": "save", "item": signs[:-1]})
    assert short.status_code == 400
    assert f"{len(signs)} item(s) in the English" in problems_of(short.text)[0]
    assert changes(web) == []


def test_the_live_preview_answers_the_text_typed_for_the_reviewer_s_language_only(web):
    log_in(web, REVIEWER)
    live = web.post(f"/review/es/strings/{KEY}/preview",
                    data={"csrf": csrf(web), "text": NEW, "piece": "discreet-card"})
    assert live.status_code == 200
    answer = live.json()
    assert answer["image"].startswith("data:image/png;base64,")
    assert answer["piece"] == "discreet-card" and "discreet-card" in answer["label"]
    assert web.previewer.shown[-1].strings[KEY] == NEW
    assert web.post(f"/review/es/strings/{KEY}/preview",
                    data={"text": NEW}).status_code == 403
    assert web.post("/review/fr/strings/headline/preview",
                    data={"csrf": csrf(web), "text": "Bonjour"}).status_code == 404
    assert changes(web) == []


def test_an_edit_that_overflows_a_piece_it_prints_on_is_refused_naming_the_piece(web):
    log_in(web, REVIEWER)
    response = change(web, "es", KEY, "save", "¿Necesita ayuda? " * 12)
    assert response.status_code == 400
    problems = problems_of(response.text)
    assert problems and all("does not fit its slot 'greeting' on discreet-card" in problem
                            and problem.endswith("shorten the translation")
                            for problem in problems), problems
    assert any("business-card [es]" in problem for problem in problems), problems
    assert changes(web) == []


def test_translations_apply_says_what_it_wrote_and_what_stays_on_the_page(web, monkeypatch,
                                                                          capsys):
    log_in(web, REVIEWER)
    assert change(web, "es", "headline", "review", "¿Qué es la trata de personas?",
                  comment="se lee bien").status_code == 303
    assert change(web, "es", "get_help", "comment", "Pida ayuda",
                  comment="¿«Busque ayuda»?").status_code == 303
    # The command line's catalogue is the test's copy, never the project's content (it
    # imports load_catalogue when it runs: the patch reaches it).
    import awareprint.cli.main as command_line

    assert not hasattr(command_line, "load_catalogue")
    monkeypatch.setattr("awareprint.catalogue.load.load_catalogue", lambda: web.catalogue)
    arguments = ["translations", "apply", "--data", str(web.web_data)]
    assert main(arguments) == 0
    out = capsys.readouterr().out
    assert f"wrote {web.content / 'es.yaml'}: 1 string (headline); 1 not yet reviewed " \
           "stay on the page (get_help)" in out
    record = yaml.safe_load((web.content / "es.yaml").read_text("utf-8"))["review"]
    assert record == {"headline": {"state": "reviewed", "by": REVIEWER,
                                   "date": record["headline"]["date"],
                                   "against": record["headline"]["against"],
                                   "comment": "se lee bien"}}
    assert main(arguments) == 0
    assert "es: nothing reviewed or approved to write; 1 not yet reviewed stay on the " \
           "page (get_help)" in capsys.readouterr().out
