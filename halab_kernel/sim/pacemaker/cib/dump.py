"""XML text as Pacemaker 2.1.5 writes it for its tools (dump_xml_formatted: pcmk__xml2text, pretty).

Not libxml's serializer: two spaces a level, attributes in their order with crm_xml_escape's values
(`'` is `&apos;`, a tab four spaces, a newline `\\n`, other control characters `\\NNN` in octal, and
nothing escaped from the first non-ASCII character on: 2.1.5's loop stops there), text nodes left
out, comments kept. What `cibadmin -Q` and `crm_ticket -q` print.
"""

from __future__ import annotations

from lxml import etree

_ESCAPES = {"<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "&": "&amp;", "\t": "    ", "\n": "\\n",
            "\r": "\\r"}


def escape(value: str) -> str:
    """crm_xml_escape of 2.1.5."""
    out = []
    for index, char in enumerate(value):
        if ord(char) > 127:  # a multi-byte character: the loop breaks, the rest is copied as it is
            out.append(value[index:])
            break
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char < " " or char > "~":
            out.append(f"\\{ord(char):03o}")
        else:
            out.append(char)
    return "".join(out)


def _element(element: etree._Element, depth: int, out: list[str]) -> None:
    pad = "  " * depth
    if isinstance(element, etree._Comment):
        out.append(f"{pad}<!--{element.text or ''}-->\n")
        return
    if not isinstance(element.tag, str):  # processing instructions, entities: pcmk__xml2text skips them
        return
    name = etree.QName(element).localname  # libxml's name: no prefix
    attributes = "".join(f' {etree.QName(key).localname}="{escape(value)}"' for key, value in element.attrib.items())
    children = list(element)
    if not children and not (element.text or "").strip():  # blanks are not nodes: parsed with XML_PARSE_NOBLANKS
        out.append(f"{pad}<{name}{attributes}/>\n")
        return
    out.append(f"{pad}<{name}{attributes}>\n")
    for child in children:
        _element(child, depth + 1, out)
    out.append(f"{pad}</{name}>\n")


def dump_formatted(element: etree._Element) -> str:
    """dump_xml_formatted(element)."""
    out: list[str] = []
    _element(element, 0, out)
    return "".join(out)
