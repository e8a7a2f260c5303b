"""corosync.conf text to a tree, line by line as corosync 3.1.7's coroparse.c reads it.

Why a faithful copy: a student's file is refused by `corosync -t` at the first line the
parser dislikes, with `parser error: FILE:LINE: reason`; the same line and reason here let
the course show the real message. The parser also types some keys as it reads them
(integers with their C ranges, a few enumerations), so those refusals come in file order,
before any of totem's checks (validation.py).
"""

from __future__ import annotations

import re
from typing import Any

Tree = dict[str, Any]  # values: str, Tree, or list[Tree] for repeated sections (node, interface)
REPEATED_SECTIONS = {"node", "interface", "logger_subsys", "logging_daemon"}

_UINT8 = (0, 255)
_UINT16 = (0, 65535)
_UINT32 = (0, 4294967295)
_INT32 = (-2147483648, 2147483647)

# key path (without node/link numbers) -> (low, high): coroparse's safe_atoq keys
INTEGER_KEYS: dict[str, tuple[int, int]] = {
    **{f"totem.{key}": _UINT32 for key in (
        "version", "nodeid", "threads", "token", "token_coefficient", "token_retransmit", "token_warning", "hold",
        "token_retransmits_before_loss_const", "join", "send_join", "consensus", "merge", "downcheck",
        "fail_recv_const", "seqno_unchanged_const", "rrp_token_expired_timeout", "rrp_problem_count_timeout",
        "rrp_problem_count_threshold", "rrp_problem_count_mcast_threshold", "rrp_autorecovery_check_timeout",
        "heartbeat_failures_allowed", "max_network_delay", "window_size", "max_messages", "miss_count_const",
        "knet_pmtud_interval", "knet_mtu", "knet_compression_threshold", "netmtu")},
    "totem.knet_compression_level": _INT32,
    **{f"quorum.{key}": _UINT32 for key in ("expected_votes", "votes", "last_man_standing_window",
                                            "leaving_timeout")},
    **{f"quorum.{key}": _UINT8 for key in ("two_node", "expected_votes_tracking", "allow_downscale", "wait_for_all",
                                           "auto_tie_breaker", "last_man_standing")},
    **{f"quorum.device.{key}": _UINT32 for key in ("timeout", "sync_timeout", "votes")},
    "quorum.device.master_wins": _UINT8,
    "totem.interface.linknumber": _UINT8,
    "totem.interface.mcastport": _UINT16,
    "totem.interface.ttl": _UINT8,
    "totem.interface.knet_link_priority": _UINT8,
    **{f"totem.interface.{key}": _UINT32 for key in ("knet_ping_interval", "knet_ping_timeout",
                                                     "knet_ping_precision", "knet_pong_count")},
    "nodelist.node.nodeid": _UINT32,
    "nodelist.node.quorum_votes": _UINT32,
}

# key path -> (allowed values, corosync's message)
ENUM_KEYS: dict[str, tuple[tuple[str, ...], str]] = {
    "totem.ip_version": (("ipv4", "ipv6", "ipv6-4", "ipv4-6"), "Invalid ip_version type"),
    "totem.crypto_model": (("nss", "openssl"), "Invalid crypto model. Should be nss or openssl"),
    "totem.crypto_cipher": (("none", "aes256", "aes192", "aes128"),
                            "Invalid cipher type. Should be none, aes256, aes192 or aes128"),
    "totem.crypto_hash": (("none", "md5", "sha1", "sha256", "sha384", "sha512"),
                          "Invalid hash type. Should be none, md5, sha1, sha256, sha384 or sha512"),
    "totem.knet_compression_model": (("zlib", "lz4", "lz4hc", "lzo2", "lzma", "bzip2", "zstd"),
                                     "Invalid compression model. Should be zlib, lz4, lz4hc, lzo2, lzma, bzip2 or "
                                     "zstd"),
    "system.qb_ipc_type": (("native", "shm", "socket"), "Invalid system.qb_ipc_type"),
    "system.sched_rr": (("yes", "no"), "Invalid system.sched_rr value"),
    "system.move_to_root_cgroup": (("yes", "no", "auto"), "Invalid system.move_to_root_cgroup"),
    "system.allow_knet_handle_fallback": (("yes", "no"), "Invalid system.allow_knet_handle_fallback"),
}

# What a simulated node has in /etc/passwd and /etc/group: Debian bookworm's base-passwd, systemd, dbus and
# openssh's users, and pacemaker's hacluster/haclient.
_USERS = {"root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "uucp", "proxy", "www-data",
          "backup", "list", "irc", "_apt", "nobody", "systemd-network", "systemd-timesync", "messagebus", "sshd",
          "hacluster"}
