"""crm_verify's verdict on a CIB file (`crm_verify --xml-file FILE`), as `pcs -f FILE cluster verify` asks it.

The checks are the lab's crm_verify's (crm_verify_checks.py); here the nodes' states and the
resources come from the file's own status section, read by the scheduler as crm_mon reads a
file. A file the lab could not hold (a schema it does not check, a section missing) or whose
status the scheduler refuses to read is refused by name, never answered half right.
"""

from __future__ import annotations

import re

from lxml import etree

from halab_kernel.commands.cib_schema import schema_problem

# the schemas whose rules the lab's CIB enforces (cib_schema.py); older ones crm_verify upgrades first
_CHECKED_SCHEMA = re.compile(r"pacemaker-3\.\d+")


def file_verdict(root: etree._Element, verbosity: int, now: int | None = None) -> tuple[str, int] | str:
    """crm_verify's stderr and exit code for this CIB file at this many -V (at `now`, seconds since
    the epoch), or why it is refused."""
    from halab_kernel.commands.crm_verify_checks import verdict
    from halab_kernel.sim.pacemaker.cib.parse import cib_from_element
    from halab_kernel.sim.pacemaker.scheduler.schedule import current_status
    from halab_kernel.sim.pacemaker.scheduler.unmodelled import refused_before_scheduling

    schema = root.get("validate-with", "")
    if not _CHECKED_SCHEMA.fullmatch(schema):
        return f"checking a CIB validated against {schema or 'no schema'}"
    problem = schema_problem(root)
    if problem is not None:
        return f"checking a CIB its schema refuses ({problem})"
    unmodelled = refused_before_scheduling(root)
    if unmodelled:
        return f"checking a CIB with {unmodelled[0]}"
    try:
        _, nodes, views = current_status(cib_from_element(root), now)
    except Exception as error:  # noqa: BLE001 - a status the scheduler does not read is refused by name
        return f"checking a CIB whose status the scheduler refuses to read ({str(error)[:80]})"
    return verdict(root, ((node.uname, node.state) for node in nodes), verbosity, views)


# Pacemaker 2.1.5 reads a CIB with libxml2 and XML_PARSE_NOBLANKS | XML_PARSE_RECOVER (filename2xml,
# string2xml, stdin2xml): what parses strictly is read as lxml reads it; what libxml2 only recovers
# (an unclosed element, content after the root) is refused by name rather than guessed at.
_STRICT = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
_RECOVER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, recover=True)
COMPLETE_ONLY = "This tool can only check complete configurations (i.e. those starting with <cib>)."
# crm_exit_str of the exit codes crm_verify ends with, as its XML output's <status message=...>
EXIT_TEXT = {0: "OK", 1: "Error occurred", 66: "Input file not available", 76: "Protocol violated",
             78: "Invalid configuration"}


def read_cib_text(text: str) -> etree._Element | None | str:
    """The document crm_verify reads from this text, None when it reads none ("Couldn't parse
    input ..."), or why the lab does not read it as the real tool would."""
    try:
        root = etree.fromstring(text.encode(), _STRICT)
    except etree.XMLSyntaxError:
        try:
            recovered = etree.fromstring(text.encode(), _RECOVER)
        except etree.XMLSyntaxError:
            return None
        return None if recovered is None else "reading XML that is not well-formed (libxml2 recovers part of it)"
    if root.getroottree().docinfo.doctype:
        return "reading XML with a document type declaration"
    return root


def checked_verdict(root: etree._Element, verbosity: int, now: int) -> tuple[str, int] | str:
    """crm_verify -x/-X/-p on the document read: only a <cib> (any case, as crm_element_name is
    compared) is checked; then the file's verdict."""
    if etree.QName(root).localname.lower() != "cib":
        return f"crm_verify: {COMPLETE_ONLY}\n", 76
    if root.find("status") is None:
        return "checking a CIB without a status section (crm_verify's configuration-only checks)"
    return file_verdict(root, verbosity, now)


def quote_cmdline(argv: list[str]) -> str:
    """pcmk__quote_cmdline of 2.1.5: a word with a space is put in single quotes, its own quotes
    escaped with a backslash; the request attribute of the tools' XML output."""
    return " ".join("'" + word.replace("'", "\\'") + "'" if " " in word else word for word in argv)


def _attribute(value: str) -> str:
    """An attribute value as libxml2 writes it in an ASCII document."""
    named = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
    return "".join(named.get(char) or (char if ord(char) < 128 else f"&#x{ord(char):X};") for char in value)


def xml_result(argv: list[str], rc: int, inner: str = "") -> str | None:
    """crm_verify's --output-as=xml document for its arguments and exit code (`inner`: elements
    before the status, indented), or None when the exit code's text is not known here."""
    if rc not in EXIT_TEXT:
        return None
    request = _attribute(quote_cmdline(["crm_verify", *argv]))
    return (f'<pacemaker-result api-version="2.25" request="{request}">\n{inner}'
            f'  <status code="{rc}" message="{EXIT_TEXT[rc]}"/>\n</pacemaker-result>\n')
