"""The pack put together with pikepdf: the pages of the unit's finished files after the pack's
own cover and contents, each part's structure tree kept.

The pack starts as its front pages' tagged PDF (so it has their language, title, ``/MarkInfo``
and structure: the cover's H1, the contents' TOC). A part's pages are copied into it, then the
part's structure, its file's ``Document`` becoming a ``Part`` of the pack's, titled as the
contents titles it (``/T``): an element keeps its marked-content ids (a page's content
stream is copied as it is, and no page is in a pack twice) and points to the copies of its
pages, and the parent tree gets an entry per copied page, keyed by its place in the pack. An
element with nothing on the part's pages is left out, so a part taking some of a file's pages
takes only their structure. Blank backs and the pack's page numbers are artifacts.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String

from compiler.pdf import PAGE_NUMBER

Owners = dict[int, dict[int, pikepdf.Object]]  # pack page index -> marked-content id -> element
_OWN_KEYS = ("/K", "/P", "/Pg")  # what a copied element gets anew; the rest (role, /Alt, /A ...) is kept


class Pack:
    """A pack being put together, from its front pages' PDF."""

    def __init__(self, front: bytes) -> None:
        self.pdf = pikepdf.open(io.BytesIO(front))
        tree = self.pdf.Root.StructTreeRoot
        self.document = tree.K
        self._nums = tree.ParentTree.Nums
        self._bookmarks: list[OutlineItem] = []

    def __len__(self) -> int:
        return len(self.pdf.pages)

    def add_page(self, source: pikepdf.Pdf, index: int) -> int:
        """Copies page ``index`` of ``source`` to the end; its index in the pack."""
        self.pdf.pages.append(source.pages[index])
        copied = self.pdf.pages[-1].obj
        if "/StructParents" in copied:
            del copied.StructParents  # its key in the file's parent tree: the pack gives its own
        return len(self.pdf.pages) - 1

    def add_part(self, source: pikepdf.Pdf, placed: Mapping[int, int], title: str) -> None:
        """The structure of the part whose pages of ``source`` ``placed`` maps to the pack's (page
        index there to page index here), as a Part element titled ``title``; and its bookmark."""
        tree = source.Root.get("/StructTreeRoot")
        if tree is not None:
            whole = len(placed) == len(source.pages) and "/Nums" in tree.ParentTree
            for part in self._whole(source, tree, placed) if whole else self._some(source, tree, placed):
                part.S = Name.Part  # the file's Document, now a Part of the pack's
                part.T = String(title)
                part.P = self.document
                self.document.K.append(part)
        self._bookmarks.append(OutlineItem(title, min(placed.values())))

    def _whole(self, source: pikepdf.Pdf, tree: pikepdf.Object, placed: Mapping[int, int]) -> list[pikepdf.Object]:
        """The top elements of the structure of a file whose every page the pack holds, copied by
        qpdf in one go: it keeps one mapping of copied objects per source, so each element points
        to the copies of its pages. Each page's parent tree entry goes with it, under the page's
        key in the pack."""
        copied = self.pdf.copy_foreign(tree)
        nums = copied.ParentTree.Nums
        entries = {int(nums[k]): nums[k + 1] for k in range(0, len(nums), 2)}
        for at, here in sorted(placed.items(), key=lambda item: item[1]):
            key = source.pages[at].obj.get("/StructParents")
            if key is not None:
                self._enter(here, entries[int(key)])
        return list(_elements(copied))

    def _some(self, source: pikepdf.Pdf, tree: pikepdf.Object, placed: Mapping[int, int]) -> list[pikepdf.Object]:
        """The top elements of the structure of a file some of whose pages the pack holds: each
        element copied with its content on those pages, none that holds none there."""
        pages = {source.pages[at].obj.objgen: here for at, here in placed.items()}
        owners: Owners = {}
        tops = [copy for top in _elements(tree) for copy in self._copied(top, self.document, pages, owners)]
        for index, by_id in sorted(owners.items()):
            self._enter(index, Array([by_id[mcid] for mcid in sorted(by_id)]))
        return tops

    def _enter(self, index: int, elements: pikepdf.Object) -> None:
        """Page ``index``'s entry in the parent tree: the element of each of its marked-content ids."""
        self.pdf.pages[index].obj.StructParents = index
        self._nums.append(index)
        self._nums.append(elements)

    def _copied(self, element: pikepdf.Object, parent: pikepdf.Object, pages: Mapping[tuple[int, int], int],
                owners: Owners) -> Iterator[pikepdf.Object]:
        """The copy of ``element`` under ``parent``, holding its content on ``pages`` (a page of
        the source by its object number, to its index in the pack); none if it holds none there."""
        copy = self.pdf.make_indirect(Dictionary(P=parent))
        for key, value in element.items():
            if key not in _OWN_KEYS:
                copy[key] = self._own(value)
        home = element.get("/Pg")
        kids: list[pikepdf.Object | tuple[int, int]] = []
        for kid in _kids(element):
            if isinstance(kid, int):  # pikepdf gives an integer as a Python int
                kids += _mark(pages, home, kid)
            elif kid.get("/Type") == Name.MCR:
                kids += _mark(pages, kid.Pg, int(kid.MCID))
            else:
                kids += self._copied(kid, copy, pages, owners)
        if not kids:
            return
        marks = [kid for kid in kids if isinstance(kid, tuple)]
        if marks:
            copy.Pg = self.pdf.pages[marks[0][0]].obj
        copy.K = Array(self._reference(kid, copy, owners) for kid in kids)
        yield copy

    def _own(self, value: object) -> object:
        """A value of another PDF's, as this one's: an indirect object copied across, a direct one
        made anew (pikepdf refuses another PDF's direct objects, names and strings included)."""
        if not isinstance(value, pikepdf.Object):
            return value  # a number or a truth value, as Python gives it
        if value.is_indirect:
            return self.pdf.copy_foreign(value)
        if isinstance(value, Dictionary):
            return Dictionary({key: self._own(item) for key, item in value.items()})
        if isinstance(value, Array):
            return Array([self._own(item) for item in value])
        return pikepdf.Object.parse(value.unparse())

    def _reference(self, kid: pikepdf.Object | tuple[int, int], element: pikepdf.Object,
                   owners: Owners) -> pikepdf.Object | int:
        """A kid of ``element`` as its /K holds it: a marked-content id on the element's own page,
        a marked-content reference on another; a child element as it is."""
        if not isinstance(kid, tuple):
            return kid
        page, mcid = kid
        owners.setdefault(page, {})[mcid] = element
        if self.pdf.pages[page].obj.objgen == element.Pg.objgen:
            return mcid
        return Dictionary(Type=Name.MCR, Pg=self.pdf.pages[page].obj, MCID=mcid)

    def renumber(self, numbers: bytes, pages: Sequence[int]) -> None:
        """Each of ``pages`` numbered by the page of ``numbers`` in its place (see
        ``pdf.page_numbers``): its own "Page X of Y" form emptied, the pack's laid over it as an
        artifact."""
        with pikepdf.open(io.BytesIO(numbers)) as overlay:
            for index, number in zip(pages, overlay.pages, strict=True):
                page = self.pdf.pages[index]
                own = number_form(page)
                assert own is not None
                own.write(b"")
                form = page.add_resource(self.pdf.copy_foreign(number.as_form_xobject()), Name.XObject,
                                         Name(f"/{PAGE_NUMBER}pack"))  # a name of its own: the same bytes each time
                page.contents_add(b"q\n", prepend=True)
                page.contents_add(b"Q\n/Artifact BMC q " + form.unparse() + b" Do Q EMC\n")

    def saved(self, first: int, producer: str) -> bytes:
        """The pack's bytes: its pages labelled i, ii ... before ``first`` and 1, 2 ... from it, a
        bookmark per part, the same bytes for the same pack."""
        labels = Array()
        for page, style in ((0, Dictionary(S=Name.r)), (first, Dictionary(S=Name.D, St=1))):
            if page < len(self.pdf.pages):
                labels.append(page)
                labels.append(style)
        self.pdf.Root.PageLabels = Dictionary(Nums=labels)
        self.pdf.Root.StructTreeRoot.ParentTreeNextKey = len(self.pdf.pages)
        with self.pdf.open_outline() as outline:
            outline.root[:] = self._bookmarks
        self.pdf.docinfo.Producer = String(producer)
        out = io.BytesIO()
        self.pdf.save(out, deterministic_id=True)
        self.pdf.close()
        return out.getvalue()


def number_form(page: pikepdf.Page) -> pikepdf.Object | None:
    """The form holding the page's own "Page X of Y", if it has one."""
    forms = page.obj.get("/Resources", Dictionary()).get("/XObject", Dictionary())
    names: set[str] = forms.keys()
    return next((forms[name] for name in names if name.startswith(f"/FormXob.{PAGE_NUMBER}")), None)


def _kids(element: pikepdf.Object) -> list[pikepdf.Object | int]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _elements(tree: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """The elements among a structure tree's top kids."""
    return (kid for kid in _kids(tree) if not isinstance(kid, int))


def _mark(pages: Mapping[tuple[int, int], int], page: pikepdf.Object | None, mcid: int) -> list[tuple[int, int]]:
    """The marked content ``mcid`` of a source ``page`` as (pack page index, id), if the pack has that page."""
    if page is None or page.objgen not in pages:
        return []
    return [(pages[page.objgen], mcid)]
