"""Read a tagged PDF back as a screen reader and a PDF/UA checker see it.

Works on any PDF, with pikepdf alone: the PDF/UA identification, title and languages; the
structure tree in reading order, each element with its type (through the role map), its
language (its own /Lang or the nearest above it), alternative and actual text; for every
page, whether all its content is marked (and belongs to a structure element) or an
artifact; every link annotation's target, description and place in the structure. It is
not a PDF/UA validator: what it leaves to one is listed in the README (digital output).
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

import pikepdf

from ..finish.structure_tree import kids
from .report import PreflightReport

# Operators that put something on the page (text, paths, images, shadings, forms).
PAINTING = frozenset({"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*",
                      "Do", "sh", "INLINE IMAGE", "BI"})
HEADINGS = ("H1", "H2", "H3", "H4", "H5", "H6")
FIGURE, LINK = "Figure", "Link"
STANDARD = frozenset({
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI",
    "Index", "NonStruct", "Private", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH",
    "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry",
    "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
    "Formula", "Form", *HEADINGS})


@dataclass(frozen=True)
class Element:
    """One structure element, in reading order."""

    role: str                     # its standard type, through the role map
    language: str                 # its own /Lang, or the nearest above it ("" if none)
    own_language: bool            # whether /Lang is set on the element itself
    depth: int
    page: int | None              # 0-based
    content: tuple[int, ...]      # the marked-content ids it holds itself
    alt: str | None = None
    actual_text: str | None = None
    annotations: int = 0          # annotations it holds (object references)


@dataclass(frozen=True)
class LinkAnnotation:
    page: int
    target: str                   # the URI it opens ("" if none)
    description: str              # its /Contents
    in_structure: bool            # held by a Link structure element (OBJR)


@dataclass
class TaggedReport:
    tagged: bool = False          # a structure tree, or a claim to be tagged
    ua_part: str | None = None    # pdfuaid:part in the XMP metadata
    title: str = ""               # dc:title in the XMP metadata
    display_title: bool = False   # ViewerPreferences /DisplayDocTitle
    marked: bool = False          # MarkInfo /Marked
    language: str = ""            # the catalogue's /Lang
    elements: list[Element] = field(default_factory=list)
    links: list[LinkAnnotation] = field(default_factory=list)
    faults: list[str] = field(default_factory=list)

    def of_role(self, role: str) -> list[Element]:
        return [element for element in self.elements if element.role == role]

    def lines(self) -> list[str]:
        """What the read-back found, as lines of the preflight report."""
        roles = Counter(element.role for element in self.elements)
        shown = ", ".join(f"{roles[role]} {role}" for role in
                          (*HEADINGS, "P", "L", FIGURE, LINK) if roles[role])
        languages = sorted({e.language for e in self.elements if e.own_language})
        targets = Counter(link.target for link in self.links)
        return [
            f"  tagged         PDF/UA-{self.ua_part or '? (not identified)'}; "
            f"structure: {shown or 'none'}",
            f"  languages      {self.language or 'none'}"
            + (f"; blocks in {', '.join(languages)}" if languages else ""),
            "  links          " + (", ".join(f"{target} ({count})" for target, count
                                           in targets.items()) or "none"),
        ]


def read_tagged(pdf: bytes | pikepdf.Pdf) -> TaggedReport:
    """The tagged structure of a PDF and what is wrong with it (report.faults)."""
    if isinstance(pdf, bytes):
        with pikepdf.open(io.BytesIO(pdf)) as document:
            return read_tagged(document)
    report = TaggedReport()
    root = pdf.Root
    tree = root.get("/StructTreeRoot")
    metadata = pdf.open_metadata()
    report.ua_part = metadata.get("pdfuaid:part")
    report.title = str(metadata.get("dc:title") or "")
    report.display_title = bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle"))
    report.marked = bool(root.get("/MarkInfo", {}).get("/Marked"))
    report.language = str(root.get("/Lang", ""))
    report.tagged = tree is not None or report.marked or report.ua_part is not None
    if not report.tagged:
        return report
    if tree is None:
        report.faults.append("no structure tree: the file is not tagged")
        return report
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    roles = {str(k): str(v) for k, v in tree.get("/RoleMap", {}).items()}
    for kid in kids(tree):
        if isinstance(kid, pikepdf.Dictionary):
            _walk(kid, report, pages, roles, report.language, 0, None)
    parents = pikepdf.NumberTree(tree.ParentTree) if "/ParentTree" in tree else None
    for index, page in enumerate(pdf.pages):
        _check_content(page, index, parents, report)
        _read_links(page, index, parents, report)
    _check_document(report)
    return report


def join_tagged(report: PreflightReport, pdf: bytes) -> list[str]:
    """For a file that is tagged or claims to be: add what is wrong with its structure to
    `report`'s faults and give the lines that describe it (none for an untagged file)."""
    tagged = read_tagged(pdf)
    if not tagged.tagged:
        return []
    report.faults += tagged.faults
    return tagged.lines()


