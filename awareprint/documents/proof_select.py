"""Which pieces a proof shows: the catalogue's own list of pieces (the one `render.py check`
renders), narrowed by --layout, --size and --lang, names matched as every command does."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..catalogue.all_jobs import catalogue_jobs
from ..catalogue.jobs import Job, output_path_for
from ..catalogue.load import Catalogue
from ..catalogue.names import canonical
from ..errors import InputError

PROOF_FILE = "proof.pdf"


def proof_path(out: Path) -> Path:
    """Where the contact sheet goes: `out` when it names a .pdf file, else proof.pdf in it."""
    return output_path_for(PROOF_FILE, out)


def select_jobs(catalogue: Catalogue, layouts: Sequence[str] = (), sizes: Sequence[str] = (),
                languages: Sequence[str] = ()) -> list[Job]:
    """The catalogue's pieces (office profile) that every given filter lets through; an
    empty filter lets all through. A language alone (`ar`) keeps the pieces whose every
    language is among those given (en and ar: en, ar and en+ar); a pair
    (`en+ar`) keeps that two-language piece."""
    jobs = catalogue_jobs(catalogue)
    chosen_layouts = _layouts(catalogue, layouts)
    chosen_sizes = _sizes(catalogue, chosen_layouts, sizes, bool(layouts))
    jobs = [job for job in jobs
            if job.layout in chosen_layouts and job.size in chosen_sizes.get(job.layout, ())]
    codes, pairs = _languages(catalogue, jobs, languages)
    return [job for job in jobs
            if not languages or set(job.languages) <= codes or job.languages in pairs]


def _layouts(catalogue: Catalogue, given: Sequence[str]) -> list[str]:
    if not given:
        return list(catalogue.layouts)
    return list(dict.fromkeys(canonical(name, catalogue.layouts, "unknown layout", "layout")
                              for name in given))


def _sizes(catalogue: Catalogue, layouts: list[str], given: Sequence[str], named: bool
           ) -> dict[str, list[str]]:
    """Layout → its sizes the filter keeps; a layout named in the filter keeps at least one
    (without --layout, the layouts that have none of the sizes are left out)."""
    own = {layout: catalogue.layouts[layout].sizes for layout in layouts}
    if not given:
        return own
    known = list(dict.fromkeys(size for sizes in own.values() for size in sizes))
    unknown = (f"{layouts[0]} has no size" if len(layouts) == 1
               else f"{', '.join(layouts)} have no size")
    wanted = {canonical(size, known, unknown, "size") for size in given}
    kept = {layout: [size for size in sizes if size in wanted] for layout, sizes in own.items()}
    for layout, sizes in kept.items():
        if named and not sizes:
            raise InputError(f"{' '.join(sorted(wanted))} is no size of {layout}; add one "
                             f"of {', '.join(own[layout])} or leave the layout {layout} out",
                             field="size")
    return kept


def _languages(catalogue: Catalogue, jobs: list[Job], given: Sequence[str]
               ) -> tuple[set[str], set[tuple[str, ...]]]:
    """The single languages and the pairs asked for, checked against the catalogue."""
    codes: set[str] = set()
    pairs: set[tuple[str, ...]] = set()
    made_pairs = {job.languages for job in jobs if len(job.languages) == 2}
    for value in given:
        parts = tuple(canonical(code, catalogue.languages, "unknown language", "languages")
                      for code in value.split("+"))
        if len(parts) > 2 or len(set(parts)) != len(parts):
            raise InputError(f"'{value}': a piece carries one language or two "
                             "different ones (en+es)", field="languages")
        if len(parts) == 1:
            codes.add(parts[0])
            continue
        if parts not in made_pairs:
            firsts = sorted({pair[0] for pair in made_pairs})
            if not firsts:
                raise InputError(f"'{value}': no layout chosen has a two-language "
                                 "version; give single languages", field="languages")
            tried = " or ".join(f"{firsts[0]}+{code}" for code in parts if code != firsts[0])
            raise InputError(f"'{value}': the catalogue's two-language pieces pair "
                             f"{firsts[0]} with another language; give {tried}",
                             field="languages")
        pairs.add(parts)
    return codes, pairs
