"""The notices state laws require: their data (wording, numbers, rules), the notice layout
at or above the law's type size, and the compliance read-back that holds a printed notice
to its law word for word."""

from __future__ import annotations

import re

import pytest

from awareprint.catalogue.load import load_catalogue
from awareprint.catalogue.notices import NoticeRef, notice_languages, vanity_digits
from awareprint.catalogue.request import make_job
from awareprint.cli.main import main
from awareprint.errors import FitError, InputError
from awareprint.preflight.read_back import preflight
from tests.data_copy import edit, load_problems
from tests.pdfread import chars, digits_of, page_sizes, text_of
from tests.pieces import render

CATALOGUE = load_catalogue()
NOTICES = [(state.state, notice_id) for state in CATALOGUE.notices.values()
           for notice_id in state.notices]


def _notice(state: str, notice_id: str):
    return CATALOGUE.notices[state].notices[notice_id]


@pytest.fixture(scope="session")
def notice_pdf(rendered_job):
    """A state's notice rendered once per session: notice_pdf(state, notice, language)."""

    def make(state: str, notice_id: str, language: str, size: str | None = None,
             catalogue=CATALOGUE) -> bytes:
        job = make_job(catalogue, "notice", size, language, notice=NoticeRef(state, notice_id))
        return rendered_job(job, catalogue).pdf

    return make


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_states_we_cover():
    assert {"CA", "FL", "IL", "LA", "MD", "MI", "MO", "NM"} <= set(CATALOGUE.notices)
    assert ("FL", "lodging") in NOTICES
    for state, notice_id in NOTICES:
        notice = _notice(state, notice_id)
        assert notice.url.startswith(("https://", "http://")) and notice.citation
        assert notice.wording["en"].status == "official", (state, notice_id)
        assert notice.checked.isoformat() == "2026-12-02"


def test_vanity_numbers_dial_their_digits():
    assert vanity_digits("1-888-KEY-2-FRE(EDOM)") == "18885392373"
    assert vanity_digits("1-855-FLA-SAFE") == "18553527233"
    assert vanity_digits("505-GET-FREE") == "5054383733"
    california = _notice("CA", "general").numbers[0]
    assert (california.digits, california.vanity) == ("18885392373", "1-888-KEY-2-FRE(EDOM)")


@pytest.mark.parametrize(("state", "notice_id"), NOTICES)
def test_each_notice_renders_in_its_languages_and_complies(notice_pdf, state, notice_id):
    """Each required piece (a language each, or the pair a law wants on one sheet) passes
    the compliance read-back, with the law's citation, its numbers and the hotline's."""
    notice = _notice(state, notice_id)
    for language in notice_languages(notice):
        pdf = notice_pdf(state, notice_id, language)
        report = preflight(pdf, CATALOGUE, source=f"{state} {notice_id} {language}")
        assert report.faults == [], report.faults
        assert report.notice == " ".join([state, notice_id, *language.split("+")])
        text = _words(text_of(pdf))
        assert notice.citation in text
        digits = digits_of(text)
        for number in notice.numbers:
            assert number.display in text and number.digits in digits
        assert CATALOGUE.hotline.call.display in text
        sizes = [c.size for c in chars(pdf)]
        if notice.rules.min_type_pt:
            wording_sizes = [line for line in report.notice_lines if line.startswith("type")]
            assert wording_sizes and all(
                float(re.search(r"([\d.]+) pt smallest", line).group(1))
                >= notice.rules.min_type_pt for line in wording_sizes)
        assert max(sizes) >= 20
        width, height = page_sizes(pdf)[0]
        assert sorted((width / 72, height / 72)) >= sorted(
            (notice.rules.min_width_in, notice.rules.min_height_in))


def test_the_wording_is_printed_word_for_word_in_its_own_slot(notice_pdf):
    pdf = notice_pdf("CA", "general", "en")
    notice = _notice("CA", "general")
    text = _words(text_of(pdf))
    for block in notice.wording["en"].blocks:
        for paragraph in block if isinstance(block, list) else [block]:
            assert _words(paragraph) in text


def test_a_changed_statutory_word_is_caught(notice_pdf, data):
    """The file printed from the data is held to the law: change one word of the law in
    the data and the same file fails, the changed words quoted."""
    pdf = notice_pdf("MI", "general", "en")
    path = data / "content/notices/MI.yaml"
    text = path.read_text(encoding="utf-8")
    assert "cannot leave" in text
    path.write_text(text.replace("cannot leave", "can not leave", 1), encoding="utf-8")
    changed = load_catalogue(data / "layouts", data / "content")
    report = preflight(pdf, changed, source="MI")
    faults = [f for f in report.faults if "differs from the law" in f]
    assert faults and "can not leave" in faults[0], report.faults


