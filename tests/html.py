"""Pages as a browser sees them, for tests: parse a response (or a string of HTML) once, then ask
it for forms and what they would submit, the value a field shows, elements by id or by a small
CSS selector, their text, links, table rows and the error messages next to fields.

    page = parse(response)
    form = page.form(containing="phone")  # or form(id="kontaktskjema"), form(action=url)
    client.post(url, form.data)  # {"phone": ["41234567"], ...}: what the browser would send
    page.value("note"), page.field("note")["aria-invalid"], page.errors("note")
    page.one("ol#tidslinje").text, page.one("section.pt-conflict").rows

Built on the standard library's html.parser, which is no HTML5 tree builder but is enough for the
pages our templates render: void elements need no end tag, an ``<li>``, ``<p>``, ``<option>``,
``<tr>`` or cell ends when its next sibling of the kind starts, and an end tag closes the nearest
open element of its name (a stray one is ignored).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser

from django.http import HttpResponse

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
CONTROLS = ("input", "select", "textarea")
NOT_FIELDS = frozenset({"button", "image", "reset", "submit"})  # input types that hold no value
ENDS = {"li": {"li"}, "p": {"p"}, "option": {"option"}, "tr": {"tr"}, "td": {"td", "th"}}
ENDS["th"] = ENDS["td"]
SPACE = re.compile(r"[ \t\n\r\f]+")  # what browsers collapse; a no-break space stays
SIMPLE = re.compile(
    r"""(?P<tag>^[\w-]+)|\#(?P<id>[\w-]+)|\.(?P<cls>[\w-]+)"""
    r"""|\[(?P<attr>[\w-]+)(?:=(?P<q>["']?)(?P<val>[^"'\]]*)(?P=q))?\]"""
)


class Element:
    """One element: its ``tag``, ``attrs`` (a bare attribute such as ``checked`` has the value
    ""), ``children`` (elements and strings of text) and ``parent``. ``"checked" in element``
    and ``element["type"]`` read its attributes."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None = None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    def __repr__(self) -> str:
        attrs = "".join(f' {k}="{v}"' for k, v in self.attrs.items())
        return f"<{self.tag}{attrs}>"

    def __contains__(self, attribute: str) -> bool:
        return attribute in self.attrs

    def __getitem__(self, attribute: str) -> str:
        return self.attrs[attribute]

    def get(self, attribute: str, default: str | None = None) -> str | None:
        return self.attrs.get(attribute, default)

    # --- finding elements ----------------------------------------------------------------------

    def iter(self) -> Iterator[Element]:
        """Every element inside this one, in document order."""
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def select(self, selector: str) -> list[Element]:
        """The elements inside that match ``selector``: CSS compounds such as
        ``li.pt-task``, ``#id_q``, ``input[type=hidden][name=version]``, ``[open]``, joined by
        spaces for descendants (attribute values without spaces)."""
        tests = [_compound(part) for part in selector.split()]
        return [e for e in self.iter() if _matches(e, tests)]

    def one(self, selector: str) -> Element:
        """The only element inside that matches ``selector``; fails unless there is exactly one."""
        found = self.select(selector)
        assert len(found) == 1, f"{len(found)} elements match {selector!r}, not 1"
        return found[0]

    def by_id(self, element_id: str) -> Element | None:
        return next((e for e in self.iter() if e.get("id") == element_id), None)

    @property
    def ids(self) -> set[str]:
        return {e.attrs["id"] for e in self.iter() if "id" in e.attrs}

    @property
    def links(self) -> list[str]:
        """The ``href`` of every link inside, in order."""
        return [e.attrs["href"] for e in self.select("a[href]")]

    # --- what is shown -------------------------------------------------------------------------

    @property
    def text(self) -> str:
        """All the text inside, with runs of whitespace collapsed to one space and trimmed."""
        return SPACE.sub(" ", self._raw_text()).strip(" ")

    def _raw_text(self) -> str:
        return "".join(c if isinstance(c, str) else c._raw_text() for c in self.children)

    @property
    def rows(self) -> list[list[str]]:
        """The text of each cell of every table row inside that has a ``<td>`` (so not the
        header rows)."""
        rows = []
        for tr in self.select("tr"):
            cells = [c for c in tr.children if isinstance(c, Element) and c.tag in ("td", "th")]
            if any(c.tag == "td" for c in cells):
                rows.append([c.text for c in cells])
        return rows

    def errors(self, name: str) -> list[str]:
        """The messages shown next to the field called ``name`` (with its form prefix): the
        paragraphs of element ``id_<name>_error`` (its whole text if it has none); [] if the
        page shows no error there."""
        box = self.by_id(f"id_{name}_error")
        if box is None:
            return []
        return [p.text for p in box.select("p")] or [box.text]

    # --- forms and fields ----------------------------------------------------------------------

    @property
    def forms(self) -> list[Element]:
        return self.select("form")

    def form(
        self, *, id: str | None = None, action: str | None = None, containing: str | None = None
    ) -> Element:
        """The one form with this ``id``, this ``action`` ("" for a form that posts back to its
        page) and a field called ``containing``, of those given; fails unless exactly one fits."""
        found = [
            f
            for f in self.forms
            if (id is None or f.get("id") == id)
            and (action is None or f.get("action", "") == action)
            and (containing is None or any(c.get("name") == containing for c in f.controls))
        ]
        assert len(found) == 1, f"{len(found)} forms with {id=} {action=} {containing=}, not 1"
        return found[0]

    @property
    def controls(self) -> list[Element]:
        """The inputs, selects and textareas inside (the ``form=`` attribute is not followed)."""
        return [e for e in self.iter() if e.tag in CONTROLS]

    def field(self, name: str) -> Element:
        """The first input, select or textarea called ``name``; fails if there is none."""
        found = [c for c in self.controls if c.get("name") == name]
        assert found, f"no field called {name!r}"
        return found[0]

    def values(self, name: str) -> list[str]:
        """What the fields called ``name`` show: their values, the text of a textarea, the
        selected options, the ticked checkboxes and radio buttons. Fails if there is no field
        of that name (disabled ones count: they show a value even if they send none)."""
        found = [c for c in self.controls if c.get("name") == name and _holds_value(c)]
        assert found, f"no field called {name!r}"
        return [value for control in found for value in _shown(control)]

    def value(self, name: str) -> str:
        """The first of ``values(name)``; "" if they show none (no box ticked)."""
        return next(iter(self.values(name)), "")

    def options(self, name: str) -> list[str]:
        """The value of every option the select called ``name`` offers, in order."""
        return [_option_value(o) for o in self.field(name).select("option")]

    @property
    def data(self) -> dict[str, list[str]]:
        """What a browser submits from the fields inside (meant for a ``<form>``), by name in
        order: no disabled fields, unticked boxes or buttons; ready for the test client's post."""
        data: dict[str, list[str]] = {}
        for control in self.controls:
            name = control.get("name")
            if name and _holds_value(control) and not _disabled(control):
                for value in _shown(control):
                    data.setdefault(name, []).append(value)
        return data


