"""Fence device options the simulated fencer does not act on.

Real pacemaker-fenced 2.1.5 reads these on every fence device (its metadata gives the defaults):
which agent action carries out a request, how often a failed agent run is tried, how many actions a
device runs at once, and how it decides which nodes a device can fence. The simulated fencer models
pcmk_reboot_action=off (make_args: the agent powers the target off and it stays off; a topology
reboot does not turn it back on with that device, fenced.py) and every pcmk_<action>_retries (how
many times in all a failing agent runs within 70% of its timeout, fenced.py agent_tries); it behaves
as with the defaults for the others, and fences the nodes of a device's own pcmk_host_list or
pcmk_host_map (every node without one), so a live lab refuses a device that sets one of them to
anything else (scheduler/unmodelled.py) rather than accept it and show the default behaviour: another
pcmk_reboot_action (an agent's own action name), pcmk_off_action=reboot and the other pcmk_*_action,
pcmk_action_limit, a pcmk_host_check other than the device's own list implies; and on a fence_sbd
device, whose poison pill the controller sends itself (sbd.py), pcmk_reboot_action=off and any
pcmk_<action>_retries but 2. The scheduler does not
read them, so a one-off simulation (crm_simulate) of such a CIB stays truthful.
"""

from __future__ import annotations

from lxml import etree

from halab_kernel.sim.pacemaker.cib.references import instance_parameters

ACTIONS: dict[str, str] = {f"pcmk_{action}_action": action
                           for action in ("reboot", "off", "on", "list", "monitor", "status")}
MODELLED_ACTIONS: dict[str, tuple[str, ...]] = {"pcmk_reboot_action": ("reboot", "off")}  # values fenced.py runs
RETRIES = tuple(f"pcmk_{action}_retries" for action in ("reboot", "off", "on", "list", "monitor", "status"))


def _host_check_default(params: dict[str, str]) -> str:
    """static-list when the device names its nodes (pcmk_host_list or pcmk_host_map), else dynamic-list."""
    return "static-list" if "pcmk_host_list" in params or "pcmk_host_map" in params else "dynamic-list"


def changed_options(cib: etree._Element) -> list[str]:
    """`DEVICE: OPTION=VALUE` for each fence device option of this CIB the simulated fencer does not model
    set to other than its default."""
    changed = []
    for device in cib.iterfind("configuration/resources//primitive[@class='stonith']"):
        params = {name: value.strip() for name, value in instance_parameters(device).items()}
        sbd = device.get("type") == "fence_sbd"  # its pill does not go through fenced.py's agent runs
        for name, value in params.items():
            if sbd and (name in RETRIES and value != "2" or name in MODELLED_ACTIONS and value != ACTIONS[name]):
                changed.append(f"{device.get('id')}: {name}={value}")
                continue
            if value in MODELLED_ACTIONS.get(name, ()):
                continue
            default = (ACTIONS.get(name) or ("1" if name == "pcmk_action_limit" else None)
                       or (_host_check_default(params) if name == "pcmk_host_check" else None))
            if default is not None and value.lower() != default:
                changed.append(f"{device.get('id')}: {name}={value}")
    return changed


def sets_unsimulated_device_options(cib: etree._Element) -> bool:
    return bool(changed_options(cib))
