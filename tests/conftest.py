from __future__ import annotations

import pytest

from awareprint.catalogue.jobs import make_job
from awareprint.catalogue.load import Catalogue, load_catalogue
from awareprint.catalogue.notices import NoticeRef, notice_sizes
from tests.data_copy import copy_data
from tests.pieces import render

_RENDERED: dict[tuple, bytes] = {}


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def rendered(catalogue):
    """Render a piece once per test session: rendered(layout, size, lang='en', ...)."""

    def make(layout: str, size: str | None = None, language: str = "en",
             event: str | None = None, tabs: int | None = None, profile: str = "office"
             ) -> bytes:
        key = (layout, size, language, event, tabs, profile)
        if key not in _RENDERED:
            job = make_job(catalogue, layout, size, language, event, tabs, profile,
                           notice=notice_for(catalogue, layout, size, language))
            _RENDERED[key] = render(job, catalogue).pdf
        return _RENDERED[key]

    return make


def catalogue_pieces() -> list[tuple[str, str]]:
    """Every layout × size of the catalogue, read at collection time (a state's notice in
    the sizes a notice printed in English alone is made in)."""
    catalogue = load_catalogue()
    return [(name, size) for name, spec in catalogue.layouts.items() for size in spec.sizes
            if not spec.state_notice or notice_for(catalogue, name, size, "en")]


def notice_for(catalogue: Catalogue, layout: str, size: str | None,
               language: str) -> NoticeRef | None:
    """For a notice layout, the first state's notice made in this size and language on
    a sheet of its own; None for other layouts."""
    if not catalogue.layouts[layout].state_notice:
        return None
    for state in catalogue.notices.values():
        for notice_id, notice in state.notices.items():
            sizes = notice_sizes(notice, catalogue.layouts[layout].sizes, catalogue.sizes)
            if ((size is None or size in sizes) and notice.rules.sheets != "together"
                    and all(code in notice.wording for code in language.split("+"))):
                return NoticeRef(state.state, notice_id)
    return None


@pytest.fixture
def data(tmp_path):
    """A private copy of layouts/ and content/ to break."""
    return copy_data(tmp_path)


@pytest.fixture
def parish(tmp_path):
    """A co-branding partner as an order gives one: name, contact line, website, logo."""
    from PIL import Image

    from awareprint.catalogue.user_text import PartnerMark

    logo = tmp_path / "logo.png"
    Image.new("RGB", (900, 300), (20, 60, 150)).save(logo)
    return PartnerMark("St. Mark's Parish", "Parish office: 402-555-0143",
                       "stmarks-omaha.example.org", logo)
