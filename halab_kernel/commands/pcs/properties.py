"""`pcs property set|unset|config`, validated like pcs 0.11 against the daemons' metadata."""

from __future__ import annotations

import re

from lxml import etree

from halab_kernel.commands.pcs import cibtools, messages
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.parsing import prepare_options

BOOLEAN, INTEGER, TIME, PERCENTAGE, STRING = "boolean", "integer", "time", "percentage", "string"
# name -> (type, allowed values for "select"); from pacemaker-schedulerd/controld/based metadata
CLUSTER_OPTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "batch-limit": (INTEGER, ()), "cluster-delay": (TIME, ()), "cluster-ipc-limit": (INTEGER, ()),
    "cluster-recheck-interval": (TIME, ()), "concurrent-fencing": (BOOLEAN, ()),
    "dc-deadtime": (TIME, ()), "election-timeout": (TIME, ()), "enable-acl": (BOOLEAN, ()),
    "enable-startup-probes": (BOOLEAN, ()), "fence-reaction": (STRING, ()),
    "join-finalization-timeout": (TIME, ()), "join-integration-timeout": (TIME, ()),
    "load-threshold": (PERCENTAGE, ()), "maintenance-mode": (BOOLEAN, ()),
    "migration-limit": (INTEGER, ()),
    "no-quorum-policy": ("select", ("stop", "freeze", "ignore", "demote", "suicide")),
    "node-action-limit": (INTEGER, ()), "node-health-base": (INTEGER, ()),
    "node-health-green": (INTEGER, ()), "node-health-red": (INTEGER, ()),
    "node-health-strategy": ("select", ("none", "migrate-on-red", "only-green", "progressive", "custom")),
    "node-health-yellow": (INTEGER, ()), "pe-error-series-max": (INTEGER, ()),
    "pe-input-series-max": (INTEGER, ()), "pe-warn-series-max": (INTEGER, ()),
    "placement-strategy": ("select", ("default", "utilization", "minimal", "balanced")),
    "priority-fencing-delay": (TIME, ()), "remove-after-stop": (BOOLEAN, ()),
    "shutdown-escalation": (TIME, ()), "shutdown-lock": (BOOLEAN, ()),
    "shutdown-lock-limit": (TIME, ()), "start-failure-is-fatal": (BOOLEAN, ()),
    "startup-fencing": (BOOLEAN, ()), "stonith-action": ("select", ("reboot", "off", "poweroff")),
    "stonith-enabled": (BOOLEAN, ()), "stonith-max-attempts": (INTEGER, ()),
    "stonith-timeout": (TIME, ()), "stonith-watchdog-timeout": (TIME, ()),
    "stop-all-resources": (BOOLEAN, ()), "stop-orphan-actions": (BOOLEAN, ()),
    "stop-orphan-resources": (BOOLEAN, ()), "symmetric-cluster": (BOOLEAN, ()),
    "transition-delay": (TIME, ()),
}
# `pcs property config --defaults`: the daemons' metadata defaults (pacemaker 2.1.5)
DEFAULTS: dict[str, str] = {
    "batch-limit": "0", "cluster-delay": "60s", "cluster-ipc-limit": "500", "cluster-name": "",
    "cluster-recheck-interval": "15min", "concurrent-fencing": "false", "dc-deadtime": "20s",
    "election-timeout": "2min", "enable-acl": "false", "enable-startup-probes": "true",
    "fence-reaction": "stop", "have-watchdog": "false", "join-finalization-timeout": "30min",
    "join-integration-timeout": "3min", "load-threshold": "80%", "maintenance-mode": "false",
    "migration-limit": "-1", "no-quorum-policy": "stop", "node-action-limit": "0",
    "node-health-base": "0", "node-health-green": "0", "node-health-red": "-INFINITY",
    "node-health-strategy": "none", "node-health-yellow": "0", "pe-error-series-max": "-1",
    "pe-input-series-max": "4000", "pe-warn-series-max": "5000", "placement-strategy": "default",
    "priority-fencing-delay": "0", "remove-after-stop": "false", "shutdown-escalation": "20min",
    "shutdown-lock": "false", "shutdown-lock-limit": "0", "start-failure-is-fatal": "true",
    "startup-fencing": "true", "stonith-action": "reboot", "stonith-enabled": "true",
    "stonith-max-attempts": "10", "stonith-timeout": "60s", "stonith-watchdog-timeout": "0",
    "stop-all-resources": "false", "stop-orphan-actions": "true", "stop-orphan-resources": "true",
    "symmetric-cluster": "true", "transition-delay": "0s",
}
_BOOLEANS = ("0", "1", "false", "n", "no", "off", "on", "true", "y", "yes")
_TIME = re.compile(r"^\d+(ms|msec|us|usec|s|sec|m|min|h|hr)?$")
_INTEGER = re.compile(r"^[+-]?(\d+|INFINITY)$")
_PERCENT = re.compile(r"^\d+%$")
SET_ID = "cib-bootstrap-options"
SBD_CONFIG = "/etc/default/sbd"
_READONLY = ("cluster-infrastructure", "cluster-name", "dc-version", "have-watchdog", "last-lrm-refresh")


