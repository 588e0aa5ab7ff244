"""A user's text is hostile until checked: a number near the hotline's is refused however
it is written, in a partner's lines and in an event name alike, and so are invisible
characters that reorder or hide what prints."""

from __future__ import annotations

import pytest

from awareprint.catalogue.numbers import phone_numbers
from awareprint.catalogue.request import make_job
from awareprint.catalogue.user_text import PartnerMark, partner_problems, quoted
from awareprint.cli.main import main
from awareprint.errors import InputError
from tests.pdfread import text_of

NEAR_HOTLINE = [
    "Call 1–888–373–7889",                       # en dashes
    "Call 1\u2011888\u2011373\u20117889",        # non-breaking hyphens
    "Call 1/888/373/7889",
    "Call １-８８８-３７３-７８８９",             # full-width digits
    "Call 1 888 373 7889",
    "Call +1 (888) 373.7889",
    "Call 1-888-373-788Z",                       # a letter for the last digit, keypad 9
    "Text 233734",
    "Call 18883737889",
    "Help: (888) 373-7889",
]


@pytest.mark.parametrize("contact", NEAR_HOTLINE)
def test_a_partner_line_near_the_hotline_is_refused(catalogue, contact):
    problems = partner_problems(PartnerMark("Clinic", contact=contact), catalogue)
    assert any(field == "contact" and "looks like the hotline's" in problem
               for field, problem in problems), problems


def test_the_partners_own_number_is_kept_in_any_form(catalogue):
    assert partner_problems(PartnerMark("Clinic", contact="Desk: (402) 555–0143"),
                            catalogue) == []
    assert phone_numbers("Desk: (402) 555–0143") == ["4025550143"]


@pytest.mark.parametrize("event", NEAR_HOTLINE)
def test_an_event_name_near_the_hotline_is_refused_on_the_command_line(event, capsys,
                                                                      tmp_path):
    assert main(["tearoff", "--event", event, "--out", str(tmp_path)]) == 2
    # Every problem of the name is told, each on its own line naming the flag.
    lines = capsys.readouterr().err.splitlines()
    assert all(line.startswith("render.py: --event: the event name ") for line in lines)
    assert "looks like the hotline's" in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_an_event_name_with_any_phone_number_is_refused(catalogue):
    with pytest.raises(InputError, match="looks like a phone number"):
        make_job(catalogue, "tearoff", event="Walk, call 402 555 0123")


@pytest.mark.parametrize("character", ["\u202e", "\u202a", "\u2066", "\u2069", "\x00", "\x1b",
                                       "\u200f", "\ufeff"])
def test_invisible_controls_are_refused_and_named(catalogue, character):
    with pytest.raises(InputError) as caught:
        make_job(catalogue, "tearoff", event=f"{character}Omaha Walk")
    assert f"U+{ord(character):04X}" in str(caught.value)
    problems = partner_problems(PartnerMark(f"St Mark{character}s"), catalogue)
    assert problems and problems[0][0] == "name" and f"U+{ord(character):04X}" in problems[0][1]


def test_joiners_inside_words_are_kept(catalogue):
    """Zero-width (non-)joiners belong to words in Persian, Hindi and other scripts."""
    job = make_job(catalogue, "tearoff", language="hi", event="सेवा\u200dदल वॉक")
    assert "\u200d" in job.event


def test_an_event_name_prints_as_given_once_checked(catalogue, rendered):
    pdf = rendered("tearoff", event="Omaha  Freedom\tWalk")
    assert "OMAHA FREEDOM WALK" in text_of(pdf).upper()  # the flyer sets it in capitals


def test_a_long_value_is_quoted_short():
    shown = quoted("x" * 5000)
    assert len(shown) < 70 and shown.endswith("…'")
    assert quoted("a\x00b") == "'a\\x00b'"
