"""`halab course`: open the course in JupyterLab with the HA Lab kernel, on the simulator."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

REPO_COURSE = Path(__file__).resolve().parents[1] / "course"


def course_folder(explicit: str | None) -> Path:
    """The folder to open: the one named, ./course, or the checkout's course/."""
    for candidate in (explicit, "course", str(REPO_COURSE)):
        if candidate and Path(candidate).is_dir():
            return Path(candidate).resolve()
    raise SystemExit("halab course: no course folder found (run it from the halab checkout, or name the folder)")


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="halab course", description=__doc__)
    parser.add_argument("folder", nargs="?", help="the course folder (default: ./course or the checkout's)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser (print the URL)")
    parser.add_argument("--port", type=int, default=8888)
    parser.add_argument("--ip", default="127.0.0.1", help="address to listen on (default: loopback only)")
    args = parser.parse_args(list(argv))
    folder = course_folder(args.folder)

    from halab_kernel.kernelspec import install

    install(prefix=sys.prefix)  # the HA Lab kernel, in this environment, pointing at this Python
    command = [sys.executable, "-m", "jupyterlab", f"--notebook-dir={folder}", f"--ServerApp.ip={args.ip}",
               f"--ServerApp.port={args.port}"]
    if args.no_browser:
        command.append("--no-browser")
    if os.geteuid() == 0:
        command.append("--allow-root")
    print(f"Opening the course in {folder} (kernel: HA Lab (Python 3), backend: simulator)", flush=True)
    os.execv(sys.executable, command)
    return 0  # not reached: execv replaces this process