_GROUPS = {"root", "daemon", "bin", "sys", "adm", "tty", "disk", "lp", "mail", "news", "uucp", "man", "proxy", "kmem",
           "dialout", "fax", "voice", "cdrom", "floppy", "tape", "sudo", "audio", "dip", "www-data", "backup",
           "operator", "list", "irc", "src", "shadow", "utmp", "video", "sasl", "plugdev", "staff", "games", "users",
           "nogroup", "systemd-journal", "systemd-network", "systemd-timesync", "messagebus", "_ssh", "haclient"}

_BLANK = " \t"  # only these: a UTF-8 no-break space is two other bytes
ICMAP_KEYNAME_MAXLEN = 256
_KEEPING_STATE = {"nodelist.node", "logging.logger_subsys", "logging.logging_daemon"}


class CorosyncConfigError(ValueError):
    """The configuration corosync would refuse, with corosync's own message."""


def _integer_error(key_name: str, value: str, bounds: tuple[int, int]) -> str | None:
    """safe_atoq: strtoll in base 10 over the whole value, then the type's range."""
    low, high = bounds
    if re.fullmatch(r"\s*[+-]?\d+", value) and low <= int(value) <= high:
        return None
    return f'Value of key "{key_name}" is expected to be integer in range ({low}..{high}), but "{value}" was given'


ASSERTION = ("corosync: coroparse.c:1477: main_config_parser_cb: Assertion `safe_atoq_range(val_type, &min_val, "
             "&max_val) == 0' failed.")


# Measured (corosync 3.1.7 aborts, exit 134): the end of any subsection of an interface section stores the
# interface's options so far (its SECTION_END has no path check) and frees its knet_transport; a second store
# of the same knet_transport frees it again.
DOUBLE_FREE = "free(): double free detected in tcache 2"
_CRASHES = (ASSERTION, DOUBLE_FREE)
# what an interface's end stores under totem.interface.LINKNUMBER; the strings are cleared once stored
_INTERFACE_STORED = ("bindnetaddr", "mcastaddr", "broadcast", "mcastport", "ttl", "knet_link_priority",
                     "knet_ping_interval", "knet_ping_timeout", "knet_ping_precision", "knet_pong_count",
                     "knet_transport")
_INTERFACE_CLEARED = ("bindnetaddr", "mcastaddr", "broadcast")


def _unsigned_64_ok(value: str) -> bool:
    """str_to_ull: strtoull accepts a sign (a negative wraps around), nothing after the digits. On a refusal
    corosync 3.1.7 reaches a failed assertion instead of its message and aborts (exit 134): ASSERTION."""
    return bool(re.fullmatch(r"\s*[+-]?\d+", value)) and abs(int(value)) <= 18446744073709551615


def _generic(path: str) -> str:
    return re.sub(r"\.\d+(?=\.)", "", path)


def _resources_type(path: str) -> str | None:
    """Which typed resources key `path` is. Measured: coroparse types them by key name in the state of the
    section they sit in, and a subsection keeps its parent's state unless it is one of the known ones:
    poll_period anywhere under resources.system or resources.process, watchdog_timeout anywhere else."""
    parts = path.split(".")
    if parts[0] != "resources" or len(parts) < 2:
        return None
    monitored = len(parts) > 2 and parts[1] in ("system", "process")
    if parts[-1] == "poll_period" and monitored or parts[-1] == "watchdog_timeout" and not monitored:
        return parts[-1]
    return None


def check_item(path: str, key_name: str, value: str) -> str | None:
    """The typing main_config_parser_cb does for one `key: value` (path without numbers)."""
    if path in INTEGER_KEYS:
        return _integer_error(key_name, value, INTEGER_KEYS[path])
    if path == "totem.config_version" or _resources_type(path) == "poll_period":
        return None if _unsigned_64_ok(value) else ASSERTION
    if _resources_type(path) == "watchdog_timeout":
        return _integer_error(key_name, value, _UINT32)
    if path in ENUM_KEYS:
        allowed, message = ENUM_KEYS[path]
        return None if value in allowed else message
    if path.startswith("uidgid"):
        return _uidgid_error(path, value)
    if path.startswith("totem.interface.member.") and not path.endswith(".memberaddr"):  # subsections: measured
        return "Only memberaddr is allowed in member section"
    return None


