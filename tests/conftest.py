from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from awareprint.catalogue.jobs import Job
from awareprint.catalogue.load import Catalogue, load_catalogue
from awareprint.catalogue.notices import NoticeRef, notice_sizes
from awareprint.catalogue.request import make_job
from awareprint.render.pipeline import Rendered
from awareprint.render.settled import forget
from tests.data_copy import copy_data
from tests.render_cache import RenderCache, kept_folder

STARTED = pytest.StashKey[float]()


@pytest.fixture(autouse=True)
def _settled_from_scratch():
    """Each test sets its pieces from scratch: what an earlier test's renders settled
    (render/settled.py) is not what the test is about."""
    forget()


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def render_cache(catalogue) -> RenderCache:
    return RenderCache(kept_folder(catalogue))


@pytest.fixture(scope="session")
def rendered_job(render_cache, catalogue) -> Callable[..., Rendered]:
    """A job rendered once per test session: rendered_job(job[, catalogue])."""

    def make(job: Job, of: Catalogue = catalogue) -> Rendered:
        return render_cache(job, of)

    return make


@pytest.fixture(scope="session")
def rendered(render_cache, catalogue):
    """A piece's PDF, rendered once per test session: rendered(layout, size, lang='en', ...)."""

    def make(layout: str, size: str | None = None, language: str = "en",
             event: str | None = None, tabs: int | None = None, profile: str = "office"
             ) -> bytes:
        job = make_job(catalogue, layout, size, language, event, tabs, profile,
                       notice=notice_for(catalogue, layout, size, language))
        return render_cache(job, catalogue).pdf

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


@pytest.fixture(scope="session")
def logo(tmp_path_factory) -> Path:
    """A partner's logo: wide, two colours on a transparent ground, 1500 × 500 pixels."""
    from PIL import Image

    path = tmp_path_factory.mktemp("logo") / "logo.png"
    image = Image.new("RGBA", (1500, 500), (0, 0, 0, 0))
    image.paste((180, 30, 40, 255), (0, 0, 500, 500))
    image.paste((20, 60, 150, 255), (600, 150, 1500, 350))
    image.save(path)
    return path


@pytest.fixture
def parish(tmp_path):
    """A co-branding partner as an order gives one: name, contact line, website, logo."""
    from PIL import Image

    from awareprint.catalogue.user_text import PartnerMark

    logo = tmp_path / "logo.png"
    Image.new("RGB", (900, 300), (20, 60, 150)).save(logo)
    return PartnerMark("St. Mark's Parish", "Parish office: 402-555-0143",
                       "stmarks-omaha.example.org", logo)


def pytest_sessionstart(session) -> None:
    session.config.stash[STARTED] = time.time()


def pytest_terminal_summary(terminalreporter, config) -> None:
    """How many pieces this run rendered (each once, whichever worker asked first), and
    how many it found made by an earlier run of the same program and data."""
    folder = kept_folder(load_catalogue())
    if not folder.is_dir():
        return
    started = config.stash.get(STARTED, 0.0)
    times = [path.stat().st_mtime for path in folder.glob("*.pickle")]
    made = sum(mtime >= started for mtime in times)
    terminalreporter.write_line(f"render cache: {made} pieces rendered this run, each once; "
                                f"{len(times)} in all for this program and data ({folder})")
