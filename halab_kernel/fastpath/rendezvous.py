"""Where the resident server listens, and which commands and environments it may serve.

Imported by the `halab` command before anything else, so it uses only `os`, `sys` and `zlib`
(no `typing`, no `socket`: each costs milliseconds a C tool does not pay).

A server serves one installation (this package's folder, this Python) under one I/O
environment (the locale and PYTHON* variables and interpreter flags that decide how Python
encodes stdout and what it imports): a process started differently gets its own server, so
what the server's child prints is what a fresh process would print.
"""

from __future__ import annotations

import os
import sys
import zlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Sequence

# The tool emulations: they never prompt, and read stdin only as data. The course's own
# commands (course, grade, book, install-kernel, rig, server) always run directly.
SERVED_COMMANDS = ("run", "crm_simulate", "pcs")

# What Python reads at start-up to decide stdio encodings, import paths and warnings.
STARTUP_VARIABLES = ("LC_ALL", "LC_CTYPE", "LANG", "PYTHONIOENCODING", "PYTHONUTF8", "PYTHONPATH",
                     "PYTHONWARNINGS", "PYTHONDEVMODE", "PYTHONOPTIMIZE", "PYTHONUNBUFFERED",
                     "PYTHONSAFEPATH", "PYTHONHASHSEED")

DEFAULT_IDLE_SECONDS = 600.0


def wanted(argv: Sequence[str]) -> bool:
    """Whether this command line may go to a server: a tool command, not switched off by
    HALAB_NO_SERVER, and not inside a pytest run unless the test named its own folder
    (a test's `halab` subprocess must not leave a server behind)."""
    return bool(argv) and argv[0] in SERVED_COMMANDS and allowed()


def allowed() -> bool:
    """Servers are not switched off by HALAB_NO_SERVER, and this is not a pytest run that did not
    name its own folder (a test's subprocess must not leave a server behind)."""
    if os.environ.get("HALAB_NO_SERVER"):
        return False
    return "PYTEST_CURRENT_TEST" not in os.environ or "HALAB_SERVER_DIR" in os.environ


def server_folder() -> str:
    """HALAB_SERVER_DIR, else $XDG_RUNTIME_DIR/halab, else /tmp/halab-UID."""
    explicit = os.environ.get("HALAB_SERVER_DIR")
    if explicit:
        return explicit
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return os.path.join(runtime, "halab") if runtime else f"/tmp/halab-{os.getuid()}"


def is_private(folder: str) -> bool:
    """The folder is ours and nobody else may enter it (else its socket could be anyone's)."""
    try:
        status = os.stat(folder)
    except OSError:
        return False
    return status.st_uid == os.getuid() and status.st_mode & 0o077 == 0


def installation_key() -> str:
    """Eight hex digits naming this installation and I/O environment (see the module's docstring)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    flags = sys.flags
    unbuffered = getattr(sys.stdout, "write_through", None)  # -u: sys.flags does not say it
    parts = [sys.executable, package, repr(sys.warnoptions), repr(sorted(sys._xoptions.items())),
             repr((flags.optimize, flags.dev_mode, flags.utf8_mode, unbuffered, flags.bytes_warning,
                   flags.ignore_environment, flags.no_site, flags.no_user_site)),
             *(f"{name}={os.environ.get(name, '')}" for name in STARTUP_VARIABLES)]
    return f"{zlib.crc32(os.fsencode(chr(0).join(parts))):08x}"


def socket_path(folder: str, key: str) -> str:
    return os.path.join(folder, f"{key}.sock")


def lock_path(folder: str, key: str) -> str:
    """The server holds an exclusive lock on this file while it lives; it contains its pid."""
    return os.path.join(folder, f"{key}.lock")
