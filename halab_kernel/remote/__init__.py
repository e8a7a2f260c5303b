"""Real clusters over SSH: `SshBackend`, and `halab rig` to make one on this machine.

Names are imported on first use, so that the rig's per-node PID 1
(`remote.rig.node_init`) does not load paramiko and the backend.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "SshBackend": "halab_kernel.remote.backend",
    "FaultsNotAllowed": "halab_kernel.remote.injector",
    "HostKeyRefused": "halab_kernel.remote.ssh",
    "NodeTimeout": "halab_kernel.remote.ssh",
    "RemoteError": "halab_kernel.remote.ssh",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'halab_kernel.remote' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
