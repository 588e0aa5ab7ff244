"""One request, one check: check_request returns the jobs or every problem, each tagged with
the request's field it concerns in words that name no flag; each front end says where
(the command line its flag, the order file its line, the web form its field)."""

from __future__ import annotations

import pickle
import re

import pytest

from awareprint.catalogue.request import FIELDS, Request, check_request, make_job
from awareprint.cli.flags import FLAGS, error_lines
from awareprint.cli.main import main
from awareprint.errors import InputError, Problem, RequestError
from awareprint.orders.order_file import OrderProblems, check_order, load_order
from awareprint.web.order_form import field_messages, order_data, read_form

LONG_EVENT = "Omaha Freedom Walk " * 7  # 133 characters, 132 once tidied
FLAG = re.compile(r"(?<![\w-])--[a-z]")


@pytest.mark.parametrize(("request_", "field", "words"), [
    (Request("postr"), "layout", ["unknown layout 'postr'", "did you mean 'poster'"]),
    (Request("poster", size="a7"), "size", ["poster has no size 'a7'", "letter"]),
    (Request("poster", languages=("xx",)), "languages", ["unknown language 'xx'"]),
    (Request("poster", languages=("en+en",)), "languages", ["one language or two"]),
    (Request("notice", languages=("ar",), state="CA"), "languages",
     ["the CA notice has no wording in 'ar'"]),
    (Request("poster", profile="glossy"), "profile", ["unknown profile 'glossy'", "office"]),
    (Request("discreet-card", size="business-card", languages=("en+es",)), "size",
     ["holds one language", "index-card or a6-landscape"]),
    (Request("poster", intent="gracol"), "intent", ["applies to press output only"]),
    (Request("poster", profile="press", intent="matte"), "intent",
     ["unknown press profile 'matte'"]),
    (Request("tearoff", event=LONG_EVENT), "event",
     ["the event name is 132 characters; 120 at most"]),
    (Request("tearoff", event="  "), "event", ["the event name is empty"]),
    (Request("poster", event="Walk"), "event",
     ["the poster has no event line; an event line is printed on: tearoff"]),
    (Request("tearoff", event="Call 1-888-373-7889"), "event", ["looks like the hotline's"]),
    (Request("tearoff", tabs=20), "tabs", ["20 tabs asked for; choose from 6 to 14"]),
    (Request("poster", tabs=8), "tabs", ["the poster has no tear-off tabs", "tearoff"]),
    (Request("poster", state="CA"), "state", ["the poster prints no state's notice"]),
    (Request("notice"), "state", ["prints a state's required notice", "CA"]),
    (Request("notice", state="ZZ"), "state", ["no notice for the state 'ZZ'"]),
    (Request("notice", state="FL", notice="casino"), "notice", ["has no 'casino' notice"]),
    (Request("poster", notice="lodging"), "notice", ["needs the state too"]),
    (Request("notice", "letter", ("en+es",), state="FL", notice="lodging"), "size",
     ["letter is too small for the FL lodging notice", "choose 18x24"]),
    (Request("notice", languages=("en",), state="FL"), "languages",
     ["wants en and es on one sheet: ask for en+es"]),
    (Request("wallet-card", sheet="avery-9999"), "sheet", ["unknown sheet 'avery-9999'"]),
    (Request("poster", sheet="letter"), "sheet", ["does not fit on the letter sheet"]),
    (Request("wallet-card", sheet="a3", flip="sideways"), "flip", ["'sideways'", "long, short"]),
    (Request("wallet-card", sheet="a3", gutter="6"), "gutter", ["the gutter '6' has no unit"]),
    (Request("wallet-card", sheet="a3", gutter="lots"), "gutter",
     ["the gutter 'lots': give a length"]),
    (Request("wallet-card", sheet="avery-5371", gutter="1mm"), "gutter",
     ["fixed positions; a gutter is for press sheets"]),
    (Request("wallet-card", sheet="avery-5371", profile="press"), "profile",
     ["label sheet for office printers"]),
    (Request("wallet-card", sheet="a3", profile="digital"), "profile",
     ["a digital piece", "does not go on a sheet"]),
    (Request("wallet-card", sheet="avery-5371", size="cr80"), "size",
     ["avery-5371 holds business-card pieces; choose business-card"]),
    (Request("wallet-card", sheet="a3", fill="es6"), "fill", ["LANG:COUNT"]),
    (Request("wallet-card", sheet="a3", fill="es:7"), "fill",
     ["16 pieces to a sheet, but the quantities es:7 make 7"]),
    (Request("wallet-card", sheet="a3", fill="es:160000"), "fill",
     ["more than 500 sheets"]),
    (Request("wallet-card", flip="short"), "flip", ["for pieces on a sheet"]),
    (Request("wallet-card", gutter="0"), "gutter", ["for pieces on a sheet"]),
    (Request("wallet-card", fill="en:10"), "fill", ["for pieces on a sheet"]),
    (Request("wallet-card", alignment=True), "alignment", ["for pieces on a sheet"]),
])
def test_each_fields_problem_is_tagged_with_that_field(catalogue, request_, field, words):
    checked = check_request(request_, catalogue)
    assert checked.jobs == () and checked.sheet_job is None
    assert [problem.field for problem in checked.problems] == [field], checked.problems
    (problem,) = checked.problems
    for word in words:
        assert word in problem.message
    assert field in FIELDS and not FLAG.search(problem.message), problem