def parse(page: HttpResponse | str | bytes) -> Element:
    """The document of a response (decoded with its charset) or of a string of HTML; its root
    element has the tag ``#document``."""
    if isinstance(page, HttpResponse):
        page = page.content.decode(page.charset or "utf-8")
    if isinstance(page, bytes):
        page = page.decode()
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    return builder.root


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._open[-1].tag in ENDS.get(tag, ()):
            self._open.pop()
        parent = self._open[-1]
        element = Element(tag, {}, parent)
        for key, value in attrs:
            element.attrs.setdefault(key, value or "")  # the first of a repeated attribute counts
        parent.children.append(element)
        if tag == "br":
            element.children.append("\n")  # a line break shows as one: whitespace in .text
        if tag not in VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self._open.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(data)


def _compound(selector: str) -> Callable[[Element], bool]:
    parts = list(SIMPLE.finditer(selector))
    if "".join(p.group(0) for p in parts) != selector:
        raise ValueError(f"unsupported selector {selector!r}")

    def test(element: Element) -> bool:
        classes = (element.get("class") or "").split()
        for p in parts:
            if (
                (p["tag"] and element.tag != p["tag"])
                or (p["id"] and element.get("id") != p["id"])
                or (p["cls"] and p["cls"] not in classes)
                or (p["attr"] and element.get(p["attr"]) is None)
                or (p["val"] is not None and element.get(p["attr"]) != p["val"])
            ):
                return False
        return True

    return test


def _matches(element: Element, tests: list[Callable[[Element], bool]]) -> bool:
    """``element`` matches the last test, and ancestors of it the others, in order."""
    if not tests[-1](element):
        return False
    rest = tests[:-1]
    for ancestor in _ancestors(element):
        if rest and rest[-1](ancestor):
            rest = rest[:-1]
    return not rest


def _holds_value(control: Element) -> bool:
    return control.tag != "input" or control.get("type", "text") not in NOT_FIELDS


def _ancestors(element: Element) -> Iterator[Element]:
    while element.parent is not None:
        element = element.parent
        yield element


def _disabled(control: Element) -> bool:
    """Disabled itself, or by a disabled fieldset around it."""
    fieldsets = (a for a in _ancestors(control) if a.tag == "fieldset")
    return "disabled" in control or any("disabled" in f for f in fieldsets)


def _shown(control: Element) -> list[str]:
    """The values ``control`` holds as a browser would send them."""
    if control.tag == "textarea":
        return [re.sub(r"^\r?\n", "", control._raw_text())]  # the parser drops a first newline
    if control.tag == "select":
        options = control.select("option")
        chosen = [o for o in options if "selected" in o]
        if not chosen and options and "multiple" not in control:
            chosen = options[:1]  # a single select without a selected option shows its first
        return [_option_value(o) for o in chosen]
    if control.get("type") in ("checkbox", "radio"):
        return [control.attrs.get("value", "on")] if "checked" in control else []
    if control.get("type") == "file":
        return []
    return [control.attrs.get("value", "")]


def _option_value(option: Element) -> str:
    value = option.get("value")
    return option.text if value is None else value
