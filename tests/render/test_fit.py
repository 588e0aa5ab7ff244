"""Text that does not fit is an error naming layout, size, language and slot; nothing is written."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from awareprint.catalogue.load import load_catalogue
from awareprint.catalogue.request import make_job
from awareprint.errors import FitError, InputError, RenderError
from awareprint.paths import CONTENT_DIR, LAYOUTS_DIR
from tests.pdfread import chars
from tests.pieces import render, render_to_file


def _with_strings(catalogue, **changes):
    english = catalogue.languages["en"]
    strings = {**english.strings, **changes}
    languages = {**catalogue.languages, "en": english.model_copy(update={"strings": strings})}
    return dataclasses.replace(catalogue, languages=languages)


def test_too_many_lines_overflow_the_bottom(catalogue):
    long = _with_strings(catalogue, definition=" ".join([catalogue.languages["en"].strings
                                                         ["definition"]] * 4))
    with pytest.raises(FitError) as caught:
        render(make_job(long, "poster", "a4"), long)
    error = caught.value
    assert (error.layout, error.size, error.language, error.slot) == ("poster", "a4", "en",
                                                                      "definition")
    assert "past the bottom" in str(error)


def test_an_unbreakable_word_overflows_sideways(catalogue):
    wide = _with_strings(catalogue,
                         discreet_headline="Menschenhandelsbekämpfungsgesetzgebung" * 2)
    with pytest.raises(FitError) as caught:
        render(make_job(wide, "discreet-card", "business-card"), wide)
    assert caught.value.slot == "greeting"
    assert "past the right" in str(caught.value)


def test_a_long_event_name_is_the_users_mistake_to_shorten(catalogue):
    event = "#EndHumanTraffickingOmahaNebraskaCommunityCoalitionAwarenessWalk2027" \
            "AndInterfaithPrayerVigilDouglasCountyCourthouse"
    job = make_job(catalogue, "tearoff", "letter", event=event)
    with pytest.raises(InputError) as caught:
        render(job, catalogue)
    assert "the event name does not fit the tearoff at size letter" in str(caught.value)
    assert str(caught.value).endswith("shorten it")
    assert caught.value.exit_code == 2


def test_a_piece_that_does_not_fit_is_not_written(catalogue, tmp_path):
    long = _with_strings(catalogue, minors=catalogue.languages["en"].strings["minors"] * 5)
    target = tmp_path / "poster.pdf"
    with pytest.raises(FitError):
        render_to_file(make_job(long, "poster", "letter"), long, target)
    assert list(tmp_path.iterdir()) == []


def test_text_that_fits_passes_at_every_tab_count(rendered_job, catalogue):
    spec = catalogue.layouts["tearoff"].tabs
    for count in (spec.min, spec.max):
        assert rendered_job(make_job(catalogue, "tearoff", "a4", tabs=count)).pages == 1


@pytest.fixture
def layouts(tmp_path):
    """A private copy of layouts/ to break; render against it with _catalogue()."""
    shutil.copytree(LAYOUTS_DIR, tmp_path / "layouts")
    return tmp_path / "layouts"


def _catalogue(layouts):
    return load_catalogue(layouts, CONTENT_DIR)


def _append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_text_outside_every_slot_is_refused(layouts):
    _replace(layouts / "poster/template.html.j2", "</section>", "<p>stray words</p></section>")
    catalogue = _catalogue(layouts)
    with pytest.raises(FitError) as caught:
        render(make_job(catalogue, "poster", "letter"), catalogue)
    assert caught.value.slot == "(outside every slot)"
    assert "'stray words' is not inside any slot" in str(caught.value)
    assert "put it in a slot of layouts/poster/layout.yaml" in str(caught.value)


def test_a_style_that_stretches_a_slot_cannot_hide_an_overflow(layouts):
    _append(layouts / "poster/style.css", "\n.slot.definition { height: auto; }\n")
    catalogue = _with_strings(_catalogue(layouts), definition=" ".join(
        [load_catalogue().languages["en"].strings["definition"]] * 4))
    with pytest.raises(FitError) as caught:
        render(make_job(catalogue, "poster", "letter"), catalogue)
    assert caught.value.slot == "definition"


def test_type_below_a_slots_minimum_is_refused(layouts):
    _append(layouts / "poster/style.css", "\n.footer p { font-size: 0.5em; }\n")
    catalogue = _catalogue(layouts)
    with pytest.raises(FitError) as caught:
        render(make_job(catalogue, "poster", "letter"), catalogue)
    assert caught.value.slot == "footer"
    footer = catalogue.layouts["poster"].pages["front"].slots["footer"]
    assert (f"is set at {footer.font_pt / 2:.2f} pt, below the slot's minimum "
            f"{footer.min_pt:g} pt") in str(caught.value)


def test_a_slot_the_template_forgets_is_an_error(layouts):
    _replace(layouts / "poster/template.html.j2",
             '<div class="slot minors" data-slot="minors{{ n }}" {{ l.attrs }}>'
             "<p>{{ l.t.minors }}</p></div>", "")
    catalogue = _catalogue(layouts)
    with pytest.raises(RenderError) as caught:
        render(make_job(catalogue, "poster", "letter"), catalogue)
    assert "the template never fills slot(s) minors" in str(caught.value)


def test_a_template_mistake_names_the_template_and_line(layouts):
    template = layouts / "poster/template.html.j2"
    line = next(number for number, text in enumerate(template.read_text().splitlines(), 1)
                if "<h1>{{ l.t.headline }}</h1>" in text)
    _replace(template, "<h1>{{ l.t.headline }}</h1>", "<h1>{{ hotline.cal.display }}</h1>")
    catalogue = _catalogue(layouts)
    with pytest.raises(RenderError) as caught:
        render(make_job(catalogue, "poster", "letter"), catalogue)
    assert str(caught.value).startswith(f"layouts/poster/template.html.j2 line {line}:")
    assert "cal" in str(caught.value)


def test_text_that_runs_long_is_set_smaller_down_to_its_minimum(catalogue):
    english = catalogue.languages["en"].strings
    longer = _with_strings(catalogue, definition=english["definition"] + " "
                           + english["minors"])
    rendered = render(make_job(longer, "poster", "letter"), longer)
    design, size = rendered.scaled["definition"]
    slot = catalogue.layouts["poster"].pages["front"].slots["definition"]
    assert design == slot.font_pt and slot.min_pt <= size < design
    sizes = {round(c.size, 1) for c in chars(rendered.pdf) if c.text == "H"}
    assert round(size, 1) in sizes and round(design, 1) not in sizes


def test_slots_of_a_group_are_set_at_one_size(catalogue):
    spanish_long = catalogue.languages["es"].strings["definition"]
    longer = dataclasses.replace(catalogue, languages={
        **catalogue.languages,
        "es": catalogue.languages["es"].model_copy(update={"strings": {
            **catalogue.languages["es"].strings,
            "definition": spanish_long + " " + spanish_long[:120]}})})
    rendered = render(make_job(longer, "poster", "letter", "en+es"), longer)
    assert rendered.scaled["definition_1"][1] == rendered.scaled["definition_2"][1]


def test_lines_drawn_over_each_other_are_caught(layouts):
    _append(layouts / "wallet-card/style.css", "\n.questions ul { margin-top: -2em; }\n")
    catalogue = _catalogue(layouts)
    with pytest.raises(FitError) as caught:
        render(make_job(catalogue, "wallet-card", "business-card"), catalogue)
    assert caught.value.slot == "questions"
    assert "two lines of text overlap" in str(caught.value)
