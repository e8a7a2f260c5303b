"""`crm_ticket` on the simulated cluster: show, grant, revoke, standby and activate tickets.

Tickets (multi-site clusters, Booth) live in the CIB's status section as
`<ticket_state>`; resources tied to one by an `rsc_ticket` constraint run only
while it is granted and not on standby (scheduler/tickets.py). Output and exit
codes follow Pacemaker 2.1.5's crm_ticket, checked against the real tool on a
CIB file (`CIB_file=cib.xml crm_ticket -l`): `ticketA<TAB>granted [standby] ...`,
4 and "Ticket modification not allowed" for a grant or revoke without --force.
"""

from __future__ import annotations

import re
from typing import Callable

from lxml import etree

from halab_kernel import values
from halab_kernel.commands.crm_mon import ctime
from halab_kernel.commands.glib_options import TOOLS
from halab_kernel.commands.glib_options import read as read_options
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.model import CommandResult
from halab_kernel.sim.pacemaker.cib.dump import dump_formatted

MODELLED = ("info", "details", "raw", "query-xml", "constraints", "grant", "revoke", "standby", "activate", "get-attr",
            "set-attr", "delete-attr", "ticket", "attr-value", "force", "help", "help-all", "help-queries",
            "help-commands", "help-advanced", "help-additional", "help-deprecated")
QUERIES = {"-l": "info", "--info": "info", "-L": "details", "--details": "details", "-w": "raw",
           "--raw": "raw", "-q": "xml", "--query-xml": "xml", "-c": "constraints", "--constraints": "constraints"}
_ATTRIBUTE_COMMANDS = ("-S", "--set-attr", "-D", "--delete-attr", "-G", "--get-attr")
CHANGES = {"-g": {"granted": "true"}, "--grant": {"granted": "true"},
           "-r": {"granted": "false"}, "--revoke": {"granted": "false"},
           "-s": {"standby": "true"}, "--standby": {"standby": "true"},
           "-a": {"standby": "false"}, "--activate": {"standby": "false"}}
TICKET_ID = re.compile(r"^[A-Za-z0-9_.:-]+$")
ATTRIBUTE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
PAD = " " * len(" [standby]")
USAGE = """Usage:
  crm_ticket [OPTION?]

Perform tasks related to cluster tickets
Allows ticket attributes to be queried, modified and deleted.

Queries:
  -l, --info                       Display the information of ticket(s)
  -L, --details                    Display the details of ticket(s)
  -w, --raw                        Display the IDs of ticket(s)
  -q, --query-xml                  Query the XML of ticket(s)
  -c, --constraints                Display the rsc_ticket constraints that apply to ticket(s)

Commands:
  -g, --grant                      Grant a ticket to this cluster site
  -r, --revoke                     Revoke a ticket from this cluster site
  -s, --standby                    Tell this cluster site this ticket is standby
  -a, --activate                   Tell this cluster site this ticket is active

Advanced Options:
  -G, --get-attr=ATTRIBUTE         Display the named attribute for a ticket
  -S, --set-attr=ATTRIBUTE         Set the named attribute for a ticket
  -D, --delete-attr=ATTRIBUTE      Delete attribute for a ticket

Additional Options:
  -t, --ticket=ID                  Ticket ID
  -v, --attr-value=VALUE           Attribute value to use with -S
  -f, --force                      Change ticket states without asking for confirmation
"""


def _fail(message: str, rc: int, stdout: str = "") -> CommandResult:
    return CommandResult(stdout=stdout, stderr=f"crm_ticket: {message}\n", rc=rc)


_PRIMES = (1, 2, 3, 7, 13, 31, 61, 127, 251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071)


def _str_hash(key: str) -> int:
    """Pacemaker's pcmk__str_hash: h = h * 31 + c over the bytes as signed chars, 32 bits."""
    h = 0
    for byte in key.encode():
        h = (h * 31 + (byte - 256 if byte > 127 else byte)) & 0xFFFFFFFF
    return max(h, 2)  # GLib keeps 0 and 1 for empty and deleted buckets