def test_every_problem_is_returned_at_once(catalogue):
    checked = check_request(Request("tearoff", "a7", ("xx", "en"), event=LONG_EVENT, tabs=3,
                                    state="CA", gutter="1in"), catalogue)
    assert [problem.field for problem in checked.problems] == [
        "state", "gutter", "size", "languages", "event", "tabs"]


def test_a_good_request_is_its_jobs_one_per_language(catalogue):
    checked = check_request(Request("tearoff", "letter", ("en", "es", "en"), event="Walk",
                                    tabs=8), catalogue)
    assert checked.problems == ()
    assert [job.label for job in checked.jobs] == ["tearoff letter [en]", "tearoff letter [es]"]
    assert {job.event for job in checked.jobs} == {"Walk"}


def test_a_sheet_request_is_one_sheet_job(catalogue):
    checked = check_request(Request("wallet-card", languages=("ES", "en"), sheet="a3",
                                    fill="es:8,en:8", gutter="6mm"), catalogue)
    assert checked.problems == () and checked.jobs == ()
    job = checked.sheet_job
    assert job is not None and job.profile == "press" and job.languages == ("es", "en")
    assert job.pieces == ("es",) * 8 + ("en",) * 8


def test_make_job_raises_every_problem_and_they_survive_a_worker_process(catalogue):
    with pytest.raises(RequestError) as caught:
        make_job(catalogue, "tearoff", "a7", "xx", event=LONG_EVENT)
    assert [problem.field for problem in caught.value.problems] == ["size", "languages", "event"]
    assert isinstance(caught.value, InputError) and caught.value.exit_code == 2
    again = pickle.loads(pickle.dumps(caught.value))
    assert again.problems == caught.value.problems and str(again) == str(caught.value)


def test_the_command_line_names_each_problems_flag_on_its_own_line(capsys, tmp_path):
    code = main(["tearoff", "--size", "a7", "--event", LONG_EVENT, "--tabs", "20",
                 "--out", str(tmp_path)])
    err = capsys.readouterr().err.splitlines()
    assert code == 2 and not list(tmp_path.iterdir())
    assert [line.split(": ")[1] for line in err] == ["--size", "--event", "--tabs"]
    assert err[1] == ("render.py: --event: the event name is 132 characters; 120 at most")
    assert "Traceback" not in "".join(err)


def test_the_flag_table_covers_every_field():
    assert set(FIELDS) - {"partner"} <= set(FLAGS)  # a partner's lines come in orders only
    problems = [Problem("event", "too long"), Problem("", "the whole request")]
    assert error_lines(RequestError(problems)) == ["--event: too long", "the whole request"]
    assert error_lines(InputError("cannot write x", field="out")) == ["--out: cannot write x"]
    assert error_lines(InputError("plain")) == ["plain"]


ORDER = """\
partner:
  name: Clinic
  event:
    name: {event}
items:
  - layout: tearoff
    languages: [en, xx]
  - layout: notice
    state: FL
    notice: lodging
    sizes: [letter]
    languages: [en+es]
"""


def test_the_order_file_puts_each_problem_at_its_fields_line(catalogue, tmp_path):
    path = tmp_path / "order.yaml"
    path.write_text(ORDER.format(event=LONG_EVENT), encoding="utf-8")
    with pytest.raises(OrderProblems) as caught:
        load_order(path, catalogue)
    event, language, size = caught.value.problems
    assert event == (f"{path} line 4: partner.event.name: the event name is 132 characters; "
                     "120 at most")
    assert language.startswith(f"{path} line 7: items.0.languages.1: unknown language 'xx'")
    assert size == (f"{path} line 11: items.1.sizes: letter is too small for the FL lodging "
                    "notice: the law asks for at least 11 × 15 in; choose 18x24")
    assert not any(FLAG.search(line) for line in caught.value.problems)


def test_a_csv_order_puts_the_event_at_its_row(catalogue, tmp_path):
    path = tmp_path / "order.csv"
    path.write_text(f"partner,event,layout,quantity\nClinic,{LONG_EVENT},tearoff,3\n",
                    encoding="utf-8")
    with pytest.raises(OrderProblems) as caught:
        load_order(path, catalogue)
    assert caught.value.problems == [
        f"{path} row 2: partner.event.name: the event name is 132 characters; 120 at most"]


