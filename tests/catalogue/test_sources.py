"""Every printed statement has a source: content/sources.yaml covers every key of the
English file, names only known sources, and the awareness text, its credit and its source
line are the seed's, word for word."""

from __future__ import annotations

import re

import yaml

from awareprint.paths import CONTENT_DIR
from tests.data_copy import edit, load_problems

SEED = CONTENT_DIR / "seed/awareness-text.txt"






def _words(text):
    return " ".join(text.split())


def test_every_english_key_names_its_sources():
    sources = yaml.safe_load((CONTENT_DIR / "sources.yaml").read_text(encoding="utf-8"))
    english = yaml.safe_load((CONTENT_DIR / "en.yaml").read_text(encoding="utf-8"))
    assert set(sources["keys"]) == set(english["strings"])
    for key, cited in sources["keys"].items():
        assert cited == "wording" or set(cited) <= set(sources["sources"]), key
    for new_block in ("victim_questions", "signs", "signs_caution", "emergency_line",
                      "hotline_about", "question_line"):
        assert sources["keys"][new_block] != "wording", f"{new_block} states facts"
    for source in sources["sources"].values():
        assert source["quote"] and source["checked"]
        assert source.get("url", "").startswith("https://") or source.get("file")


def test_a_key_without_a_source_is_refused(data):
    edit(data / "content/sources.yaml", "  emergency_line: [dot-report]\n", "")
    assert f"{data}/content/sources.yaml: keys.emergency_line: missing; name the sources " \
           "this string rests on, or 'wording' if it states no fact" in load_problems(data)


def test_an_unknown_source_is_refused(data):
    edit(data / "content/sources.yaml", "  signs: [hhs-pocket-card]\n", "  signs: [blog]\n")
    assert any("keys.signs: unknown source 'blog'" in p for p in load_problems(data))


def test_an_entry_for_no_key_is_refused(data):
    edit(data / "content/sources.yaml", "  source: [awareness-text]\n",
          "  source: [awareness-text]\n  slogan: wording\n")
    assert any("keys.slogan: not a key of the source language" in p for p in load_problems(data))


def test_a_source_file_that_is_gone_is_refused(data):
    (data / "content/seed/awareness-text.txt").unlink()
    assert any("sources.awareness-text.file: 'seed/awareness-text.txt' not found" in p
               for p in load_problems(data))


def test_the_long_text_is_the_seeds_four_paragraphs(catalogue):
    seed = SEED.read_text(encoding="utf-8")
    body = seed.split("What is Human Trafficking?", 1)[1].split("Written by,", 1)[0]
    paragraphs = [_words(p) for p in re.split(r"\n\s*\n", body) if p.strip()]
    assert [_words(p) for p in catalogue.languages["en"].strings["long_text"]] == paragraphs


def english_credit(catalogue) -> list[str]:
    """The credit's lines in English: its labels (strings) around the names as written."""
    strings, attribution = catalogue.languages["en"].strings, catalogue.attribution
    return [str(strings["written_by"]).replace("{author}", attribution.author),
            str(strings["author_role"]).replace("{organisation}", attribution.organisation),
            *attribution.address]


def test_the_credit_and_source_are_the_seeds_lines(catalogue):
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    credit = english_credit(catalogue)
    start = lines.index(credit[0])
    assert lines[start:start + len(credit)] == credit
    assert catalogue.languages["en"].strings["source"] in lines


def test_the_emergency_number_is_a_checked_hotline_fact(data, catalogue):
    assert (catalogue.hotline.emergency.digits, catalogue.hotline.emergency.display) == \
        ("911", "911")
    edit(data / "content/hotline.yaml", '  digits: "911"\n  display: "911"',
          '  digits: "911"\n  display: "9ll"')
    assert any("emergency" in p and "does not spell the digits 911" in p
               for p in load_problems(data))


def test_no_language_writes_the_emergency_number_itself(catalogue):
    for code, language in catalogue.languages.items():
        line = language.strings["emergency_line"]
        assert "{emergency}" in line and not re.search(r"\d", line), code


def test_a_language_choice_names_known_sources(data):
    edit(data / "content/sources.yaml", "sources: [census-acs-detailed-languages, "
         "census-acs-c16001]", "sources: [census-acs-detailed-languages, census-2099]")
    (problem,) = load_problems(data)
    assert "sources.yaml: languages.th: unknown source 'census-2099'" in problem


def test_the_new_scripts_rest_on_sources_that_say_what_was_not_read(catalogue):
    """Thai, Amharic, Dari, Somali, Pashto and Swahili were chosen from the Census's
    language data and the refugee arrivals; what could not be read is marked so, never
    quoted as read."""
    from awareprint.catalogue.schema import ProblemsByFile
    from awareprint.catalogue.sources import load_sources

    sources = load_sources(ProblemsByFile(), CONTENT_DIR)
    assert set(sources.languages) >= {"th", "am", "fa-AF", "so", "ps", "sw"}
    for choice in sources.languages.values():
        for source_id in choice.sources:
            source = sources.sources[source_id]
            assert source.quote.startswith("(not read)") == (
                source.read_via is not None and source.read_via.startswith("not read")), \
                source_id