def _value_problem(name: str, value: str) -> str | None:
    kind, allowed = CLUSTER_OPTIONS[name]
    if kind == BOOLEAN and value.lower() not in _BOOLEANS:
        return messages.invalid_value(value, name, "a pacemaker boolean value: " + messages.quoted_list(_BOOLEANS))
    if kind == INTEGER and not _INTEGER.match(value):
        return messages.invalid_value(value, name, "an integer or INFINITY or -INFINITY")
    if kind == TIME and not _TIME.match(value):
        return messages.invalid_value(value, name, "time interval (e.g. 1, 2s, 3m, 4h, ...)")
    if kind == PERCENTAGE and not _PERCENT.match(value):
        return messages.invalid_value(
            value, name, "a non-negative integer followed by '%' (e.g. 0%, 50%, 200%, ...)")
    if kind == "select" and value not in allowed:
        return messages.invalid_value(value, name, allowed)
    return None


def _seconds(value: str) -> float:
    match = re.fullmatch(r"(\d+)(ms|msec|us|usec|s|sec|m|min|h|hr)?", value)
    if not match:
        return -1
    factor = {"ms": 0.001, "msec": 0.001, "us": 1e-6, "usec": 1e-6, "m": 60, "min": 60, "h": 3600, "hr": 3600}
    return int(match.group(1)) * factor.get(match.group(2) or "s", 1)


def _check_watchdog_timeout(lib: PcsLib, value: str) -> None:
    """pcs 0.11.5's rules for stonith-watchdog-timeout, by the node's SBD set-up (its
    /etc/default/sbd; pcs -f assumes SBD is disabled): only with watchdog-only SBD may it be
    set, and then above SBD_WATCHDOG_TIMEOUT."""
    seconds = _seconds(value) if value else 0
    config = dict(line.split("=", 1) for line in lib.files.get(SBD_CONFIG, "").splitlines()
                  if "=" in line and not line.startswith("#"))
    if not lib.sbd_enabled:
        if seconds:
            lib.reporter.error("stonith-watchdog-timeout can only be unset or set to 0 while SBD is disabled")
    elif config.get("SBD_DEVICE", "").strip('"'):
        if seconds:
            lib.reporter.error("stonith-watchdog-timeout can only be unset or set to 0 while SBD is enabled with "
                               "devices", forceable=True)
    elif not seconds:
        lib.reporter.error("stonith-watchdog-timeout cannot be unset or set to 0 while SBD is enabled without "
                           "devices", forceable=True)
    elif seconds <= int(config.get("SBD_WATCHDOG_TIMEOUT", "5") or 5):
        lib.reporter.error("The stonith-watchdog-timeout must be greater than SBD watchdog timeout "
                           f"'{config.get('SBD_WATCHDOG_TIMEOUT', '5')}', entered '{value}'", forceable=True)