def test_a_missing_word_is_caught(notice_pdf, data):
    pdf = notice_pdf("CA", "general", "es")
    path = data / "content/notices/CA.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Anonymous and confidential.",
                                 "Anonymous, free and confidential.", 1), encoding="utf-8")
    changed = load_catalogue(data / "layouts", data / "content")
    assert preflight(notice_pdf("CA", "general", "en"), changed).faults
    assert preflight(pdf, changed).faults == []  # the Spanish is not what changed


def test_a_notice_too_small_for_the_law_fails(data):
    """Where the wording would have to be set below the law's type size, the notice is not
    made: the fit stops at the law's size and reports the overflow."""
    edit(data / "content/notices/MI.yaml", "min_type_pt: 14", "min_type_pt: 40")
    catalogue = load_catalogue(data / "layouts", data / "content")
    job = make_job(catalogue, "notice", "letter", "es", notice=NoticeRef("MI", "general"))
    with pytest.raises(FitError) as caught:
        render(job, catalogue)
    assert "slot 'wording'" in str(caught.value)


def test_type_below_the_law_is_refused_on_read_back(notice_pdf, data):
    """A notice printed at 24 pt read back against a law asking 30 pt fails."""
    pdf = notice_pdf("MI", "general", "en")
    edit(data / "content/notices/MI.yaml", "min_type_pt: 14", "min_type_pt: 60")
    changed = load_catalogue(data / "layouts", data / "content")
    faults = preflight(pdf, changed).faults
    assert any("under 60 pt" in f for f in faults), faults


def test_bold_is_checked_where_the_law_asks_for_it(notice_pdf, data):
    edit(data / "content/notices/MI.yaml", "bold: true", "bold: false")
    plain = load_catalogue(data / "layouts", data / "content")
    pdf = notice_pdf("MI", "general", "en", catalogue=plain)
    assert preflight(pdf, plain).faults == []
    faults = preflight(pdf, CATALOGUE).faults  # the law asks for bold
    assert any("not bold" in f for f in faults), faults
    assert preflight(notice_pdf("MI", "general", "en"), CATALOGUE).faults == []


def test_a_page_smaller_than_the_law_is_refused():
    with pytest.raises(InputError, match=r"letter is too small .*11 × 15 in; choose 18x24"):
        make_job(CATALOGUE, "notice", "letter", "en+es", notice=NoticeRef("FL", "lodging"))
    with pytest.raises(InputError, match=r"11 in wide and 8.5 in high"):
        make_job(CATALOGUE, "notice", "letter", "en+es", notice=NoticeRef("NM"))


def test_a_one_language_sheet_of_a_two_language_law_is_refused(notice_pdf, data):
    """Asked for, it is refused before rendering; printed anyway, the read-back says so."""
    with pytest.raises(InputError, match=r"wants en and es on one sheet: ask for en\+es"):
        make_job(CATALOGUE, "notice", None, "en", notice=NoticeRef("FL"))
    edit(data / "content/notices/FL.yaml", "sheets: together", "sheets: either")
    either = load_catalogue(data / "layouts", data / "content")
    pdf = notice_pdf("FL", "general", "en", catalogue=either)
    faults = preflight(pdf, CATALOGUE).faults
    assert any("on one sheet" in f and "lacks es" in f for f in faults), faults


def test_draft_wording_is_marked_on_the_piece(notice_pdf):
    assert _notice("MI", "general").wording["es"].status == "draft"
    spanish = _words(text_of(notice_pdf("MI", "general", "es")))
    english = _words(text_of(notice_pdf("MI", "general", "en")))
    note = str(CATALOGUE.languages["es"].strings["notice_translation"])
    assert note in spanish
    assert str(CATALOGUE.languages["en"].strings["notice_translation"]) not in english


def test_wrong_digits_in_a_notice_are_refused(data):
    edit(data / "content/notices/CA.yaml", 'digits: "18885392373"', 'digits: "18885392372"')
    problems = load_problems(data)
    assert any("CA.yaml" in p and "does not spell the digits 18885392372" in p
               for p in problems), problems