def _icmap_name_error(key_name: str) -> str | None:
    """icmap_check_key_name(): 3 to 255 characters of letters, digits and `._-/:` (measured: an empty key
    inside a section is stored as `totem.`; at the top it is too short)."""
    if 3 <= len(key_name) <= 255 and re.fullmatch(r"[a-zA-Z0-9._/:-]+", key_name):
        return None
    return f'Can\'t store key "{key_name}" into icmap, returned error is CS_ERR_NAME_TOO_LONG'


def _uidgid_error(path: str, value: str) -> str | None:
    key = path.rsplit(".", 1)[1]  # measured: uidgid's subsections are read as uidgid itself
    if key in ("uid", "gid") and re.fullmatch(r"\+?\d+", value) and int(value) < 1 << 32:
        return None  # measured: a number is taken as the id itself (-1, 0x10, 4294967296 are not)
    if key == "uid":
        return None if value in _USERS else \
            f"The '{value}' user is not found in /etc/passwd, please read the documentation."
    if key == "gid":
        return None if value in _GROUPS else \
            f"The '{value}' group is not found in /etc/group, please read the documentation."
    return "uidgid: Only uid and gid are allowed items"


def _remove_whitespace(text: str, colon_and_brace: bool = False) -> str:
    """coroparse's remove_whitespace(): never strips the first remaining character."""
    text = text.lstrip(_BLANK)
    end = len(text)
    while end > 1 and (text[end - 1] in _BLANK or colon_and_brace and text[end - 1] in ":{"):
        end -= 1
    return text[:end]


def _split_at(line: str, byte: str) -> tuple[str, str]:
    """strchr_rs() and the `*(loc-1) = 0` after it: what is left of the cut, and what follows it."""
    after = line.index(byte) + 1
    while after < len(line) and line[after] in _BLANK:
        after += 1
    return line[:after - 1], line[after:]


