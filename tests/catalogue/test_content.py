"""Content files are validated as a whole: every problem, with its file and key, at once."""

from __future__ import annotations

import shutil

from awareprint.catalogue.load import load_catalogue
from tests.data_copy import edit, load_problems


def test_the_shipped_content_loads(catalogue):
    assert "en" in catalogue.languages
    assert catalogue.languages["en"].language.status == "source"


def _translation(data, code="es"):
    """A draft translation file made from the English one (same keys)."""
    path = data / f"content/{code}.yaml"
    text = (data / "content/en.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("code: en", f"code: {code}").replace("  status: source\n",
                                                                       ""))
    return path


def test_a_missing_source_key_is_named_with_its_file_and_user(data):
    edit(data / "content/en.yaml", "  call_to_action: Report human trafficking\n", "")
    problems = load_problems(data)
    assert [p for p in problems if "/content/en.yaml" in p] == [
        f"{data}/content/en.yaml: strings.call_to_action: missing; "
        f"layouts/{layout}/template.html.j2 prints it"
        for layout in ("poster", "tearoff", "wallet-card")]
    assert f"{data}/content/sources.yaml: keys.call_to_action: not a key of the source " \
           "language; remove it" in problems
    translations = [p for p in problems if "/content/en.yaml" not in p
                    and "/content/sources.yaml" not in p]
    assert translations and all("strings.call_to_action: unknown key" in p
                                for p in translations)


def test_every_problem_in_every_file_is_reported_at_once(data):
    edit(_translation(data), "  label_tty: TTY\n", "  lable_tty: TTY\n")
    edit(data / "content/hotline.yaml", "display: 1-888-373-7888", "display: 1-888-373-7388")
    edit(data / "layouts/poster/layout.yaml", "fill: signal}", "fill: sunshine}")
    problems = load_problems(data)
    text = "\n".join(problems)
    assert "es.yaml: strings.label_tty: missing; translate: 'TTY'" in text
    assert "es.yaml: strings.lable_tty: unknown key; did you mean 'label_tty'?" in text
    assert "hotline.yaml: call: " in text and "does not spell the digits 18883737888" in text
    assert "poster/layout.yaml: pages.front.panels.masthead-rule.fill: 'sunshine'" in text
    assert len(problems) == 4


def test_a_translation_keeps_the_placeholders(data):
    edit(_translation(data), "Published by {publisher}", "Publicado por {editorial}")
    (problem,) = load_problems(data)
    assert "es.yaml: strings.published_by: placeholders ['editorial'] differ" in problem


def test_a_character_no_font_can_draw_is_refused_before_rendering(data):
    edit(data / "content/en.yaml", "headline: What is Human Trafficking?",
          "headline: What is Human Trafficking? 人口贩卖")
    (problem,) = load_problems(data)
    assert "en.yaml: strings.headline: '人' (U+4EBA CJK UNIFIED IDEOGRAPH-4EBA)" in problem
    assert "is in no font of the Latn stack" in problem


def test_a_key_given_twice_is_an_error(data):
    edit(data / "content/hotline.yaml", "  display: 1-888-373-7888\n",
          "  display: 1-888-373-7888\n  display: 1-888-373-7889\n")
    (problem,) = load_problems(data)
    assert "hotline.yaml: line " in problem and "key 'display' appears twice" in problem


def test_an_impossible_date_is_reported_not_raised(data):
    edit(data / "content/hotline.yaml", "checked: 2026-11-28", "checked: 2026-13-28")
    (problem,) = load_problems(data)
    assert "hotline.yaml: invalid value" in problem


def test_a_qr_target_off_the_hotline_site_is_refused(data):
    edit(data / "content/hotline.yaml", "qr_target: https://humantraffickinghotline.org",
          "qr_target: https://humantrafickinghotline.org")
    (problem,) = load_problems(data)
    assert "hotline.yaml: (top level)" in problem or "hotline.yaml: " in problem
    assert "is not on the hotline's site" in problem


def test_broken_yaml_names_the_line(data):
    edit(data / "content/en.yaml", "  label_call: Call\n", "  label_call: [Call\n")
    (problem,) = load_problems(data)
    assert "en.yaml: line " in problem and "YAML syntax" in problem


