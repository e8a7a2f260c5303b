"""`pcs cluster cib [FILE]` and `pcs cluster cib-push FILE [--config] [diff-against=FILE]`.

Files are text handed in by the caller (`PcsLib.files`) and handed back
(`PcsLib.written_files`): the core never touches a disk.
"""

from __future__ import annotations

from copy import deepcopy

from lxml import etree

from halab_kernel.commands.pcs import cibtools
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.sim.pacemaker.cib.dump import dump_formatted


CIB_SCOPES = ("acls", "alerts", "configuration", "constraints", "crm_config", "fencing-topology", "nodes",
              "op_defaults", "resources", "rsc_defaults", "tags")


def cib_cmd(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """What `cibadmin -l -Q [--scope SCOPE]` prints, to stdout or a file. As pcs 0.11.5 reads the
    arguments: each one without '=' names the file (the last wins), scope= may repeat (the last
    wins) and is checked where it stands, anything else is a usage error."""
    modifiers.ensure_only("-f", "--config")
    filename, scope = None, None
    for arg in argv:
        if "=" not in arg:
            filename = arg
            continue
        name, value = arg.split("=", 1)
        if name != "scope" or modifiers.has("--config"):
            raise UsageError()
        if value not in CIB_SCOPES:
            raise PcsError(f"Error: invalid CIB scope '{value}'")
        scope = value
    if modifiers.has("--config"):
        scope = "configuration"
    root = lib.cib
    shown = root if scope is None else root.find(scope if scope == "configuration" else f"configuration/{scope}")
    if shown is None:
        raise PcsError(f"Error: unable to get cib, scope '{scope}' not present in cib")
    text = dump_formatted(shown)
    if filename is not None:
        lib.written_files[filename] = text
    else:
        lib.reporter.out(text.rstrip("\n"))


def cib_push(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--config", "--wait")
    if not argv:
        raise UsageError()
    filename, options = argv[0], argv[1:]
    text = lib.files.get(filename)
    if text is None:
        raise PcsError(f"Error: unable to read file '{filename}': No such file or directory")
    try:
        new = etree.fromstring(text.encode())
    except etree.XMLSyntaxError:
        raise PcsError(f"Error: unable to parse new cib: {filename}") from None
    diff_against = next((o.split("=", 1)[1] for o in options if o.startswith("diff-against=")), None)
    current = lib.cib
    if modifiers.has("--config"):
        if new.tag != "configuration" and new.find("configuration") is None:
            raise PcsError("Error: unable to parse new cib: no configuration section")
        configuration = new if new.tag == "configuration" else new.find("configuration")
        replaced = deepcopy(current)
        old = replaced.find("configuration")
        replaced.replace(old, deepcopy(configuration))
        lib.replace_cib(replaced)
    elif diff_against is not None:
        if diff_against not in lib.files:
            raise PcsError(f"Error: unable to read file '{diff_against}': No such file or directory")
        # Our CIBs are small: applying the diff is replacing the configuration that changed.
        replaced = deepcopy(current)
        replaced.replace(replaced.find("configuration"), deepcopy(new.find("configuration")))
        lib.replace_cib(replaced)
    else:
        if new.tag != "cib":
            raise PcsError("Error: unable to push cib: not a CIB document")
        lib.replace_cib(deepcopy(new))
    lib.reporter.out("CIB updated")


_FALSE = ("0", "false", "n", "no", "off")
_NO_STONITH = (
    "(unpack_resources) \terror: Resource start-up disabled since no STONITH resources have been defined",
    "(unpack_resources) \terror: Either configure some or disable STONITH with the stonith-enabled option",
    "(unpack_resources) \terror: NOTE: Clusters with shared data need STONITH to ensure data integrity",
)


def verify(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs cluster verify`: the checks of crm_verify a course meets most.

    Dangling references in constraints (what the schema's IDREFs refuse) and
    a cluster that requires fencing without any fence device. Real pcs runs
    crm_verify, whose --full output also lists status-dependent warnings;
    those are not reproduced.
    """
    modifiers.ensure_only("-f", "--full")
    if argv:
        raise UsageError()
    cib = lib.cib
    details = []
    known = {element.get("id") for element in cib.iter() if element.get("id")}
    for constraint in cib.iterfind("configuration/constraints/*"):
        for attribute in ("rsc", "with-rsc", "first", "then"):
            value = constraint.get(attribute)
            if value is not None and value not in known:
                details.append(f"element {constraint.tag}: validity error : IDREF attribute {attribute} "
                               f"references an unknown ID \"{value}\"")
    verdict = "Errors found during check: config not valid"
    if not details:
        enabled = cib.xpath("configuration/crm_config/cluster_property_set/nvpair[@name='stonith-enabled']/@value")
        fencing = not (enabled and enabled[0].lower() in _FALSE)
        has_stonith = cib.find("configuration/resources//primitive[@class='stonith']") is not None
        if fencing and not has_stonith:
            details.extend(_NO_STONITH)
        elif fencing and cib.find("status/node_state") is None:
            # an offline CIB without status: crm_verify sees every node as unclean
            details.extend(f"(schedule_fencing_and_shutdowns) \twarning: Node {node} is unclean but "
                           "cannot be fenced" for node in cibtools.node_names(cib))
            verdict = "Warnings found during check: config may not be valid"
    if not details:
        return
    lines = ["Error: invalid cib:"]
    lines += details if modifiers.has("--full") else []
    lines.append(f"crm_verify: {verdict}")
    # crm_verify's error output ends with a line break: an empty line before what follows it
    lines += ["", "", "Use --full for more details."] if not modifiers.has("--full") else [""]
    lines.append("Error: Errors have occurred, therefore pcs is unable to continue")
    raise PcsError(*lines)


def cluster_router():
    from halab_kernel.commands.pcs.routing import Router, on_a_node
    return Router("cluster", {
        "auth": on_a_node("cluster auth", "--corosync_conf", "--request-timeout", "-u", "-p"),
        "destroy": on_a_node("cluster destroy", "--all", "--request-timeout", "--force"),
        "cib": cib_cmd,
        "cib-push": cib_push,
        "verify": verify,
        "setup": setup_cmd,
    })


def setup_cmd(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """Without a cluster behind it, pcs can only write corosync.conf to a file (--corosync_conf)."""
    from halab_kernel.commands.pcs.setup import SETUP_OPTIONS, setup_local
    modifiers.ensure_only(*SETUP_OPTIONS)  # `-f` is none of them
    if not modifiers.has("--corosync_conf"):
        raise PcsError("Error: pcs cluster setup needs the nodes' pcsd; with -f, write the file instead: "
                       "pcs cluster setup --corosync_conf FILE ...")
    setup_local(lib, argv, modifiers)
