"""Fence device options the simulated fencer does not act on.

Real pacemaker-fenced 2.1.5 reads these on every fence device (its metadata gives the defaults):
which agent action carries out a request (pcmk_reboot_action=off turns a reboot into a power-off that
leaves the node down), how often a failed agent run is retried, how many actions a device runs at
once, and how it decides which nodes a device can fence. The simulated fencer behaves as with the
defaults, and fences the nodes of a device's own pcmk_host_list or pcmk_host_map (every node without
one), so a live lab refuses a device that sets one of them to anything else (scheduler/unmodelled.py)
rather than accept it and show the default behaviour. The scheduler does not read them, so a one-off
simulation (crm_simulate) of such a CIB stays truthful.
"""

from __future__ import annotations

from lxml import etree

ACTIONS: dict[str, str] = {f"pcmk_{action}_action": action
                           for action in ("reboot", "off", "on", "list", "monitor", "status")}
RETRIES = tuple(f"pcmk_{action}_retries" for action in ("reboot", "off", "on", "list", "monitor", "status"))


def _host_check_default(params: dict[str, str]) -> str:
    """static-list when the device names its nodes (pcmk_host_list or pcmk_host_map), else dynamic-list."""
    return "static-list" if "pcmk_host_list" in params or "pcmk_host_map" in params else "dynamic-list"


def changed_options(cib: etree._Element) -> list[str]:
    """`DEVICE: OPTION=VALUE` for each fence device option of this CIB set to other than its default."""
    changed = []
    for device in cib.iterfind("configuration/resources//primitive[@class='stonith']"):
        params = {nvpair.get("name", ""): (nvpair.get("value") or "").strip()
                  for nvpair in device.iterfind("instance_attributes/nvpair")}
        for name, value in params.items():
            default = (ACTIONS.get(name) or ("2" if name in RETRIES else None)
                       or ("1" if name == "pcmk_action_limit" else None)
                       or (_host_check_default(params) if name == "pcmk_host_check" else None))
            if default is not None and value.lower() != default:
                changed.append(f"{device.get('id')}: {name}={value}")
    return changed


def sets_unsimulated_device_options(cib: etree._Element) -> bool:
    return bool(changed_options(cib))
