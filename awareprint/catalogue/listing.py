"""The text `render.py list` prints: what can be made, in which sizes and languages."""

from __future__ import annotations

from .language_checks import source_language, stale_keys
from .load import Catalogue


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
        status = meta.status
        if meta.status == "reviewed":
            status += f" by {meta.reviewed_by} on {meta.reviewed_on}"
        stale = stale_keys(language, source)
        if stale:
            status += f", {len(stale)} stale string{'s' if len(stale) > 1 else ''}"
        lines.append(f"  {code:<8} {meta.native_name} ({meta.name}), script {meta.script}, "
                     f"{meta.direction}, {status}")
    return "\n".join(lines)
