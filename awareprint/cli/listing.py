"""The text `render.py list` prints: what can be made, in which sizes and languages."""

from __future__ import annotations

import textwrap

from ..catalogue.language_checks import language_state, source_language, state_counts
from ..catalogue.load import Catalogue
from ..catalogue.notices import GENERAL, Notice


def describe(catalogue: Catalogue) -> str:
    lines = ["Layouts (python render.py LAYOUT --size SIZE --lang LANG):"]
    for name, spec in catalogue.layouts.items():
        lines.append(f"  {name:<12} {spec.title}: {spec.description}")
        for size_name in spec.sizes:
            size = catalogue.sizes[size_name]
            default = "  (default)" if size_name == spec.default_size else ""
            lines.append(f"      {size_name:<14} {size.title}, {size.dimensions}{default}")
    lines.append("")
    lines.append("Languages (two in one piece: --lang en+es):")
    source = source_language(catalogue.languages)
    for code, language in catalogue.languages.items():
        meta = language.language
        status = language_state(language, source)
        counts = state_counts(language, source)
        if any(counts.values()):
            status += "; strings: " + ", ".join(f"{n} {state}" for state, n in counts.items())
        lines.append(f"  {code:<8} {meta.native_name} ({meta.name}), script {meta.script}, "
                     f"{meta.direction}, {status}")
    if catalogue.notices:
        lines += ["", "State notices (python render.py notice --state CA; a business must "
                  "confirm the current law):"]
        for state in catalogue.notices.values():
            for notice_id, notice in state.notices.items():
                lines += _notice_lines(state.state, state.name, notice_id, notice)
    return "\n".join(lines)


def _notice_lines(code: str, name: str, notice_id: str, notice: Notice) -> list[str]:
    rules = notice.rules
    which = "" if notice_id == GENERAL else f" --notice {notice_id}"
    wording = ", ".join(f"{c} {w.status}" for c, w in notice.wording.items())
    type_size = (f"type ≥ {rules.min_type_pt:g} pt" if rules.min_type_pt
                 else "no type size set") + (", bold" if rules.bold else "")
    facts = [
        f"page ≥ {rules.min_width_in:g} × {rules.min_height_in:g} in, {type_size}; "
        f"languages {'+'.join(rules.languages)} ({_SHEETS[rules.sheets]})"
        + (f"; {rules.languages_note}" if rules.languages_note else ""),
        f"wording: {wording}",
        f"posted by: {'; '.join(notice.businesses)}",
        f"where: {notice.posting}",
    ]
    return [f"  {code}{which:<18} {name}: {notice.title}; {notice.citation}, "
            f"wording checked {notice.checked.isoformat()}",
            *(line for fact in facts for line in textwrap.wrap(
                fact, WIDTH, initial_indent=" " * 6, subsequent_indent=" " * 8))]


WIDTH = 100
_SHEETS = {"separate": "a sheet each", "together": "on one sheet",
           "either": "one sheet or a sheet each"}
