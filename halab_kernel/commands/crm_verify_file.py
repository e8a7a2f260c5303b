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