def _walk(element: pikepdf.Dictionary, report: TaggedReport, pages: dict, roles: dict,
          language: str, depth: int, page: int | None) -> None:
    if "/S" not in element:
        return
    role = str(element.S)[1:]
    seen = set()
    while role in roles and role not in seen:  # a role map may chain
        seen.add(role)
        role = roles[role][1:]
    own = element.get("/Lang")
    language = str(own) if own is not None and str(own) else language
    if "/Pg" in element:
        page = pages.get(element.Pg.objgen, page)
    children = kids(element)
    content = tuple(int(kid) if isinstance(kid, int) else int(kid.MCID) for kid in children
                    if isinstance(kid, int) or (isinstance(kid, pikepdf.Dictionary)
                                                and kid.get("/Type") == "/MCR"))
    annotations = sum(1 for kid in children
                      if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR")
    report.elements.append(Element(
        role, language, own is not None, depth, page, content,
        _text(element.get("/Alt")), _text(element.get("/ActualText")), annotations))
    if role not in STANDARD:
        report.faults.append(f"structure type {role} is neither standard nor role-mapped")
    for kid in children:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _walk(kid, report, pages, roles, language, depth + 1, page)


def _text(value: pikepdf.Object | None) -> str | None:
    return None if value is None else str(value)


def _check_content(page: pikepdf.Page, index: int, parents: pikepdf.NumberTree | None,
                   report: TaggedReport) -> None:
    """Everything painted is in marked content that belongs to a structure element, or in
    an artifact."""
    owners = _owners(page, parents)
    stack: list[str | None] = []   # per open sequence: "artifact", "marked" or None
    loose, orphans = 0, set()
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("BDC", "BMC"):
            tag = str(operands[0]) if operands else ""
            properties = operands[1] if name == "BDC" and len(operands) > 1 else None
            if tag == "/Artifact":
                stack.append("artifact")
            elif isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                mcid = int(properties.MCID)
                if owners.get(mcid) is None:
                    orphans.add(mcid)
                stack.append("marked")
            else:
                stack.append(None)
        elif name == "EMC" and stack:
            stack.pop()
        elif name in PAINTING and not any(stack):
            loose += 1
    if loose:
        report.faults.append(f"page {index + 1}: {loose} painting operator(s) neither in "
                             "marked content nor in an artifact")
    if orphans:
        report.faults.append(f"page {index + 1}: marked content {sorted(orphans)} belongs "
                             "to no structure element")


def _owners(page: pikepdf.Page, parents: pikepdf.NumberTree | None) -> dict[int, object]:
    """The structure element each marked-content id of the page belongs to (None if none)."""
    key = page.obj.get("/StructParents")
    entries = parents.get(int(key)) if parents is not None and key is not None else None
    if not isinstance(entries, pikepdf.Array):
        return {}
    return {mcid: (None if entry is None or not isinstance(entry, pikepdf.Dictionary)
                   else entry) for mcid, entry in enumerate(entries)}


def _read_links(page: pikepdf.Page, index: int, parents: pikepdf.NumberTree | None,
                report: TaggedReport) -> None:
    annotations = [a for a in page.obj.get("/Annots", []) if isinstance(a, pikepdf.Dictionary)]
    if annotations and page.obj.get("/Tabs") != "/S":
        report.faults.append(f"page {index + 1} has annotations but no /Tabs /S "
                             "(tab order by structure)")
    for annotation in annotations:
        if annotation.get("/Subtype") != "/Link":
            continue
        action = annotation.get("/A", {})
        target = str(action.get("/URI", "")) if isinstance(action, pikepdf.Dictionary) else ""
        owner = None
        if parents is not None and "/StructParent" in annotation:
            owner = parents.get(int(annotation.StructParent))
        held = (isinstance(owner, pikepdf.Dictionary) and owner.get("/S") == "/Link"
                and any(isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"
                        and kid.Obj.objgen == annotation.objgen for kid in kids(owner)))
        description = str(annotation.get("/Contents", ""))
        report.links.append(LinkAnnotation(index, target, description, held))
        if not held:
            report.faults.append(f"page {index + 1}: a link to {target or '?'} is not held "
                                 "by a Link structure element")
        if not description:
            report.faults.append(f"page {index + 1}: a link to {target or '?'} has no "
                                 "description (/Contents)")


def _check_document(report: TaggedReport) -> None:
    if report.ua_part != "1":
        report.faults.append("no PDF/UA-1 identification (pdfuaid:part 1) in XMP metadata")
    if not report.title:
        report.faults.append("no title (dc:title) in XMP metadata")
    if not report.display_title:
        report.faults.append("the viewer is not told to show the title (DisplayDocTitle)")
    if not report.marked:
        report.faults.append("MarkInfo /Marked is not true")
    if not report.language:
        report.faults.append("no document language (/Lang in the catalogue)")
    for element in report.of_role(FIGURE):
        if not (element.alt or element.actual_text):
            page = "" if element.page is None else f" on page {element.page + 1}"
            report.faults.append(f"a figure{page} has no alternative text")
    levels = [int(e.role[1]) for e in report.elements if e.role in HEADINGS]
    if levels and levels[0] != 1:
        report.faults.append(f"the first heading is H{levels[0]}, not H1")
    for before, after in pairwise(levels):
        if after > before + 1:
            report.faults.append(f"heading levels skip from H{before} to H{after}")
            break