def hash_order(keys: list[str]) -> list[str]:
    """The order GLib 2.74's GHashTable (pcmk__strkey_table) iterates the keys inserted in this order:
    open addressing, bucket (hash * 11) % prime, quadratic probing; grown when 15/16 full, its entries
    relocated in place (relocate_map) as GLib does."""
    shift, count = 3, 0
    table: list[str | None] = [None] * 8
    mask = 7

    def slot(hashed: int, taken: Callable[[int], bool]) -> int:
        index, step = (hashed * 11 & 0xFFFFFFFF) % _PRIMES[shift], 0
        while taken(index):
            step += 1
            index = (index + step) & mask
        return index

    for key in dict.fromkeys(keys):
        table[slot(_str_hash(key), lambda i: table[i] is not None)] = key
        count += 1
        if len(table) <= count + count // 16:  # g_hash_table_maybe_resize
            old_size, shift = len(table), max(3, int(count * 1.333).bit_length())
            table, mask = table + [None] * ((1 << shift) - old_size), (1 << shift) - 1
            moved = [False] * len(table)
            for i in range(old_size):
                if table[i] is None or moved[i]:
                    continue
                carried, table[i] = table[i], None
                while carried is not None:
                    index = slot(_str_hash(carried), lambda j: moved[j])
                    moved[index] = True
                    carried, table[index] = table[index], carried
    return [key for key in table if key is not None]


def ticket_states(root: etree._Element) -> dict[str, dict[str, str]]:
    """Ticket id -> its state attributes: those in the status, then those only constraints name."""
    tickets = {state.get("id", ""): {k: v for k, v in state.attrib.items() if k != "id"}
               for state in root.iterfind("status/tickets/ticket_state")}
    for constraint in root.iterfind("configuration/constraints/rsc_ticket"):
        tickets.setdefault(constraint.get("ticket", ""), {})
    return tickets


def _line(ticket: str, state: dict[str, str], details: bool) -> str:
    granted = values.is_true(state.get("granted"))
    line = f"{ticket}\t{'granted' if granted else 'revoked'}"
    line += " [standby]" if values.is_true(state.get("standby")) else PAD
    shown = {name: (f"'{ctime(scan_ll(value))}'" if name in ("last-granted", "expires") else value)
             for name, value in state.items()}
    if details and shown:  # the ticket's state table, in its hash order
        line += " (" + ", ".join(f"{name}={shown[name]}" for name in hash_order(list(state))) + ")"
    elif not details and "last-granted" in shown:
        line += f" last-granted={shown['last-granted']}"
    return line


def scan_ll(text: str) -> int:
    """pcmk__scan_ll with 0 by default: the leading integer, or 0."""
    found = re.match(r"\s*[-+]?\d+", text)
    return int(found.group()) if found else 0


def _warning(ticket: str, granting: bool) -> str:
    """What crm_ticket says before a grant or revoke without --force."""
    if granting:
        text = f"This command cannot help you verify whether '{ticket}' has been already granted elsewhere.\n"
        action, word = "grant", "to"
    else:
        text = (f"Revoking '{ticket}' can trigger the specified 'loss-policy'(s) relating to '{ticket}'.\n\n"
                f"You can check that with:\ncrm_ticket --ticket {ticket} --constraints\n\n"
                f"Otherwise before revoking '{ticket}', you may want to make '{ticket}' standby with:\n"
                f"crm_ticket --ticket {ticket} --standby\n\n")
        action, word = "revoke", "from"
    return text + (f"If you really want to {action} '{ticket}' {word} this site now, and you know what you "
                   "are doing,\nplease specify --force.\n")