class Posted(dict):
    def getlist(self, key):
        value = self.get(key)
        return value if isinstance(value, list) else [value] if value else []


def test_the_web_form_shows_each_problem_beside_its_field(catalogue, tmp_path):
    form = read_form(Posted({"partner.name": "Clinic", "partner.event.name": LONG_EVENT,
                             "items": "1", "items.0.layout": "tearoff",
                             "items.0.languages": ["en", "xx"], "items.0.quantity": "2"}))
    with pytest.raises(OrderProblems) as caught:
        check_order(order_data(form, None), tmp_path / "form", catalogue)
    shown = field_messages(caught.value.fields)
    assert shown["partner.event.name"] == ["the event name is 132 characters; 120 at most"]
    assert [m.startswith("unknown language 'xx'") for m in shown["items.0.languages"]] == [True]
    assert set(shown) == {"partner.event.name", "items.0.languages"}


def test_an_order_items_sheet_is_checked_before_the_batch(catalogue, tmp_path):
    path = tmp_path / "order.yaml"
    path.write_text("partner:\n  name: Clinic\nitems:\n  - layout: poster\n"
                    "    sheet: avery-5371\n  - layout: wallet-card\n    sizes: [cr80]\n"
                    "    sheet: avery-5371\n", encoding="utf-8")
    with pytest.raises(OrderProblems) as caught:
        load_order(path, catalogue)
    assert caught.value.problems == [
        f"{path} line 5: items.0.sheet: avery-5371 holds business-card pieces; the poster "
        f"comes in: {', '.join(catalogue.layouts['poster'].sizes)}",
        f"{path} line 7: items.1.sizes: avery-5371 holds business-card pieces; choose "
        "business-card or leave the size out"]


@pytest.mark.parametrize("languages", [("en", "ko"), ("ko", "en")])
def test_an_event_is_checked_against_the_fonts_of_every_language_asked_for(catalogue,
                                                                            languages):
    """Hangul prints on the Korean flyer but in no font of the English one: said whichever
    of the two comes first."""
    checked = check_request(Request("tearoff", "letter", languages, event="Walk 걷기"),
                            catalogue)
    assert [problem.field for problem in checked.problems] == ["event"]
    assert "cannot be printed by any bundled font" in checked.problems[0].message


# --- The partner's contact line marked safe for victims ------------------------------------

SAFE_WITHOUT_LINE = ("the contact line is marked safe for victims, but there is no contact "
                     "line; give the line or take the mark off")


def test_the_contact_line_marked_safe_reaches_the_job_and_a_mark_without_one_is_named(
        catalogue):
    from awareprint.catalogue.user_text import PartnerMark

    marked = PartnerMark("Clinic", "Victim services: 402-555-0143", None, None, True)
    (job,) = check_request(Request("wallet-card", partner=marked), catalogue).or_raise().jobs
    assert job.partner is not None and job.partner.contact_safe_for_victims
    unmarked = PartnerMark("Clinic", "Victim services: 402-555-0143")
    (plain,) = check_request(Request("wallet-card", partner=unmarked), catalogue).jobs
    assert plain.partner is not None and not plain.partner.contact_safe_for_victims
    assert job != plain  # a different piece: never one for the other
    checked = check_request(Request("wallet-card", partner=PartnerMark("Clinic", None, None,
                                                                       None, True)), catalogue)
    assert checked.problems == (Problem("partner.contact_safe_for_victims",
                                        SAFE_WITHOUT_LINE),)
    assert not FLAG.search(checked.problems[0].message)


def test_a_mark_without_a_contact_line_is_at_its_line_and_beside_its_checkbox(catalogue,
                                                                             tmp_path):
    path = tmp_path / "order.yaml"
    path.write_text("partner:\n  name: Clinic\n  contact_safe_for_victims: true\nitems:\n"
                    "  - layout: wallet-card\n", encoding="utf-8")
    with pytest.raises(OrderProblems) as caught:
        load_order(path, catalogue)
    assert caught.value.problems == [
        f"{path} line 3: partner.contact_safe_for_victims: {SAFE_WITHOUT_LINE}"]
    form = read_form(Posted({"partner.name": "Clinic", "partner.contact_safe_for_victims": "1",
                             "items": "1", "items.0.layout": "wallet-card",
                             "items.0.quantity": "2"}))
    with pytest.raises(OrderProblems) as caught:
        check_order(order_data(form, None), tmp_path / "form", catalogue)
    assert field_messages(caught.value.fields) == {
        "partner.contact_safe_for_victims": [SAFE_WITHOUT_LINE]}
