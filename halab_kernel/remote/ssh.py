"""One SSH connection per node, on paramiko: strict host keys, keys or agent only, timeouts.

A connection is opened on first use and then reused (a new channel per
command costs one round trip; a new connection costs a key exchange). The
socket has TCP_NODELAY, which takes ~50 ms off each small command. A node that
stops answering fails the call within its timeout; the connection is then
dropped and retried only after a short back-off, so one dead node does not
slow down every snapshot of the others. A command that is merely slow (the
node still opened a session for it) loses its channel, not the connection.
"""

from __future__ import annotations

import select
import shlex
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, NoReturn

import paramiko

from halab_kernel.model import CommandResult
from halab_kernel.remote.inventory import Host

RETRY_AFTER = 5.0  # seconds before a failed node is tried again
KEEPALIVE = 15  # seconds between SSH keepalives on an idle connection
SSH_FAILURE = 255  # the exit status OpenSSH's client uses for its own errors
OUTPUT_LIMIT = 4 << 20  # bytes of output kept per command (stdout + stderr): `yes` must not fill the memory
OUTPUT_CUT = 141  # exit status of a command stopped at the output limit: its pipe closed (128 + SIGPIPE)
STOPPED = 124  # exit status of a streamed command stopped at its timeout, as timeout(1) gives
SOURCES = {1: "stdout", 2: "stderr"}


def cut_marker(limit: int) -> str:
    return f"\n[halab: output cut after {limit} bytes; the command was stopped. Filter it on the node (| head, | tail, grep)]\n"


@dataclass(frozen=True)
class OutputLine:
    """One line of a streamed command: `source` is stdout or stderr; the last one is "exit" with `end` = exit status."""

    source: str
    text: str
    end: int | None = None


class RemoteError(Exception):
    """The node could not be reached or did not answer; the message says which and why."""


class HostKeyRefused(RemoteError):
    """The node's host key is unknown or does not match known_hosts: we never connect blindly."""


class NodeTimeout(RemoteError, TimeoutError):
    """The node did not answer within the call's timeout."""


def as_root(command: str, user: str) -> str:
    """The command line to send: wrapped in non-interactive sudo unless we log in as root."""
    return command if user == "root" else f"sudo -n -- sh -c {shlex.quote(command)}"


