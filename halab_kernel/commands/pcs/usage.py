"""Short usage texts printed (to stderr) for a command-line shape pcs does not accept.

Real pcs prints the full manual section; the simulator prints its first
line, which is what a student needs to see to correct the command.
"""

USAGE = {
    "pcs": "Usage: pcs [-f file] [-h] [commands]...",
    "resource": "Usage: pcs resource [commands]...",
    "resource create": "Usage: pcs resource create <resource id> [<standard>:[<provider>:]]<type> "
                       "[resource options] [op <operation action> <operation options>]... "
                       "[meta <meta options>...] [clone [<clone id>] [<clone options>] | "
                       "promotable [<clone id>] [<promotable options>] | --group <group id> "
                       "[--before <resource id> | --after <resource id>]] [--disabled] [--no-default-ops]",
    "constraint": "Usage: pcs constraint [constraints]...",
    "constraint location": "Usage: pcs constraint location <resource> prefers|avoids <node>[=<score>] [<node>[=<score>]]...",
    "constraint colocation add": "Usage: pcs constraint colocation add [<role>] <source resource id> with [<role>] "
                                 "<target resource id> [score] [options] [id=constraint-id]",
    "constraint order": "Usage: pcs constraint order [action] <resource id> then [action] <resource id> [options]",
    "stonith": "Usage: pcs stonith [commands]...",
    "property": "Usage: pcs property [commands]...",
    "node": "Usage: pcs node <command>",
    "cluster auth": "Usage: pcs cluster auth...",
    "cluster destroy": "Usage: pcs cluster destroy...",
    **{f"resource debug-{action}": f"Usage: pcs resource debug-{action}..."
       for action in ("start", "stop", "monitor", "promote", "demote")},
}


def usage_for(command: str | None) -> str:
    """The most specific usage we have for `command` ("resource create", ...)."""
    words = (command or "pcs").removeprefix("pcs ").split()
    while words:
        key = " ".join(words)
        if key in USAGE:
            return USAGE[key]
        words.pop()
    return USAGE["pcs"]
