"""`pcs alert create|update|delete|remove|config|recipient add|update|delete|remove`.

Alerts (`<alerts><alert id path><recipient id value/>...`) make Pacemaker run
a script on every event, one call per recipient. Options go to the alert's
or recipient's `instance_attributes`, `meta` to `meta_attributes`, each put
first in its element as pcs's arrange_first_* does.
"""

from __future__ import annotations

from lxml import etree

from halab_kernel.commands.pcs import cibtools, messages
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.parsing import group_by_keywords, prepare_options


def _sections(argv: list[str], allowed: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    groups = group_by_keywords(argv, {"options", "meta"}, "main")
    main = prepare_options(groups.get("main", []))
    for name, value in main.items():
        if name not in allowed:
            raise UsageError(f"Unexpected parameter '{name}={value}'")
    return main, prepare_options(groups.get("options", [])), prepare_options(groups.get("meta", []))


def _alerts(lib: PcsLib) -> etree._Element:
    return cibtools.section(lib.cib, "alerts")


def _find(lib: PcsLib, tag: str, element_id: str) -> etree._Element:
    found = next((e for e in _alerts(lib).iter(tag) if e.get("id") == element_id), None)
    if found is None:
        if cibtools.id_exists(lib.cib, element_id):
            raise PcsError(f"Error: '{element_id}' is not a {tag}")  # pcs 0.11.5 writes "a alert"
        raise PcsError(f"Error: {messages.id_not_found(element_id, tag)}")
    return found


def _arrange(lib: PcsLib, owner: etree._Element, tag: str, values: dict[str, str]) -> None:
    """pcs's arrange_first_nvset: update the first set, or create it first in the element if useful."""
    if not values:
        return
    nvset = owner.find(tag)
    if nvset is None:
        if all(value == "" for value in values.values()):
            return
        nvset = etree.Element(tag, id=cibtools.unique_id(lib.cib, f"{owner.get('id')}-{tag}"))
        owner.insert(0, nvset)
    for name, value in sorted(values.items()):
        cibtools.set_nvpair(nvset, name, value)


def _optional(element: etree._Element, name: str, value: str | None) -> None:
    if value is None:
        return
    if value:
        element.set(name, value)
    else:
        element.attrib.pop(name, None)


def create(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f")
    if not argv:
        raise UsageError()
    main, options, meta = _sections(argv, ("id", "description", "path"))
    if not main.get("path"):
        raise PcsError(f"Error: {messages.required_missing(['path'], '')}")
    alert_id = main.get("id")
    if alert_id:
        problem = cibtools.id_problem(alert_id, "alert-id")
        if problem:
            raise PcsError(f"Error: {problem}")
        if cibtools.id_exists(lib.cib, alert_id):
            raise PcsError(f"Error: '{alert_id}' already exists")
    else:
        alert_id = cibtools.unique_id(lib.cib, "alert")
    alert = etree.SubElement(_alerts(lib), "alert", id=alert_id, path=main["path"])
    if main.get("description"):
        alert.set("description", main["description"])
    _arrange(lib, alert, "instance_attributes", options)
    _arrange(lib, alert, "meta_attributes", meta)
    lib.mark_changed()


def update(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f")
    if not argv:
        raise UsageError()
    main, options, meta = _sections(argv[1:], ("description", "path"))
    alert = _find(lib, "alert", argv[0])
    if main.get("path"):
        alert.set("path", main["path"])
    _optional(alert, "description", main.get("description"))
    _arrange(lib, alert, "instance_attributes", options)
    _arrange(lib, alert, "meta_attributes", meta)
    lib.mark_changed()


def _remove(lib: PcsLib, argv: list[str], modifiers: Modifiers, tag: str) -> None:
    modifiers.ensure_only("-f")
    if not argv:
        raise UsageError()
    for element_id in argv:
        try:
            cibtools.remove_element(_find(lib, tag, element_id))
        except PcsError as error:
            lib.reporter.error(error.lines[0].removeprefix("Error: "))
    lib.reporter.stop_if_errors()
    lib.mark_changed()


def remove(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    _remove(lib, argv, modifiers, "alert")


def recipient_remove(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    _remove(lib, argv, modifiers, "recipient")


def _unique_value(lib: PcsLib, alert: etree._Element, value: str, own_id: str, force: bool) -> None:
    if any(r.get("value") == value and r.get("id") != own_id for r in alert.findall("recipient")):
        lib.reporter.error(f"Recipient '{value}' in alert '{alert.get('id')}' already exists", forceable=True)
        lib.reporter.stop_if_errors()


def recipient_add(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--force")
    if len(argv) < 2:
        raise UsageError()
    main, options, meta = _sections(argv[1:], ("description", "id", "value"))
    if not main.get("value"):
        raise PcsError(f"Error: {messages.required_missing(['value'], '')}")
    alert_id = argv[0]
    recipient_id = main.get("id")
    if recipient_id is None:
        recipient_id = cibtools.unique_id(lib.cib, f"{alert_id}-recipient")
    elif cibtools.id_exists(lib.cib, recipient_id):
        raise PcsError(f"Error: '{recipient_id}' already exists")
    alert = _find(lib, "alert", alert_id)
    _unique_value(lib, alert, main["value"], "", modifiers.has("--force"))
    recipient = etree.SubElement(alert, "recipient", id=recipient_id, value=main["value"])
    if main.get("description"):
        recipient.set("description", main["description"])
    _arrange(lib, recipient, "instance_attributes", options)
    _arrange(lib, recipient, "meta_attributes", meta)
    lib.mark_changed()


def recipient_update(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--force")
    if not argv:
        raise UsageError()
    main, options, meta = _sections(argv[1:], ("description", "value"))
    value = main.get("value")
    if value is not None and not value:
        raise PcsError(f"Error: Recipient value '{value}' is not valid.")
    recipient = _find(lib, "recipient", argv[0])
    if value is not None:
        _unique_value(lib, recipient.getparent(), value, argv[0], modifiers.has("--force"))
        recipient.set("value", value)
    _optional(recipient, "description", main.get("description"))
    _arrange(lib, recipient, "instance_attributes", options)
    _arrange(lib, recipient, "meta_attributes", meta)
    lib.mark_changed()


def _pairs_text(nvset: etree._Element | None) -> str:
    values = dict(cibtools.nvpairs(nvset))
    return " ".join(f'{n}="{v}"' if " " in v else f"{n}={v}" for n, v in sorted(values.items()))


def _details(element: etree._Element) -> list[str]:
    lines = [f"Description: {element.get('description')}"] if element.get("description") else []
    for tag, label in (("instance_attributes", "Options"), ("meta_attributes", "Meta options")):
        text = _pairs_text(element.find(tag))
        if text:
            lines.append(f"{label}: {text}")
    return lines


def config_lines(cib: etree._Element) -> list[str]:
    """`pcs alert config`, also the Alerts part of `pcs config`."""
    lines = ["Alerts:"]
    found = list(cib.iterfind("configuration/alerts/alert"))
    if not found:
        return lines + [" No alerts defined"]
    for alert in found:
        lines.append(f" Alert: {alert.get('id')} (path={alert.get('path')})")
        content = _details(alert)
        recipients = []
        for recipient in alert.findall("recipient"):
            recipients.append(f"Recipient: {recipient.get('id')} (value={recipient.get('value')})")
            recipients += [" " + line for line in _details(recipient)]
        if recipients:
            content += ["Recipients:"] + [" " + line for line in recipients]
        lines += ["  " + line for line in content]
    return lines


def config(lib: PcsLib, argv: list[str], modifiers: Modifiers, deprecated: bool = False) -> None:
    if deprecated:
        lib.reporter.deprecation("This command is deprecated and will be removed. Please use 'pcs alert config' "
                                 "instead.")
    modifiers.ensure_only("-f")
    if argv:
        raise UsageError()
    for line in config_lines(lib.cib):
        lib.reporter.out(line)