class NodeConnection:
    """The SSH connection to one node, opened lazily, reused, reopened after a failure."""

    def __init__(self, host: Host, *, user: str, key: Path | None, known_hosts: Path, timeout: float,
                 output_limit: int = OUTPUT_LIMIT) -> None:
        self.host = host
        self.output_limit = output_limit
        self.user = user
        self.key = key
        self.known_hosts = known_hosts
        self.timeout = timeout
        self._client: paramiko.SSHClient | None = None
        self._lock = threading.RLock()  # re-entered by a signal handler healing at exit (exit_hooks.py)
        self._failed_at: float | None = None
        self._last_error = ""

    # --- connecting ------------------------------------------------------
    def _connect(self) -> paramiko.SSHClient:
        client = paramiko.SSHClient()
        try:
            client.load_host_keys(str(self.known_hosts))
        except OSError as error:
            raise HostKeyRefused(f"{self.host.name}: cannot read known_hosts {self.known_hosts}: {error.strerror}")
        client.set_missing_host_key_policy(paramiko.RejectPolicy())
        sock = socket.create_connection((self.host.address, self.host.port), timeout=self.timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            client.connect(
                self.host.address,
                port=self.host.port,
                username=self.user,
                key_filename=str(self.key) if self.key else None,
                allow_agent=self.key is None,
                look_for_keys=self.key is None,
                sock=sock,
                timeout=self.timeout,
                banner_timeout=self.timeout,
                auth_timeout=self.timeout,
                channel_timeout=self.timeout,
            )
        except paramiko.BadHostKeyException as error:
            sock.close()
            raise HostKeyRefused(
                f"{self.host.name} ({self.host.address}): host key does not match {self.known_hosts}: "
                f"got {error.key.get_name()} {error.key.fingerprint}. Someone may be intercepting the "
                "connection, or the node was reinstalled; check before removing the old key."
            ) from None
        except paramiko.SSHException as error:
            sock.close()
            if "not found in known_hosts" in str(error):
                target = self.host.address if self.host.port == 22 else f"[{self.host.address}]:{self.host.port}"
                raise HostKeyRefused(
                    f"{self.host.name} ({self.host.address}): unknown host key, refused (strict host-key "
                    f"checking). To trust it, compare its fingerprint with the node's own "
                    f"(`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the node), then run: "
                    f"ssh-keyscan -p {self.host.port} {self.host.address} >> {self.known_hosts}   ({target})"
                ) from None
            raise
        transport = client.get_transport()
        assert transport is not None
        transport.set_keepalive(KEEPALIVE)
        return client

    def _transport(self) -> paramiko.Transport:
        with self._lock:
            transport = self._client.get_transport() if self._client else None
            if transport and transport.is_active():
                return transport
            if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_AFTER:
                raise RemoteError(f"{self.host.name}: not reachable ({self._last_error}); retrying shortly")
            self.close()
            try:
                self._client = self._connect()
            except HostKeyRefused:
                raise
            except (OSError, paramiko.SSHException, EOFError) as error:
                self._fail(f"cannot connect to {self.host.address}:{self.host.port}: {error or type(error).__name__}")
            self._failed_at = None
            transport = self._client.get_transport()
            assert transport is not None
            return transport

    def _fail(self, reason: str, error: type[RemoteError] = RemoteError) -> NoReturn:
        """Drop the connection, remember why, and raise: the next call reconnects after a back-off."""
        self._failed_at = time.monotonic()
        self._last_error = reason
        self.close()
        raise error(f"{self.host.name}: {reason}")

    # --- running ---------------------------------------------------------
    def execute(self, command: str, timeout: float | None = None, limit: int | None = None) -> CommandResult:
        """Run one command line on the node and collect what it prints (at most `limit` bytes).

        Raises RemoteError/NodeTimeout if the node cannot answer. A connection
        cut while the command ran (the node died) gives exit status 255 with
        the reason on stderr, after whatever the command had printed. Output
        beyond the limit is not kept: the command is stopped (its pipe closed,
        as `| head -c` would) and a marker line says so; exit status 141.
        """
        limit = self.output_limit if limit is None else limit
        channel, deadline, seconds = self._open(command, timeout)
        output = {1: bytearray(), 2: bytearray()}
        with channel:
            for source, data in self._pieces(channel, command, deadline, seconds):
                room = limit - len(output[1]) - len(output[2])
                output[source] += data[:max(0, room)]
                if len(data) > room:
                    output[source] += cut_marker(limit).encode()
                    return self._result(output, OUTPUT_CUT)
            rc = channel.recv_exit_status()
        if rc == -1:  # the channel closed without an exit status: the connection died under the command
            output[2] += self._lost(command).encode()
            rc = SSH_FAILURE
        return self._result(output, rc)

    def stream(self, command: str, timeout: float) -> Iterator[OutputLine]:
        """The lines a long command prints, as they come; the last item is its exit status (`OutputLine.end`).

        Nothing is accumulated, so there is no output bound; the command is
        stopped after `timeout` seconds (exit status 124, as `timeout(1)` gives).
        """
        channel, deadline, seconds = self._open(command, timeout)
        partial = {1: b"", 2: b""}
        rc = 0
        with channel:
            try:
                for source, data in self._pieces(channel, command, deadline, seconds):
                    *lines, partial[source] = (partial[source] + data).split(b"\n")
                    for line in lines:
                        yield OutputLine(SOURCES[source], line.decode(errors="replace"))
                rc = channel.recv_exit_status()
            except NodeTimeout:
                partial[2] += f"[halab: stopped after {seconds:g} s]".encode()
                rc = STOPPED
        if rc == -1:
            partial[2] += self._lost(command).strip().encode()
            rc = SSH_FAILURE
        for source, rest in partial.items():
            if rest:
                yield OutputLine(SOURCES[source], rest.decode(errors="replace"))
        yield OutputLine("exit", str(rc), end=rc)

    def _open(self, command: str, timeout: float | None) -> tuple[paramiko.Channel, float, float]:
        seconds = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + seconds
        transport = self._transport()
        try:
            channel = transport.open_session(timeout=seconds)
            channel.exec_command(as_root(command, self.user))
        except (OSError, paramiko.SSHException, EOFError) as error:
            with self._lock:
                if time.monotonic() >= deadline:
                    self._fail(f"no answer within {seconds:g} s", NodeTimeout)
                self._fail(f"cannot open a session: {error or type(error).__name__}")
        return channel, deadline, seconds

    def _pieces(self, channel: paramiko.Channel, command: str, deadline: float,
                seconds: float) -> Iterator[tuple[int, bytes]]:
        """(1 for stdout | 2 for stderr, bytes) as they arrive, until the command ends or the deadline passes."""
        while True:
            while channel.recv_ready():
                yield 1, channel.recv(65536)
            while channel.recv_stderr_ready():
                yield 2, channel.recv_stderr(65536)
            finished = channel.exit_status_ready() and (channel.eof_received or channel.closed)
            if finished and not channel.recv_ready() and not channel.recv_stderr_ready():
                return
            remaining = deadline - time.monotonic()
            if remaining <= 0:  # the node answers SSH but the command is slow: drop only this channel
                raise NodeTimeout(f"{self.host.name}: `{command[:60]}` did not finish within {seconds:g} s")
            select.select([channel], [], [], min(remaining, 0.25))

    def _lost(self, command: str) -> str:
        """Forget the dead connection (the next call reconnects after a back-off) and say why in ssh's words."""
        reason = f"connection to {self.host.address} lost while `{command[:60]}` ran (the node died or was cut off)"
        with self._lock:
            self._failed_at = time.monotonic()
            self._last_error = reason
            self.close()
        return f"ssh: {self.host.name}: {reason}\n"

    @staticmethod
    def _result(output: dict[int, bytearray], rc: int) -> CommandResult:
        return CommandResult(output[1].decode(errors="replace"), output[2].decode(errors="replace"), rc)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
