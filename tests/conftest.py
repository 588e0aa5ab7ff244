from __future__ import annotations

import pytest

from awareprint.catalogue.jobs import make_job
from awareprint.catalogue.load import Catalogue, load_catalogue
from awareprint.render.pipeline import render
from tests.data_copy import copy_data

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
            job = make_job(catalogue, layout, size, language, event, tabs, profile)
            _RENDERED[key] = render(job, catalogue).pdf
        return _RENDERED[key]

    return make


def catalogue_pieces() -> list[tuple[str, str]]:
    """Every layout × size of the catalogue, read at collection time."""
    catalogue = load_catalogue()
    return [(name, size) for name, spec in catalogue.layouts.items() for size in spec.sizes]


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
