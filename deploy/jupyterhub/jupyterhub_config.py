"""JupyterHub for an HA Lab class: students in JupyterLab, the instructors' Formgrader as a hub service.

One machine (or the hub pod of deploy/kubernetes/values.yaml). Everything a
class changes comes from the environment, so this file is used as it is:

  HALAB_COURSE_ID        nbgrader course id, also the Formgrader service's name   (halab)
  HALAB_COURSE_ROOT      the instructors' nbgrader course root (nbgrader_config.py, source/)
                                                                                   (/srv/halab/course)
  HALAB_EXCHANGE         nbgrader's exchange, shared by everyone (mode 1777)      (/srv/nbgrader/exchange)
  HALAB_INSTRUCTORS      comma-separated user names: Formgrader, hub admin rights
  HALAB_STUDENTS         comma-separated user names allowed to log in
  HALAB_GRADER_USER      the system account the Formgrader runs as (default: the hub's own)
  HALAB_FORMGRADER_PORT  loopback port of the Formgrader service                  (9999)
  HALAB_MEM_LIMIT, HALAB_CPU_LIMIT   per-student limits                           (1G, 0.5)

See docs/instructors.md ("JupyterHub course kit"): the image, the exchange,
nbgitpuller links, and what each setting is for.
"""

import os
import pwd
import shutil
import sys

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - provided by traitlets when JupyterHub loads this file

COURSE_ID = os.environ.get("HALAB_COURSE_ID", "halab")
COURSE_ROOT = os.environ.get("HALAB_COURSE_ROOT", "/srv/halab/course")
EXCHANGE = os.environ.get("HALAB_EXCHANGE", "/srv/nbgrader/exchange")
FORMGRADER_PORT = int(os.environ.get("HALAB_FORMGRADER_PORT", "9999"))


def names(variable):
    return sorted({name.strip() for name in os.environ.get(variable, "").split(",") if name.strip()})


instructors, students = names("HALAB_INSTRUCTORS"), names("HALAB_STUDENTS")

# Who may log in: the class list. (PAM by default: system accounts; a campus would set
# c.JupyterHub.authenticator_class to its OAuthenticator or LDAPAuthenticator.)
c.Authenticator.allowed_users = set(instructors + students)
c.Authenticator.admin_users = set(instructors)

# nbgrader's groups, named as its JupyterHub guide names them: instructors grade
# (formgrade-COURSE), students take the course (nbgrader-COURSE).
c.JupyterHub.load_groups = {
    f"formgrade-{COURSE_ID}": {"users": instructors},
    f"nbgrader-{COURSE_ID}": {"users": students},
}

# Roles: instructors may open the Formgrader service; the service may read who is in
# which group (nbgrader's hub integration lists the course's students from them).
# Students get no scope on it: the Formgrader shows every student's work.
c.JupyterHub.load_roles = [
    {
        "name": f"formgrader-{COURSE_ID}",
        "groups": [f"formgrade-{COURSE_ID}"],
        "scopes": [f"access:services!service={COURSE_ID}", f"read:services!service={COURSE_ID}"],
    },
    {
        "name": f"formgrader-service-{COURSE_ID}",
        "services": [COURSE_ID],
        "scopes": ["list:users", "read:users", "read:groups", "list:groups"],
    },
]

# The Formgrader: a Jupyter server rooted at the course, started and stopped by the hub,
# reached at /services/COURSE/formgrader. nbgrader reads COURSE_ROOT/nbgrader_config.py
# because the server runs from there.
formgrader = [
    "jupyterhub-singleuser",
    f"--ServerApp.root_dir={COURSE_ROOT}",
    "--ServerApp.ip=127.0.0.1",
    f"--ServerApp.port={FORMGRADER_PORT}",
    "--ServerApp.default_url=/formgrader",
]
grader_user = os.environ.get("HALAB_GRADER_USER")
if grader_user is None and os.geteuid() == 0:
    formgrader.append("--allow-root")  # a hub run as root, without a grader account (try-outs only)
service = {
    "name": COURSE_ID,
    "url": f"http://127.0.0.1:{FORMGRADER_PORT}",
    "command": formgrader,
    "cwd": COURSE_ROOT,
    "oauth_no_confirm": True,
    "environment": {
        "HALAB_EXCHANGE": EXCHANGE,
        "HALAB_COURSE_ID": COURSE_ID,
        "HALAB_BACKEND": "sim",
        "PATH": os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")]),  # nbgrader's alembic
    },
}
if grader_user is not None:
    pwd.getpwnam(grader_user)  # fails loudly at start if the account is missing
    service["user"] = grader_user
c.JupyterHub.services = [service]

# The students' servers: JupyterLab, the simulator, the exchange and course id for nbgrader's
# Assignments tab (/etc/jupyter/nbgrader_config.py: deploy/jupyterhub/nbgrader_config.py).
c.Spawner.default_url = "/lab"
c.Spawner.environment = {"HALAB_BACKEND": "sim", "HALAB_EXCHANGE": EXCHANGE, "HALAB_COURSE_ID": COURSE_ID}
# Per student: a kernel with a 5-node lab and the dashboard peaks near 105 MB; three notebooks
# open and the Jupyter server fit in 1 GB; a simulated hour takes well under a second of CPU.
# Enforced by spawners that can (systemdspawner, DockerSpawner, KubeSpawner), not by the
# local-process spawner.
c.Spawner.mem_limit = os.environ.get("HALAB_MEM_LIMIT", "1G")
c.Spawner.mem_guarantee = "512M"
c.Spawner.cpu_limit = float(os.environ.get("HALAB_CPU_LIMIT", "0.5"))
c.Spawner.cpu_guarantee = 0.1
if shutil.which("systemd-run") and os.environ.get("HALAB_SPAWNER", "systemd") == "systemd":
    try:
        import systemdspawner  # noqa: F401 - pip install jupyterhub-systemdspawner to enforce the limits
    except ImportError:
        pass
    else:
        c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"

# Idle servers stop after an hour (the live dashboards keep no background work when closed).
if shutil.which("jupyterhub-idle-culler"):
    c.JupyterHub.services.append({"name": "idle-culler", "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                                                                      "--timeout=3600"]})
    c.JupyterHub.load_roles.append({"name": "idle-culler", "services": ["idle-culler"],
                                    "scopes": ["list:users", "read:users:activity", "read:servers",
                                               "delete:servers"]})
