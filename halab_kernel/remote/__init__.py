"""Real clusters over SSH: `SshBackend`, and `halab rig` to make one on this machine."""

from halab_kernel.remote.backend import SshBackend
from halab_kernel.remote.injector import FaultsNotAllowed
from halab_kernel.remote.ssh import HostKeyRefused, NodeTimeout, RemoteError

__all__ = ["FaultsNotAllowed", "HostKeyRefused", "NodeTimeout", "RemoteError", "SshBackend"]
