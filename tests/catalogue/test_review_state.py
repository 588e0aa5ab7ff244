"""Each translated string's review state: the records in a language file, their checks,
and stale strings computed from the English each was held to."""

from __future__ import annotations

import pytest

from awareprint.catalogue.language_checks import (
    fingerprint,
    source_language,
    stale_keys,
    state_counts,
    string_states,
)
from awareprint.catalogue.load import load_catalogue
from tests.data_copy import load_problems


def add_review(data, code: str, records: str) -> None:
    """Append a `review:` block (YAML lines, indented two spaces) to a language file."""
    path = data / f"content/{code}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nreview:\n" + records,
                    encoding="utf-8")


def english(data):
    return load_catalogue(data / "layouts", data / "content").languages["en"]


def test_every_string_of_every_translation_is_a_draft_today(catalogue):
    source = source_language(catalogue.languages)
    for code, language in catalogue.languages.items():
        if language is source:
            continue
        assert not language.review, f"{code}: no string may be marked reviewed here"
        assert set(string_states(language, source).values()) == {"draft"}, code


def test_reviewed_approved_and_stale_strings_are_counted(data):
    en = english(data)
    load_catalogue.cache_clear()
    add_review(data, "es", (
        f"  headline: {{state: reviewed, by: Ana Ruiz, date: 2026-11-30, "
        f"against: '{fingerprint(en.strings['headline'])}', comment: reads well on the card}}\n"
        f"  get_help: {{state: approved, by: Office of the director, date: 2026-12-01, "
        f"against: '{fingerprint(en.strings['get_help'])}'}}\n"
        # read against English that has changed since: stale, whatever its stamp says
        "  label_call: {state: reviewed, by: Ana Ruiz, date: 2026-11-30, against: '0123abcdef'}\n"
        f"  label_text: {{state: draft, comment: the verb is too formal}}\n"))
    catalogue = load_catalogue(data / "layouts", data / "content")
    es, en = catalogue.languages["es"], catalogue.languages["en"]
    states = string_states(es, en)
    assert states["headline"] == "reviewed"
    assert states["get_help"] == "approved"
    assert states["label_call"] == "stale"
    assert states["label_text"] == "draft"
    assert es.review["headline"].comment == "reads well on the card"
    assert stale_keys(es, en) == ["label_call"]
    total = len(en.strings)
    assert state_counts(es, en) == {"draft": total - 3, "reviewed": 1, "approved": 1,
                                    "stale": 1}


def test_a_draft_whose_english_changed_is_stale_as_stamp_says(data):
    path = data / "content/en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "get_help: Get help", "get_help: Get help now"), encoding="utf-8")
    catalogue = load_catalogue(data / "layouts", data / "content")
    counts = state_counts(catalogue.languages["es"], catalogue.languages["en"])
    assert counts["stale"] == 1 and counts["reviewed"] == counts["approved"] == 0


@pytest.mark.parametrize(("record", "words"), [
    ("  headline: {state: reviewed, date: 2026-11-30, against: '0123abcdef'}\n",
     ["es.yaml: review.headline", "needs by", "until then the state is 'draft'"]),
    ("  headline: {state: approved, by: Ana Ruiz, date: 2026-11-30}\n",
     ["es.yaml: review.headline", "needs against"]),
    ("  headline: {state: reviewed, by: Ana, date: 2026-11-30, against: '12'}\n",
     ["es.yaml: review.headline.against", "should match pattern"]),
    ("  headline: {state: signed, by: Ana, date: 2026-11-30, against: '0123abcdef'}\n",
     ["es.yaml: review.headline.state", "'draft', 'reviewed' or 'approved'"]),
    ("  headlne: {state: draft}\n",
     ["es.yaml: review.headlne", "correct the key or remove the record"]),
    ("  headline: {state: reviewed, by: Ana, date: 2026-11-30, against: 1234567890}\n",
     ["es.yaml: review.headline.against", "write it in quotes"]),
    ("  headline: {state: draft, reviewer: Ana}\n",
     ["es.yaml: review.headline.reviewer", "unknown key"]),
])
def test_a_bad_record_names_the_file_the_key_and_the_fix(data, record, words):
    add_review(data, "es", record)
    problems = load_problems(data)
    assert any(all(word in problem for word in words) for problem in problems), problems


@pytest.mark.parametrize(("line", "words"), [
    ("  status: draft\n", ["es.yaml: language", "status 'draft': only the source language "
                           "has a status", "(the review: block); remove this line"]),
    ("  status: reviewed\n", ["es.yaml: language", "status 'reviewed'", "remove this line"]),
    ("  reviewed_by: Ana Gómez\n", ["es.yaml: language", "reviewed_by: a translation is "
                                    "reviewed string by string", "remove this line"]),
])
def test_a_file_wide_review_state_is_refused_for_the_strings_own(data, line, words):
    """One truth: a translation's state is its strings'; the file cannot say another."""
    path = data / "content/es.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  direction: ltr\n", "  direction: ltr\n" + line, 1),
                    encoding="utf-8")
    problems = load_problems(data)
    assert any(all(word in problem for word in words) for problem in problems), problems


def test_a_language_s_state_is_derived_from_its_strings(data):
    from awareprint.catalogue.language_checks import language_state
    from awareprint.catalogue.unreviewed import language_warnings

    en = english(data)
    load_catalogue.cache_clear()

    def signed(state):
        return "".join(f"  {key}: {{state: {state}, by: Ana Ruiz, date: 2026-12-01, "
                       f"against: '{fingerprint(value)}'}}\n" for key, value in en.strings.items())

    add_review(data, "es", signed("approved"))
    add_review(data, "fr", signed("reviewed").replace("  headline: {state: reviewed",
                                                      "  headline: {state: approved", 1))
    add_review(data, "pt", signed("approved").replace("  headline: {state: approved, by: "
                                                      "Ana Ruiz, date: 2026-12-01, against: ",
                                                      "  headline: {state: draft, against: ", 1))
    catalogue = load_catalogue(data / "layouts", data / "content")
    states = {code: language_state(catalogue.languages[code], catalogue.languages["en"])
              for code in ("en", "es", "fr", "pt", "vi")}
    assert states == {"en": "source", "es": "approved", "fr": "reviewed", "pt": "draft",
                      "vi": "draft"}
    assert language_warnings(catalogue, "es") == language_warnings(catalogue, "fr") == []
    total = len(en.strings)
    assert language_warnings(catalogue, "pt") == [
        f"Portuguese: 1 of {total} strings not yet reviewed by a person"]


def test_a_decision_recorded_earlier_stands_only_for_the_same_person_and_languages():
    from awareprint.catalogue.unreviewed import Decision

    now = Decision("ana", "--print-unreviewed", "2027-01-06T14:05:09+00:00",
                   (("es", "Spanish: 36 of 36 strings not yet reviewed by a person"),))
    earlier = {**now.to_plain(), "decided": "2027-01-02T09:00:00+00:00"}
    assert now.standing(earlier).when == "2027-01-02T09:00:00+00:00"
    for changed in ({"decided_by": "ben"}, {"through": "web: approved with the box ticked"},
                    {"languages": {"es": "Spanish: 35 of 36 strings not yet reviewed by a "
                                         "person"}}, {"decided": 20270102}):
        assert now.standing({**earlier, **changed}) == now, changed
    assert now.standing(None) == now
