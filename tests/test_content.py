"""Content files are validated as a whole: every problem, with its file and key, at once."""

from __future__ import annotations

import shutil

import pytest

from awareprint.catalogue import load_catalogue
from awareprint.errors import ContentError
from awareprint.paths import CONTENT_DIR, LAYOUTS_DIR


@pytest.fixture
def data(tmp_path):
    """A private copy of layouts/ and content/ to break."""
    shutil.copytree(LAYOUTS_DIR, tmp_path / "layouts")
    shutil.copytree(CONTENT_DIR, tmp_path / "content")
    return tmp_path


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(data):
    with pytest.raises(ContentError) as caught:
        load_catalogue(data / "layouts", data / "content")
    return caught.value.problems


def test_the_shipped_content_loads(catalogue):
    assert "en" in catalogue.languages
    assert catalogue.languages["en"].language.status == "source"


def test_a_missing_key_is_named_with_its_file(data):
    _edit(data / "content/en.yaml", "  call_to_action: Report human trafficking\n", "")
    assert _problems(data) == ["content/en.yaml: strings.call_to_action: missing; add this key"
                               .replace("content/", f"{data}/content/", 1)]


def test_every_problem_in_every_file_is_reported_at_once(data):
    _edit(data / "content/en.yaml", "  label_tty: TTY\n", "  lable_tty: TTY\n")
    _edit(data / "content/hotline.yaml", "display: 1-888-373-7888", "display: 1-888-373-7388")
    _edit(data / "layouts/poster/layout.yaml", "fill: signal}", "fill: sunshine}")
    problems = _problems(data)
    text = "\n".join(problems)
    assert "en.yaml: strings.label_tty: missing" in text
    assert "en.yaml: strings.lable_tty: unknown key; did you mean 'label_tty'?" in text
    assert "hotline.yaml: call: " in text and "does not spell the digits 18883737888" in text
    assert "poster/layout.yaml: pages.front.panels.masthead-rule.fill: 'sunshine'" in text
    assert len(problems) == 4


def test_broken_yaml_names_the_line(data):
    _edit(data / "content/en.yaml", "  label_call: Call\n", "  label_call: [Call\n")
    (problem,) = _problems(data)
    assert "en.yaml: line " in problem and "YAML syntax" in problem


def test_a_language_file_must_be_named_for_its_code(data):
    shutil.copy(data / "content/en.yaml", data / "content/fr.yaml")
    (problem,) = _problems(data)
    assert "fr.yaml: language.code: 'en' differs from the file name" in problem


def test_a_slot_inside_the_safe_margin_is_refused(data):
    _edit(data / "layouts/wallet-card/layout.yaml",
          "question: {left: 9,", "question: {left: 4,")
    problems = _problems(data)
    assert all("wallet-card/layout.yaml: size " in p for p in problems)
    assert any("slot 'question' lies 0.140 in from the trim" in p for p in problems)


def test_a_web_address_must_match_its_url(data):
    _edit(data / "content/hotline.yaml", "display: humantraffickinghotline.org",
          "display: humantraffickinghotline.com")
    (problem,) = _problems(data)
    assert "hotline.yaml: web: " in problem
