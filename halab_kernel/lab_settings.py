"""Jupyter settings for the two ways the course opens: self-study and an instructor on one machine.

nbgrader installs all its tools everywhere. Alone (`halab course`, Binder) a
student has no course to manage and no exchange to fetch from: Formgrader,
Create Assignment, the course list and the assignment list would only show
errors, and their server extensions log "No nbgrader_config.py file found"
or "Unwritable directory ... exchange" at start-up. An instructor on one
machine (`halab course --instructor`) grades in the Formgrader but has no
exchange either (that is a hub's: docs/instructors.md). The Validate button
stays for both; the Check buttons in the notebooks are the self-study grading.

`write_config(folder, instructor=...)` writes these settings as a Jupyter
configuration folder: `halab course` puts one in front of JUPYTER_CONFIG_PATH
for its server, Binder's postBuild writes the self-study ones into the image's
environment (`{sys.prefix}/etc/jupyter`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

# nbgrader's release/fetch/submit tools: they need a shared exchange folder (a hub's).
EXCHANGE_SERVER_EXTENSIONS = ("nbgrader.server_extensions.assignment_list", "nbgrader.server_extensions.course_list")
EXCHANGE_LAB_PLUGINS = ("@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:course-list")
# nbgrader's instructor tools.
INSTRUCTOR_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader",)
INSTRUCTOR_LAB_PLUGINS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                          "@jupyter/nbgrader:menu")
# JupyterLab's own settings: no "news" toast over the first notebook; notebooks saved with their
# widgets' state, so a saved notebook reopened without its kernel still shows the dashboard.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": True},
}


def kernel_encryption() -> dict[str, Any]:
    """KernelManager settings that encrypt kernel traffic (CurveZMQ) where jupyter_client and pyzmq can.

    The HA Lab kernelspec declares Curve support; with `transport_encryption = "auto"` the
    kernel manager gives each kernel its keys, and ipykernel 7 stops warning at every start
    that its loopback sockets are plain text. Empty where the installed jupyter_client has no
    such setting or pyzmq was built without Curve (the setting would then refuse to load).
    """
    try:
        import zmq
        from jupyter_client.manager import KernelManager
    except ImportError:
        return {}
    if not zmq.has("curve") or not KernelManager.class_traits().get("transport_encryption"):
        return {}
    settings: dict[str, Any] = {"KernelManager": {"transport_encryption": "auto"}}  # nbclient, nbgrader
    try:
        from jupyter_server.services.kernels.kernelmanager import MappingKernelManager
    except ImportError:
        return settings
    if MappingKernelManager.class_traits().get("transport_encryption"):  # a Jupyter server's kernels
        settings["MappingKernelManager"] = {"transport_encryption": "auto"}
    return settings


def write_config(folder: Path, *, instructor: bool = False) -> Path:
    """Write the settings into the Jupyter configuration folder `folder`: the exchange tools off,
    nbgrader's instructor tools off too unless `instructor`, kernel traffic encrypted."""
    server_off = EXCHANGE_SERVER_EXTENSIONS + (() if instructor else INSTRUCTOR_SERVER_EXTENSIONS)
    lab_off = EXCHANGE_LAB_PLUGINS + (() if instructor else INSTRUCTOR_LAB_PLUGINS)
    server = folder / "jupyter_server_config.d"
    server.mkdir(parents=True, exist_ok=True)
    (server / "zz-halab.json").write_text(  # zz: read after nbgrader.json, which enables them all
        json.dumps({"ServerApp": {"jpserver_extensions": {name: False for name in server_off}}}, indent=2) + "\n")
    # jupyter_server 2 pings websockets every 30 s but gives them 90 s to answer, which tornado 6.5
    # refuses with a warning at the first notebook a student opens: ask for what tornado applies anyway.
    quiet_websockets = {"ServerApp": {"tornado_settings": {"ws_ping_timeout": 30000}}}
    _merge_json(folder / "jupyter_server_config.json",  # traitlets reads this file (not the .d folder)
                {**kernel_encryption(), **quiet_websockets})
    labconfig = folder / "labconfig"
    labconfig.mkdir(parents=True, exist_ok=True)
    page_config = labconfig / "page_config.json"
    current = json.loads(page_config.read_text()) if page_config.exists() else {}
    current["disabledExtensions"] = {**current.get("disabledExtensions", {}), **{plugin: True for plugin in lab_off}}
    page_config.write_text(json.dumps(current, indent=2) + "\n")
    return folder


def _merge_json(path: Path, settings: dict[str, Any]) -> None:
    current = json.loads(path.read_text()) if path.exists() else {}
    for section, values in settings.items():
        current[section] = {**current.get(section, {}), **values}
    path.write_text(json.dumps(current, indent=2) + "\n")


def write_lab_settings(settings: Path) -> Path:
    """JupyterLab's overrides.json in its application settings folder `settings`."""
    settings.mkdir(parents=True, exist_ok=True)
    overrides = settings / "overrides.json"
    overrides.write_text(json.dumps(LAB_SETTINGS) + "\n")
    return overrides


def main(argv: list[str] | None = None) -> int:
    """Binder's postBuild: the self-study settings into this environment, opening FIRST_NOTEBOOK."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m halab_kernel.lab_settings", description=main.__doc__)
    parser.add_argument("first_notebook", help="the notebook JupyterLab opens at start (a path from its root)")
    args = parser.parse_args(argv)
    config = write_config(Path(sys.prefix) / "etc" / "jupyter")
    opening = {"ServerApp": {"default_url": f"/lab/tree/{args.first_notebook}"}}
    (config / "jupyter_server_config.d" / "zz-halab-open.json").write_text(json.dumps(opening, indent=2) + "\n")
    write_lab_settings(Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings")
    print(f"Self-study edition: nbgrader's instructor tools off, opening {args.first_notebook} ({config})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