class _Reader:
    """parse_section() of coroparse.c, building the tree instead of icmap."""

    def __init__(self, path: str) -> None:
        self.file = path
        self.root: Tree = {}
        self.lines_of: dict[str, int] = {}
        self.stack: list[tuple[str, Tree, str]] = [("", self.root, "")]  # (path, node, numbered path)
        self.counters: dict[str, int] = {}
        self.nested = 0  # subsections open inside the current _KEEPING_STATE section
        self.names: list[str] = []  # the open sections as written: coroparse's path for its length checks
        self.transport_freed: list[Tree] = []  # interfaces whose knet_transport a store has freed
        self.line = 0

    def fail(self, reason: str) -> CorosyncConfigError:
        return CorosyncConfigError(reason if reason in _CRASHES else f"parser error: {self.file}:{self.line}: {reason}")

    def read(self, text: str) -> None:
        lines = text.split("\n")
        if text.endswith("\n"):
            lines.pop()
        ends_without_newline = not text.endswith("\n")
        for self.line, raw in enumerate(lines, start=1):
            if len(raw.encode()) > 510:  # fgets into 512 bytes: what is left of the line (its \r too) did not fit
                raise self.fail("Line too long")
            if "\x00" in raw:  # C strings end there: the line seems cut short, unless it is empty or the last
                raw = raw[:raw.index("\x00")]
                if raw and not (ends_without_newline and self.line == len(lines)):
                    raise self.fail("Line too long")
            line = raw[:-1] if raw.endswith("\r") else raw
            line = line.rstrip(_BLANK)
            content = line.lstrip(_BLANK)
            if not content or content.startswith("#"):
                continue
            self._line(line)
        if len(self.stack) > 1:
            raise self.fail("Missing closing brace")

    def _line(self, line: str) -> None:
        if "{" in line:
            before, after = _split_at(line, "{")
            section = _remove_whitespace(before, colon_and_brace=True)
            if not section:
                raise self.fail("Missing section name before opening bracket '{'")
            if _remove_whitespace(after):
                raise self.fail("Extra characters after opening bracket '{'")
            if self._too_long(section):
                raise self.fail("Start of section makes total cmap path too long")
            self.names.append(section)
            self._open(section)
        elif ":" in line:
            before, after = _split_at(line, ":")
            key = _remove_whitespace(before, colon_and_brace=True)
            if self._too_long(key):
                raise self.fail("New key makes total cmap path too long")
            self._item(key, _remove_whitespace(after))
        elif "}" in line:
            if _remove_whitespace(line) != "}":
                raise self.fail("Extra characters before or after closing bracket '}'")
            if len(self.stack) == 1:
                raise self.fail("Unexpected closing brace")
            self._close()
            self.names.pop()
        else:
            raise self.fail("Line is not opening or closing section or key value")

    def _too_long(self, name: str) -> bool:
        """Measured: strlen(path) + strlen(name) + 2 >= ICMAP_KEYNAME_MAXLEN (at the top level too), path being
        the open sections' names."""
        return len(".".join(self.names).encode()) + len(name.encode()) + 2 >= ICMAP_KEYNAME_MAXLEN

    def _open(self, section: str) -> None:
        path, node, numbered = self.stack[-1]
        new_path = f"{path}.{section}" if path else section
        if new_path == "nodelist":
            self.counters["nodelist.node"] = 0
        if path in _KEEPING_STATE:  # measured: a subsection here is read as the section itself
            self.stack.append((path, node, numbered))
            self.nested += 1
            return
        child: Tree = {}
        if section in REPEATED_SECTIONS:
            siblings = node.setdefault(section, [])
            index = self.counters.get(new_path, 0) if new_path == "nodelist.node" else len(siblings)
            while len(siblings) <= index:  # a second nodelist numbers its nodes from 0 again: same icmap keys
                siblings.append({})
            child = siblings[index]
            child_numbered = f"{numbered}.{section}.{index}" if numbered else f"{section}.{index}"
        else:
            existing = node.get(section)
            child = existing if isinstance(existing, dict) else child
            node[section] = child
            child_numbered = f"{numbered}.{section}" if numbered else section
        self.stack.append((new_path, child, child_numbered))

    def _item(self, key: str, value: str) -> None:
        path, node, numbered = self.stack[-1]
        full = f"{path}.{key}" if path else key
        key_name = f"{numbered}.{key}" if path.startswith("nodelist.node") else full
        error = check_item(full, key_name, value) or _icmap_name_error(key_name)
        if error:
            raise self.fail(error)
        node[key] = value
        if path == "totem.interface" and key == "knet_transport":  # a new string
            self.transport_freed = [freed for freed in self.transport_freed if freed is not node]
        self.lines_of[f"{numbered}.{key}" if numbered else key] = self.line

    def _close(self) -> None:
        path, node, _ = self.stack.pop()
        if path.startswith("totem.interface.") and path != "totem.interface.member":
            self._store_interface()
        if path == "totem.interface" and any(freed is node for freed in self.transport_freed) \
                and "knet_transport" in node:
            raise self.fail(DOUBLE_FREE)
        if path == "logging.logger_subsys" and "subsys" not in node:
            raise self.fail("No subsys key in logger_subsys directive")
        if path == "logging.logger_subsys":  # stored at the close as logging.logger_subsys.SUBSYS.KEY
            for key in node:
                error = None if key == "subsys" else _icmap_name_error(f"{path}.{node['subsys']}.{key}")
                if error:
                    raise self.fail(error)
        if path == "logging.logging_daemon" and "name" not in node:
            raise self.fail("No name key in logging_daemon directive")
        if path == "nodelist.node":  # measured: any section's end in a node moves on to the next node number
            self.counters["nodelist.node"] = self.counters.get("nodelist.node", 0) + 1
        if path in _KEEPING_STATE and self.nested:
            self.nested -= 1
            if path == "nodelist.node":  # the rest of the enclosing node fills the next node
                self._next_node()
            return

    def _store_interface(self) -> None:
        """The end of a subsection of an interface: what the interface holds so far is stored as an interface
        section of its own (kept before the interface's own, which its end stores again)."""
        interface = next(node for path, node, _ in self.stack if path == "totem.interface")
        if "knet_transport" in interface:
            if any(freed is interface for freed in self.transport_freed):
                raise self.fail(DOUBLE_FREE)
            self.transport_freed.append(interface)
        siblings = self.stack[1][1]["interface"]  # the totem section's interfaces
        stored = {key: interface[key] for key in ("linknumber", *_INTERFACE_STORED) if key in interface}
        siblings.insert(next(index for index, sibling in enumerate(siblings) if sibling is interface), stored)
        for key in _INTERFACE_CLEARED:
            interface.pop(key, None)

    def _next_node(self) -> None:
        nodelist = next(node for path, node, _ in self.stack if path == "nodelist")
        siblings = nodelist["node"]
        index = self.counters["nodelist.node"]
        while len(siblings) <= index:
            siblings.append({})
        self.stack = [(path, siblings[index], f"nodelist.node.{index}") if path == "nodelist.node" else entry
                      for entry in self.stack for path in [entry[0]]]


def parse(text: str, path: str) -> tuple[Tree, dict[str, int]]:
    """The tree of a corosync.conf and each key's line number, or the CorosyncConfigError corosync gives."""
    reader = _Reader(path)
    reader.read(text)
    return reader.root, reader.lines_of


def generic(path: str) -> str:
    """`nodelist.node.2.nodeid` -> `nodelist.node.nodeid`."""
    return _generic(path)