def _query(root: etree._Element, query: str, ticket: str | None) -> CommandResult:
    tickets = ticket_states(root)
    if query == "constraints":  # an XPath query of the constraints: none found is its error, whatever the ticket
        found = [c for c in root.iterfind("configuration/constraints/rsc_ticket")
                 if ticket is None or c.get("ticket") == ticket]
        if not found:
            return _fail("Could not show ticket constraints: No such device or address", 105)
        xml = "".join(etree.tostring(c, encoding="unicode").strip() + "\n" for c in found)
        return CommandResult(stdout="Constraints XML:\n\n" + xml)
    if ticket is not None and ticket not in tickets:
        return _fail(f"No such ticket '{ticket}'", 105)
    chosen = [ticket] if ticket is not None else hash_order(list(tickets))
    if query == "raw":
        return CommandResult(stdout="".join(f"{t}\n" for t in chosen))
    if query == "xml":  # the ticket's state, or the whole tickets section, as libxml indents it
        section = root.find("status/tickets")
        shown = [s for s in root.iterfind("status/tickets/ticket_state") if s.get("id") == ticket] if ticket \
            else [section] if section is not None else []
        xml = "".join(dump_formatted(element) for element in shown)
        return CommandResult(stdout="State XML:\n\n" + xml if shown else "State XML:\n")
    return CommandResult(stdout="".join(_line(t, tickets[t], query == "details") + "\n" for t in chosen))




@register("crm_ticket")
def crm_ticket(context: CommandContext, argv: list[str]) -> CommandResult:
    line = read_options("crm_ticket", argv, MODELLED)
    if isinstance(line, CommandResult):
        return line
    if any(name.startswith("help") for name in line.names()):
        return CommandResult(stdout=USAGE)
    letters = {option.name: option.letter for option in TOOLS["crm_ticket"]}
    options = [(f"-{letters[name]}" if letters.get(name) else f"--{name}", value or "") for name, value in line.options]
    flags = dict(options)
    ticket = flags.get("-t", flags.get("--ticket"))
    force = "-f" in flags or "--force" in flags
    commands = [flag for flag, _ in options if flag in QUERIES or flag in CHANGES or flag in _ATTRIBUTE_COMMANDS]
    last = commands[-1] if commands else None  # each command option replaces the one before
    query = QUERIES.get(last or "")
    change: dict[str, str | None] = {}
    for flag, value in options:
        change.update(CHANGES.get(flag, {}))
        if flag in ("-S", "--set-attr"):
            change[value] = flags.get("-v", flags.get("--attr-value"))
        elif flag in ("-D", "--delete-attr"):
            change[value] = None
    get_attr = flags.get("-G", flags.get("--get-attr")) if last in ("-G", "--get-attr") else None
    if query is not None or get_attr is not None:
        change = {}
    if query is None and not change and get_attr is None:
        return _fail("Must supply a command", 64)
    if not context.sim.pacemaker.pacemaker_up(context.node):
        return _fail("Could not connect to the CIB: Transport endpoint is not connected", 107)
    root = context.live_cib()
    if query is not None:
        return _query(root, query, ticket)
    if ticket is None:
        return _fail("Must supply ticket ID with -t", 105 if get_attr is not None else 64)
    if get_attr is not None:
        found = ticket_states(root).get(ticket, {}).get(get_attr)
        return CommandResult(stdout=f"{found}\n") if found is not None else CommandResult(rc=105)
    if "granted" in change and not force:
        return _fail("Ticket modification not allowed", 4, _warning(ticket, change["granted"] == "true"))
    if not TICKET_ID.match(ticket):  # the real tool writes any id, even '' or 'a b', into the status
        return _fail(f"not simulated: a ticket id other than letters, digits and _.:- ('{ticket}'); try it on "
                     "real nodes: halab rig up", 69)
    odd = next((name for name in change if not ATTRIBUTE_NAME.match(name)), None)
    if odd is not None:  # the real tool writes it as it is: an attribute the CIB's XML cannot hold
        return _fail(f"not simulated: a ticket attribute name that is not an XML name ('{odd}'); try it on "
                     "real nodes: halab rig up", 69)
    if all(value is None for value in change.values()) and \
            not any(state.get("id") == ticket for state in root.iterfind("status/tickets/ticket_state")):
        return CommandResult()  # deleting from a ticket that has no state: nothing to write
    if change.get("granted") == "true":
        change["last-granted"] = str(values.unix_time(context.sim.clock.now))
    context.sim.cib.set_ticket(ticket, change)
    context.sim.pacemaker.request_transitions()
    return CommandResult()
