"""Reading a PDF's structure back: page boxes, output intents, fonts and colour spaces."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf

from .content import instructions

RGB_SPACES = ("DeviceRGB", "CalRGB", "ICCBased(3)")
_DEVICE_OPERATORS = {"rg": "DeviceRGB", "RG": "DeviceRGB", "k": "DeviceCMYK",
                     "K": "DeviceCMYK", "g": "DeviceGray", "G": "DeviceGray"}


@dataclass(frozen=True)
class EmbeddedFont:
    name: str
    stream: pikepdf.Stream | None  # the embedded font program, read only when asked for

    @property
    def embedded(self) -> bool:
        return self.stream is not None

    @property
    def program(self) -> bytes | None:
        return None if self.stream is None else self.stream.read_bytes()

    @property
    def subset(self) -> bool:
        tag, _, rest = self.name.partition("+")
        return bool(rest) and len(tag) == 6 and tag.isupper()


def box(page: pikepdf.Page, name: str) -> tuple[float, ...] | None:
    """A page box as (x0, y0, x1, y1), or None when the page does not set it."""
    value = page.obj.get(f"/{name}")
    return None if value is None else tuple(float(v) for v in value)


def fonts(document: pikepdf.Pdf) -> list[EmbeddedFont]:
    """Every distinct font used on any page or in any form it draws."""
    found: dict[str, EmbeddedFont] = {}
    for resources in _all_resources(document):
        for font in resources.get("/Font", {}).values():
            descendants = font.get("/DescendantFonts")
            target = descendants[0] if descendants is not None else font
            descriptor = target.get("/FontDescriptor")
            stream = None
            if descriptor is not None:
                for key in ("/FontFile2", "/FontFile3", "/FontFile"):
                    if key in descriptor:
                        stream = descriptor[key]
            name = str(font.get("/BaseFont", "(unnamed)")).lstrip("/")
            found.setdefault(name, EmbeddedFont(name, stream))
    return list(found.values())


def colour_spaces(document: pikepdf.Pdf) -> dict[str, str]:
    """Colour space → first place it is used, over content, images, forms, groups, shadings."""
    used: dict[str, str] = {}
    seen: set[tuple[int, int]] = set()
    for number, page in enumerate(document.pages, start=1):
        where = f"page {number}"
        group = page.obj.get("/Group")
        if group is not None and "/CS" in group:
            used.setdefault(describe(group.CS), f"{where} transparency group")
        _walk(page.obj, page.obj.get("/Resources", pikepdf.Dictionary()), where, used, seen)
        for annotation in page.obj.get("/Annots", []):
            appearance = annotation.get("/AP", {}).get("/N")
            if isinstance(appearance, pikepdf.Stream):
                _walk_xobject(appearance, f"{where} annotation", used, seen)
    return used


def describe(space: object) -> str:
    """A colour space object as a short name: DeviceCMYK, ICCBased(4), Indexed(DeviceRGB)..."""
    if isinstance(space, pikepdf.Name):
        return str(space).lstrip("/")
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0]).lstrip("/")
        if family == "ICCBased":
            return f"ICCBased({int(space[1].get('/N', 0))})"
        if family == "Indexed":
            return f"Indexed({describe(space[1])})"
        if family in ("Separation", "DeviceN"):
            return f"{family}({describe(space[2])})"
        return family
    return "unknown"


def is_rgb(space: str) -> bool:
    return any(rgb in space for rgb in RGB_SPACES)


def _all_resources(document: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    seen: set[tuple[int, int]] = set()
    stack = [page.obj.get("/Resources", pikepdf.Dictionary()) for page in document.pages]
    while stack:
        resources = stack.pop()
        yield resources
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                stack.append(xobject.get("/Resources", pikepdf.Dictionary()))


def _walk(stream: object, resources: pikepdf.Dictionary, where: str,
          used: dict[str, str], seen: set[tuple[int, int]]) -> None:
    named = resources.get("/ColorSpace", {})
    for instruction in instructions(stream):
        operator = str(instruction.operator)
        operands = instruction.operands if hasattr(instruction, "operands") else []
        if operator in _DEVICE_OPERATORS:
            used.setdefault(_DEVICE_OPERATORS[operator], f"{where} content")
        elif operator in ("cs", "CS"):
            name = operands[0]
            space = named.get(name, name) if isinstance(name, pikepdf.Name) else name
            used.setdefault(describe(space), f"{where} content")
        elif operator == "sh":
            shading = resources.get("/Shading", {}).get(operands[0])
            if shading is not None:
                used.setdefault(describe(shading.ColorSpace), f"{where} shading")
        elif operator == "Do":
            xobject = resources.get("/XObject", {}).get(operands[0])
            if xobject is not None:
                _walk_xobject(xobject, where, used, seen)
        elif operator == "INLINE IMAGE":
            image = instruction.iimage
            space = image.obj.get("/ColorSpace", image.obj.get("/CS"))
            if space is not None:
                used.setdefault(describe(space), f"{where} inline image")
    for pattern in resources.get("/Pattern", {}).values():
        if "/Shading" in pattern:
            used.setdefault(describe(pattern.Shading.ColorSpace), f"{where} pattern")
        elif isinstance(pattern, pikepdf.Stream) and pattern.objgen not in seen:
            seen.add(pattern.objgen)
            _walk(pattern, pattern.get("/Resources", pikepdf.Dictionary()), where, used, seen)


def _walk_xobject(xobject: pikepdf.Stream, where: str, used: dict[str, str],
                  seen: set[tuple[int, int]]) -> None:
    if xobject.objgen in seen and xobject.objgen != (0, 0):
        return
    seen.add(xobject.objgen)
    if xobject.get("/Subtype") == "/Image":
        if not xobject.get("/ImageMask", False):
            used.setdefault(describe(xobject.get("/ColorSpace")), f"{where} image")
        return
    group = xobject.get("/Group")
    if group is not None and "/CS" in group:
        used.setdefault(describe(group.CS), f"{where} form transparency group")
    _walk(xobject, xobject.get("/Resources", pikepdf.Dictionary()), where, used, seen)
