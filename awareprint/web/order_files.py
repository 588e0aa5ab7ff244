"""An order placed on the web, kept as the command line keeps one: an order file with its
logo beside it in a folder of its own, rendered by the batch engine into `files/` and
zipped as `files.zip`. Staff can run the same file with `render.py batch`."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path
from typing import Any

import yaml

from ..catalogue.load import Catalogue
from ..orders.batch import JOB_TICKET, MANIFEST
from ..orders.order_file import LoadedOrder, load_order
from ..output import write_atomic
from .store import OrderRecord

ORDERS = "orders"
ORDER_FILE = "order.yaml"
OUTPUT = "files"


def order_folder(data: Path, folder: str) -> Path:
    return data / ORDERS / folder


def output_folder(data: Path, record: OrderRecord) -> Path:
    return order_folder(data, record.folder) / OUTPUT


def archive_path(data: Path, record: OrderRecord) -> Path:
    return order_folder(data, record.folder) / f"{OUTPUT}.zip"


def write_order(data: Path, order: dict[str, Any], logo: Path | None,
                catalogue: Catalogue) -> tuple[str, LoadedOrder]:
    """The order written to a new folder and read back as the batch engine reads it; an
    order it refuses leaves no folder behind."""
    name = secrets.token_hex(8)
    folder = order_folder(data, name)
    folder.mkdir(parents=True)
    try:
        if logo is not None:
            kept = folder / f"logo{logo.suffix}"
            shutil.copyfile(logo, kept)
            order = {**order, "partner": {**order["partner"], "logo": kept.name}}
        text = yaml.safe_dump(order, sort_keys=False, allow_unicode=True)
        write_atomic(folder / ORDER_FILE, text.encode())
        return name, load_order(folder / ORDER_FILE, catalogue)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def shown_files(record: OrderRecord, released: bool) -> dict[str, str]:
    """The files of an order one may download, by name, with their kind; the print files
    only once `released`. Names come from the run's own record, never from a request."""
    files: dict[str, str] = {}
    for result in record.results:
        for preview in result.get("previews") or ():
            files[preview] = "image/png"
        if released and result.get("file"):
            files[result["file"]] = "application/pdf"
    if record.made:
        files[JOB_TICKET] = "application/pdf"
        files[MANIFEST] = "application/json"
    return files


def file_path(data: Path, record: OrderRecord, name: str) -> Path:
    """Where a name `shown_files` gave lies: in the order's output folder."""
    return output_folder(data, record) / Path(name).name
