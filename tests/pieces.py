"""The pipeline as the front ends run it: render with preflight's read-back passed in."""

from __future__ import annotations

from pathlib import Path

from awareprint.catalogue.jobs import Job
from awareprint.catalogue.load import Catalogue
from awareprint.preflight.read_back import read_back
from awareprint.render import pipeline
from awareprint.render.pipeline import Rendered


def render(job: Job, catalogue: Catalogue) -> Rendered:
    return pipeline.render(job, catalogue, read_back)


def render_to_file(job: Job, catalogue: Catalogue, path: Path) -> Rendered:
    return pipeline.render_to_file(job, catalogue, path, read_back)
