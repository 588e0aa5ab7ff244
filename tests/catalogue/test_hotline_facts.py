"""The hotline facts as the operator publishes them (shared/facts/hotline.md, checked
2026-11-28). A change to content/hotline.yaml that breaks this is a wrong number on paper."""

from __future__ import annotations


def test_call_text_tty_and_site_are_the_published_ones(catalogue):
    hotline = catalogue.hotline
    assert hotline.call.digits == "18883737888"
    assert hotline.call.display == "1-888-373-7888"
    assert hotline.text.digits == "233733"
    assert hotline.tty.digits == "711"
    assert hotline.web.display == "humantraffickinghotline.org"
    assert hotline.qr_target == "https://humantraffickinghotline.org"


def test_no_layout_or_code_spells_a_number_or_address():
    """Numbers and addresses live in content/hotline.yaml only, never in code or templates."""
    from awareprint.paths import LAYOUTS_DIR, PROJECT_ROOT

    forbidden = ("373-7888", "3737888", "233733", "humantraffickinghotline")
    places = [*(PROJECT_ROOT / "awareprint").glob("*.py"), *LAYOUTS_DIR.rglob("*.j2"),
              *LAYOUTS_DIR.rglob("*.css")]
    assert places
    for path in places:
        text = path.read_text(encoding="utf-8")
        for needle in forbidden:
            assert needle not in text, f"{path} spells {needle}"
