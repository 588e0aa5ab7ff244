"""Finishing a tagged PDF for reading on screen (PDF/UA-1), with pikepdf.

Takes the engine's tagged PDF and the notes taken while it was written (engine/tagging.py),
and completes what the engine leaves out: decoration the HTML hides from readers becomes
artifacts (its marked content, structure elements and parent-tree entries go); each
structure element whose content is in another language than its parent's says so in
/Lang; right-to-left text carries /ActualText (its words' on their marked content, see
marked_content.py; its reading order on its structure element); structure elements left
empty (panels, guides) go; and the XMP metadata repeats the document information and
identifies PDF/UA-1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pikepdf

from ..engine.tag_notes import MarkedContent, TagNotes
from .marked_content import rewrite_page
from .structure_tree import kids

PDFUA_PART = "1"


@dataclass
class _Walk:
    notes: TagNotes
    pages: dict[tuple[int, int], int]             # page object id → page index
    artifacts: set[tuple[int, int]] = field(default_factory=set)  # (page, mcid) made so
    languages: dict[tuple[int, int], set[str]] = field(default_factory=dict)  # by element
    doubled: list[pikepdf.Dictionary] = field(default_factory=list)  # annotations to drop


def finish_accessible(document: pikepdf.Pdf, notes: TagNotes, stamped: datetime) -> None:
    """Complete the tagged PDF `document` (the engine's, opened) from its notes."""
    pages = {page.obj.objgen: index for index, page in enumerate(document.pages)}
    for index, page in enumerate(document.pages):
        rewrite_page(document, page, notes[index] if index < len(notes) else {})
    walk = _Walk(notes, pages)
    root = document.Root.StructTreeRoot
    catalogue_language = str(document.Root.get("/Lang", ""))
    for element in kids(root):
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            _prune(element, walk, None)
            _describe(element, walk, catalogue_language, None)
    _drop_from_parent_tree(document, walk)
    _identify(document, stamped)


def _page_of(element: pikepdf.Object, walk: _Walk, inherited: int | None) -> int | None:
    page = element.get("/Pg")
    return walk.pages.get(page.objgen, inherited) if page is not None else inherited


def _content_mark(kid: pikepdf.Object, walk: _Walk, page: int | None
                  ) -> tuple[int | None, int, MarkedContent | None] | None:
    """A kid that is marked content (an MCID, or a marked-content reference): its page,
    id and note; None for other kids (structure elements, object references)."""
    if isinstance(kid, int):
        mcid = kid
    elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
        mcid, page = int(kid.MCID), _page_of(kid, walk, page)
    else:
        return None
    note = walk.notes[page].get(mcid) if page is not None and page < len(walk.notes) else None
    return page, mcid, note


def _prune(element: pikepdf.Dictionary, walk: _Walk, page: int | None,
           in_link: bool = False) -> bool:
    """Drop artifacts and empty elements below `element`; True if it keeps any.
    Inside a link, the layout engine gives every box of the link (the <a> and the figure
    in it) an annotation of its own: only the Link element's stays."""
    page = _page_of(element, walk, page)
    is_link = element.get("/S") == "/Link"
    kept = []
    for kid in kids(element):
        found = _content_mark(kid, walk, page)
        if found is not None:
            if found[2] is not None and found[2].artifact:
                walk.artifacts.add((found[0] or 0, found[1]))
                continue
        elif _is_link_reference(kid) and in_link and not is_link:
            walk.doubled.append(kid.Obj)
            continue
        elif (isinstance(kid, pikepdf.Dictionary) and "/S" in kid
              and not _prune(kid, walk, page, in_link or is_link)):
            continue
        kept.append(kid)
    element.K = pikepdf.Array(kept)
    return bool(kept)


def _is_link_reference(kid: pikepdf.Object) -> bool:
    return (isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"
            and kid.Obj.get("/Subtype") == "/Link")


def _describe(element: pikepdf.Dictionary, walk: _Walk, inherited: str, page: int | None
              ) -> None:
    """Give `element`, and the elements below it, a /Lang where their content's one
    language differs from the one they inherit (none where it is the same, or where the
    content mixes languages: the kids say theirs); and to an element of right-to-left
    text its /ActualText in reading order."""
    page = _page_of(element, walk, page)
    found = _languages_of(element, walk, page)
    own = next(iter(found)) if len(found) == 1 else None
    effective = own or inherited
    if own and own != inherited:
        element.Lang = pikepdf.String(own)
    elif "/Lang" in element:
        del element.Lang
    contents = [_content_mark(kid, walk, page) for kid in kids(element)]
    marks = [found[2] for found in contents if found is not None]
    if len(marks) == 1 and marks[0] is not None and marks[0].logical:
        element.ActualText = pikepdf.String(marks[0].logical)
    for kid in kids(element):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _describe(kid, walk, effective, page)


def _languages_of(element: pikepdf.Dictionary, walk: _Walk, page: int | None) -> set[str]:
    """The languages of everything `element` holds."""
    if element.objgen in walk.languages:
        return walk.languages[element.objgen]
    found: set[str] = set()
    for kid in kids(element):
        content = _content_mark(kid, walk, page)
        if content is not None:
            if content[2] is not None and content[2].language:
                found.add(content[2].language)
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found |= _languages_of(kid, walk, _page_of(kid, walk, page))
    if element.is_indirect:
        walk.languages[element.objgen] = found
    return found


def _drop_from_parent_tree(document: pikepdf.Pdf, walk: _Walk) -> None:
    """Marked content that became an artifact belongs to no structure element; a link's
    doubled annotations go from their page and from the parent tree."""
    root = document.Root.StructTreeRoot
    if "/ParentTree" not in root:
        return
    tree = pikepdf.NumberTree(root.ParentTree)
    for page, mcid in walk.artifacts:
        key = document.pages[page].obj.get("/StructParents")
        entries = tree.get(int(key)) if key is not None else None
        if isinstance(entries, pikepdf.Array) and mcid < len(entries):
            entries[mcid] = None
    doubled = {annotation.objgen for annotation in walk.doubled}
    for annotation in walk.doubled:
        if "/StructParent" in annotation and int(annotation.StructParent) in tree:
            del tree[int(annotation.StructParent)]
    for page in document.pages:
        if doubled and "/Annots" in page.obj:
            page.obj.Annots = pikepdf.Array(
                [a for a in page.obj.Annots if a.objgen not in doubled])


def _identify(document: pikepdf.Pdf, stamped: datetime) -> None:
    """XMP metadata that repeats the document information (title, author, dates...) and
    says the file conforms to PDF/UA-1."""
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp.load_from_docinfo(document.docinfo)
        xmp["pdfuaid:part"] = PDFUA_PART
        xmp["xmp:MetadataDate"] = stamped.isoformat()