def test_a_number_the_law_does_not_name_is_refused(data):
    path = data / "content/notices/MI.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("1-888-373-7888", "1-888-373-7887", 1), encoding="utf-8")
    problems = load_problems(data)
    assert any("MI.yaml" in p and "the number 18883737887 is neither" in p
               for p in problems), problems


def test_a_required_language_without_wording_is_refused(data):
    edit(data / "content/notices/MI.yaml", "languages: [en, es]", "languages: [en, es, ar]")
    assert any("rules.languages asks for ar" in p for p in load_problems(data))


def test_cli_unknown_state_names_the_states_we_have(tmp_path, capsys):
    assert main(["notice", "--state", "XX", "--out", str(tmp_path)]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1
    assert "no notice for the state 'XX'; we have: CA (California)" in error
    assert "FL (Florida)" in error and not list(tmp_path.iterdir())


def test_cli_notice_needs_a_state_and_state_needs_a_notice_layout(tmp_path, capsys):
    assert main(["notice", "--out", str(tmp_path)]) == 2
    assert "--state: the notice prints a state's required notice" in capsys.readouterr().err
    assert main(["poster", "--state", "CA", "--out", str(tmp_path)]) == 2
    assert "--state: the poster prints no state's notice; a state goes with: notice" in (
        capsys.readouterr().err)


def test_cli_renders_every_required_language(tmp_path, capsys):
    assert main(["notice", "--state", "california", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["notice-CA_letter_en.pdf", "notice-CA_letter_es.pdf"]
    assert main(["notice", "--state", "FL", "--notice", "lodging", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "notice-FL-lodging_18x24_en+es.pdf").is_file()
    assert main(["notice", "--state", "FL", "--notice", "bars", "--out", str(tmp_path)]) == 2
    assert "Florida has no 'bars' notice; it has: general, lodging" in capsys.readouterr().err


def test_list_shows_the_states_and_their_rules(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "State notices" in out
    assert "CA" in out and "Cal. Civ. Code § 52.6" in out
    assert "page ≥ 8.5 × 11 in, type ≥ 16 pt" in out
    assert "FL --notice lodging" in out and "type ≥ 32 pt" in out


def test_an_order_names_the_state_and_gets_the_law_languages(tmp_path):
    from awareprint.errors import ContentError
    from awareprint.orders.order_file import load_order

    path = tmp_path / "order.yaml"
    path.write_text("partner:\n  name: Gulf Coast Inns\nitems:\n"
                    "  - layout: notice\n    state: FL\n    notice: lodging\n"
                    "    profile: press\n    quantity: 12\n"
                    "  - layout: notice\n    state: ca\n    languages: [es]\n", encoding="utf-8")
    order = load_order(path, CATALOGUE)
    assert [item.job.label for item in order.items] == [
        "notice FL lodging 18x24 [en+es] press", "notice CA letter [es]"]
    path.write_text("partner:\n  name: Gulf Coast Inns\nitems:\n"
                    "  - layout: notice\n    state: Texas\n"
                    "  - layout: poster\n    state: CA\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_order(path, CATALOGUE)
    problems = caught.value.problems
    assert any("items.0.state: no notice for the state 'Texas'; we have: CA (California)"
               in p for p in problems), problems
    assert any("items.1.state: poster prints no state's notice; leave the state out, or "
               "choose notice" in p for p in problems), problems


def test_notices_on_a_press_sheet_are_held_to_their_law():
    """Imposed, the notice keeps its name and is read back against its law: the wording
    word for word and at the law's size (the sheet itself is no page of the notice)."""
    from awareprint.catalogue.request import make_sheet_job
    from awareprint.sheets.impose import render_sheet

    job = make_sheet_job(CATALOGUE, "notice", None, ["en+es"], "sra3",
                         notice=NoticeRef("MD", "restroom"))
    assert job.file_name == "notice-MD-restroom_letter_en+es_sra3_press.pdf"
    sheet = render_sheet(job, CATALOGUE)
    report = preflight(sheet.pdf, CATALOGUE)
    assert report.faults == [], report.faults
    assert report.notice == "MD restroom en es"
    assert any(line.startswith("wording en") and " 0 characters differ" in line
               for line in report.notice_lines), report.notice_lines
    assert "pieces on a sheet" in " ".join(report.notice_lines)


def test_a_co_branded_notice_keeps_the_law_whole(rendered_job, parish):
    """The partner's lockup takes the publisher's line at the foot, never the wording."""
    job = make_job(CATALOGUE, "notice", None, "en+es", partner=parish,
                   notice=NoticeRef("FL"))
    pdf = rendered_job(job).pdf
    report = preflight(pdf, CATALOGUE)
    assert report.faults == [], report.faults
    text = _words(text_of(pdf))
    assert "St. Mark’s Parish" in text and "Parish office: 402-555-0143" in text
    assert str(CATALOGUE.branding.publisher.name) not in text


def test_preflight_holds_any_pdf_to_a_state_notice(notice_pdf, tmp_path, capsys):
    """A notice from elsewhere (no name of ours inside) is checked against the law asked
    for: passes in its language, and the languages it lacks are named."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(notice_pdf("CA", "general", "es"))) as document:
        del document.docinfo["/StateNotice"]
        document.save(tmp_path / "poster.pdf")
    assert main(["preflight", str(tmp_path / "poster.pdf"), "--state", "CA", "--lang", "es"]) == 0
    assert "wording es     0 characters differ" in capsys.readouterr().out
    assert main(["preflight", str(tmp_path / "poster.pdf"), "--state", "CA"]) == 1
    out = capsys.readouterr().out
    assert "notice: the en wording is not on the piece" in out
    assert main(["preflight", str(tmp_path / "poster.pdf"), "--state", "CA",
                 "--lang", "ar"]) == 2
    assert "--lang ar: the CA notice has wording in en, es" in capsys.readouterr().err


def test_the_proof_gives_each_state_its_own_block():
    """Two states' notices share layout, size and language: neither hides the other."""
    from awareprint.documents.proof_grid import Entry, arrange

    jobs = [make_job(CATALOGUE, "notice", "letter", "en", notice=NoticeRef(state))
            for state in ("CA", "MI")]
    groups = arrange([Entry(job) for job in jobs], CATALOGUE)
    assert [group.layout_title for group in groups] == ["State notice CA", "State notice MI"]
    assert all(cell is not None for group in groups for band in group.bands
               for row in band.rows for cell in row.cells)


def test_an_order_names_a_notice_the_state_lacks_at_its_field(tmp_path):
    from awareprint.errors import ContentError
    from awareprint.orders.order_file import load_order

    path = tmp_path / "order.yaml"
    path.write_text("partner:\n  name: Gulf Coast Inns\nitems:\n"
                    "  - layout: notice\n    state: fl\n    notice: bars\n"
                    f"  - layout: notice\n    state: {'X' * 100}\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_order(path, CATALOGUE)
    problems = caught.value.problems
    assert any("items.0.notice: Florida has no 'bars' notice; it has: general, lodging" in p
               for p in problems), problems
    (long_name,) = [p for p in problems if "items.1.state" in p]
    assert "X" * 40 + "…'" in long_name and "X" * 41 not in long_name


READING_PT = 9  # outside the law's wording, nothing under a letter poster's reading size


@pytest.mark.parametrize(("state", "notice_id", "language", "size"), [
    ("LA", "general", "en", None), ("LA", "general", "es", None),
    ("MI", "general", "en", None), ("CA", "general", "es", "legal"),
    ("FL", "general", "en+es", None), ("MD", "lodging", "en+es", None),
    ("NM", "general", "en+es", None)])
def test_outside_the_law_nothing_is_below_reading_size(notice_pdf, state, notice_id,
                                                        language, size):
    """Read back per zone: the band of numbers (with the QR code's prompt), and the foot
    (the citation, the translation's note, the publisher) at 9 pt or more; the law's
    wording at its own minimum, larger still (test above)."""
    from awareprint.catalogue.geometry import resolve
    from tests.pdfread import printed, smallest

    pdf = notice_pdf(state, notice_id, language, size)
    job = make_job(CATALOGUE, "notice", size, language, notice=NoticeRef(state, notice_id))
    spec = CATALOGUE.layouts["notice"]
    geometry = resolve(spec, CATALOGUE.sizes[job.size], CATALOGUE.sizes[spec.reference_size],
                       None, language_count=len(job.languages))
    (band,) = [panel.rect for panel in geometry.page("notice").panels
               if panel.name == "numbers"]
    found = printed(pdf)
    zones = {"band": [c for c in found if band.y <= c.top and c.bottom <= band.bottom],
             "foot": [c for c in found if c.top >= band.bottom]}
    for zone, characters in zones.items():
        assert characters, f"no text in the {zone}"
        least, text = smallest(characters)
        assert least >= READING_PT - 0.01, f"{zone}: '{text}' at {least:.2f} pt"
    assert CATALOGUE.layouts["notice"].least_type_pt == READING_PT  # `check` measures it
