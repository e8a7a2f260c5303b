"""Starting and stopping a real `halab course` server on loopback, bounded in time."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

TOKEN = "halab-test-token"
REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "course"


def require_halab_kernel() -> None:
    import pytest
    from jupyter_client.kernelspec import find_kernel_specs

    if "halab" not in find_kernel_specs():
        pytest.skip("the 'halab' kernelspec is not installed (run: halab install-kernel --sys-prefix)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, path: str, timeout: float = 10) -> tuple[int, bytes]:
    """GET http://127.0.0.1:PORT/PATH with the test token: (status, body)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"token {TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def post_json(port: int, path: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def run_code(port: int, kernel_id: str, code: str, timeout: float = 120) -> str:
    """Run `code` in a kernel of the server, through its websocket as JupyterLab does; its printed text."""
    import uuid

    import websocket  # websocket-client, a jupyter_server dependency

    channel = websocket.create_connection(f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?token={TOKEN}&session_id={uuid.uuid4().hex}",
                                          timeout=timeout)
    try:
        header = {"msg_id": uuid.uuid4().hex, "username": "test", "session": uuid.uuid4().hex,
                  "msg_type": "execute_request", "version": "5.3"}
        channel.send(json.dumps({"header": header, "parent_header": {}, "metadata": {}, "channel": "shell",
                                 "content": {"code": code, "silent": False}}))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = json.loads(channel.recv())
            if message.get("msg_type") == "stream" and message["parent_header"].get("msg_id") == header["msg_id"]:
                return message["content"]["text"].strip()
        raise AssertionError(f"no output from the kernel in {timeout:.0f} s")
    finally:
        channel.close()


def get_json(port: int, path: str) -> Any:
    status, body = get(port, path)
    assert status == 200, f"GET {path}: HTTP {status}\n{body[:500]!r}"
    return json.loads(body)


@contextmanager
def running_course(command: Sequence[str], cwd: Path, env: dict[str, str], port: int, log: Path,
                   startup: float = 240) -> Iterator[subprocess.Popen]:
    """Run `halab course ...` (its own process group) until the server answers; stop it afterwards."""
    env = {**env, "JUPYTER_TOKEN": TOKEN}
    with log.open("w") as output:
        server = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        deadline = time.monotonic() + startup
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise AssertionError(f"halab course exited with {server.returncode}:\n{log.read_text()[-3000:]}")
            try:
                if get(port, "/api/status", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(1)
        else:
            raise AssertionError(f"no server on port {port} after {startup:.0f} s:\n{log.read_text()[-3000:]}")
        yield server
    finally:
        stop(server)


def stop(process: subprocess.Popen) -> None:
    """End a server started in its own process group, and what it started (kernels, proxy, services)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def index_reachable() -> bool:
    """Whether pip can reach the package index (tests that install into a clean venv skip otherwise)."""
    try:
        socket.create_connection(("pypi.org", 443), timeout=5).close()
        return True
    except OSError:
        return False


def alarming_lines(log: Path) -> list[str]:
    """Server and kernel log lines at WARNING or worse ([W], [E], [C], "WARNING |"), and tracebacks."""
    return [line for line in log.read_text(errors="replace").splitlines()
            if line.startswith(("[W ", "[E ", "[C ")) or "WARNING |" in line or "Traceback" in line]