def set_cmd(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--force")
    if not argv:
        raise UsageError()
    values = prepare_options(argv)
    reporter = lib.reporter
    crm_config = cibtools.section(lib.cib, "crm_config")
    nvset = next((s for s in crm_config.findall("cluster_property_set") if s.get("id") == SET_ID), None)
    present = {name for name, _ in cibtools.nvpairs(nvset)}
    _report_not_present(lib, [name for name, value in values.items() if value == "" and name not in present])
    _report_names(lib, values)
    for name, value in values.items():
        if name in CLUSTER_OPTIONS and value != "":
            problem = _value_problem(name, value)
            if problem:
                reporter.error(problem, forceable=True)
    if "stonith-watchdog-timeout" in values and not _value_problem("stonith-watchdog-timeout",
                                                                   values["stonith-watchdog-timeout"] or "0"):
        value = values["stonith-watchdog-timeout"]
        if value or "stonith-watchdog-timeout" in present:
            _check_watchdog_timeout(lib, value)
    reporter.stop_if_errors()
    if nvset is None:
        nvset = etree.Element("cluster_property_set", id=SET_ID)
        crm_config.insert(0, nvset)
    for name, value in values.items():
        cibtools.set_nvpair(nvset, name, value, id_name_length=20)
    lib.mark_changed()


def _report_names(lib: PcsLib, values: dict[str, str]) -> None:
    """pcs's NamesIn on the properties: unknown names may be removed but not set; read-only ones
    (dc-version, have-watchdog, ...) neither, and --force does not help with those."""
    unknown = [name for name, value in values.items() if name not in CLUSTER_OPTIONS and value != ""
               and name not in _READONLY]
    readonly = [name for name in values if name in _READONLY]
    if unknown:
        lib.reporter.error(messages.invalid_options(unknown, CLUSTER_OPTIONS, "cluster property"), forceable=True)
    if readonly:  # reported on their own
        lib.reporter.error(messages.invalid_options(readonly, CLUSTER_OPTIONS, "cluster property"))


def _report_not_present(lib: PcsLib, names: list[str]) -> None:
    if len(names) == 1:
        lib.reporter.error(f"Cannot remove property '{names[0]}', it is not present in property set "
                           f"'{SET_ID}'", forceable=True)
    elif names:
        lib.reporter.error(f"Cannot remove properties {messages.quoted_list(names)}, they are not present "
                           f"in property set '{SET_ID}'", forceable=True)


def unset_cmd(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--force")
    if not argv:
        raise UsageError()
    repeated = sorted({name for name in argv if argv.count(name) > 1})
    if repeated and not modifiers.has("--force"):  # pcs's ensure_unique_args
        raise PcsError(f"Error: duplicate argument{'s' if len(repeated) > 1 else ''}: "
                       + ", ".join(f"'{name}'" for name in repeated))
    crm_config = cibtools.section(lib.cib, "crm_config")
    nvset = next((s for s in crm_config.findall("cluster_property_set") if s.get("id") == SET_ID), None)
    present = {name for name, _ in cibtools.nvpairs(nvset)}
    _report_not_present(lib, [name for name in argv if name not in present])
    _report_names(lib, {name: "" for name in argv})
    lib.reporter.stop_if_errors()
    if nvset is not None:
        for name in argv:
            cibtools.set_nvpair(nvset, name, "")
    lib.mark_changed()


def config_lines(lib: PcsLib) -> list[str]:
    crm_config = lib.cib.find("configuration/crm_config")
    sets = crm_config.findall("cluster_property_set") if crm_config is not None else []
    nvset = next((s for s in sets if s.get("id") == SET_ID), None)
    pairs = sorted(cibtools.nvpairs(nvset))
    if not pairs:
        return ["Cluster Properties:"]
    return ["Cluster Properties:"] + [f" {name}: {value}" for name, value in pairs]


def show_cmd(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    lib.reporter.deprecation("This command is deprecated and will be removed. Please use 'pcs property config' "
                             "instead.")
    config_cmd(lib, argv, modifiers)


def config_cmd(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--all", "--defaults")
    if len(argv) > 1:
        raise UsageError()
    if modifiers.has("--all") and modifiers.has("--defaults"):
        raise PcsError("Error: you cannot specify both --all and --defaults")
    if argv and (modifiers.has("--all") or modifiers.has("--defaults")):
        raise PcsError("Error: you cannot specify a property when using --all or --defaults")
    configured = dict(cibtools.nvpairs(lib.cib.find(f"configuration/crm_config/cluster_property_set[@id='{SET_ID}']")))
    if modifiers.has("--defaults"):
        shown = dict(DEFAULTS)
    elif modifiers.has("--all"):
        shown = {**DEFAULTS, **configured}
    elif argv:
        value = configured.get(argv[0], DEFAULTS.get(argv[0]))
        shown = {argv[0]: value} if value is not None else {}
    else:
        for line in config_lines(lib):
            lib.reporter.out(line)
        return
    lib.reporter.out("Cluster Properties:")
    for name in sorted(shown):
        lib.reporter.out(f" {name}: {shown[name]}")