def test_a_language_file_must_be_named_for_its_code(data):
    shutil.copy(data / "content/en.yaml", data / "content/fr.yaml")
    (problem,) = load_problems(data)
    assert "fr.yaml: language.code: 'en' differs from the file name" in problem


def test_a_slot_inside_the_safe_margin_is_refused(data):
    edit(data / "layouts/wallet-card/layout.yaml",
          "numbers:  {left: 9,", "numbers:  {left: 4,")
    problems = load_problems(data)
    assert all("wallet-card/layout.yaml: size " in p for p in problems)
    assert any("slot 'numbers' lies 0.140 in from the trim" in p for p in problems)


def test_a_web_address_must_match_its_url(data):
    edit(data / "content/hotline.yaml", "display: humantraffickinghotline.org",
          "display: humantraffickinghotline.com")
    (problem,) = load_problems(data)
    assert "hotline.yaml: web: " in problem


def test_slots_on_top_of_each_other_are_refused(data):
    edit(data / "layouts/poster/layout.yaml", "minors:         {left: 7, top: 43,",
          "minors:         {left: 7, top: 41,")
    problems = load_problems(data)
    assert any("slots 'definition' and 'minors' overlap on page 'front'" in p for p in problems)


def test_a_slot_name_must_be_plain(data):
    edit(data / "layouts/poster/layout.yaml", "      footer:  ", '      "foot]er":  ')
    (problem,) = load_problems(data)
    assert "poster/layout.yaml: pages.front.slots.foot]er" in problem


def test_a_number_in_a_translation_must_be_the_englishs(data):
    edit(_translation(data), "call_to_action: Report human trafficking",
          "call_to_action: Report human trafficking at 1-888-373-7889")
    (problem,) = load_problems(data)
    assert "es.yaml: strings.call_to_action: numbers ['1', '373', '7889', '888'] differ" \
        in problem


def test_stamp_records_the_english_and_keeps_the_translators_notes(data):
    from awareprint.catalogue.language_checks import stale_keys
    from awareprint.cli.stamp import stamp

    path = _translation(data)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n# a translator's note stays\n", encoding="utf-8")
    catalogue = load_catalogue(data / "layouts", data / "content")
    es, en = catalogue.languages["es"], catalogue.languages["en"]
    assert stale_keys(es, en) == list(en.strings)  # copied, never stamped
    assert stamp(catalogue, "es") == len(en.strings)
    load_catalogue.cache_clear()  # the file changed under the same paths
    stamped = load_catalogue(data / "layouts", data / "content")
    assert stale_keys(stamped.languages["es"], stamped.languages["en"]) == []
    assert "# a translator's note stays" in path.read_text(encoding="utf-8")


def test_a_shape_may_change_only_the_pages_and_slots_a_layout_has(data):
    edit(data / "layouts/poster/layout.yaml", "          definition:     {left: 7, top: 30.5, "
          "width: 86, height: 12.5, font_pt: 17.5",
          "          definitions:    {left: 7, top: 30.5, width: 86, height: 12.5, font_pt: 17.5")
    problems = load_problems(data)
    assert any("shapes[0].front names definitions, not on that page" in p for p in problems)


def test_an_arabic_letter_in_dari_is_refused_with_the_letter_dari_writes(data):
    """Typed on a keyboard set for Arabic, ی comes out ي (dotted when final): the file
    names the string, the letter and the one to write."""
    edit(data / "content/fa-AF.yaml", "کسی کارت هویت یا اسنادتان", "كسي کارت هویت یا اسنادتان")
    (problem,) = load_problems(data)
    assert ("fa-AF.yaml: strings.victim_questions: 'ي' (U+064A ARABIC LETTER YEH) is not a "
            "Dari letter; write 'ی' (U+06CC ARABIC LETTER FARSI YEH)") in problem


def test_thai_and_ethiopic_are_covered_by_their_own_bundled_fonts(data):
    """Ethiopic text in a Thai file is refused: each script has its font stack."""
    edit(data / "content/th.yaml", "get_help: ขอความช่วยเหลือ", "get_help: ขอความช่วยเหลือ ሕገወጥ")
    (problem,) = load_problems(data)
    assert "th.yaml: strings.get_help: 'ሕ' (U+1215 ETHIOPIC SYLLABLE HHE)" in problem
    assert "is in no font of the Thai stack" in problem
