"""Run many `pcs -f CIB ...` commands with one import of Debian's pcs (test support).

Starting pcs costs ~0.7 s of imports per call; the differential corpus has
hundreds of commands. This script imports pcs once, then forks a child per
command: each child starts from the same freshly imported state (pcs keeps
global state between calls, so reusing one process would not be faithful),
runs pcs's entry point with its stdout/stderr sent to files, and exits with
pcs's exit code. Run with the system interpreter (where pcs is installed):

    /usr/bin/python3 real_pcs_runner.py < request.json > answers.json

stdin: {"cib": path, "commands": [[arg, ...], ...], "reset": optional CIB text, "files": optional
[path, ...], each command's own CIB file in place of "cib"};
stdout: a JSON list of {"rc", "stdout", "stderr", "cib"} (the CIB file's text
after the command). With "reset", every command starts from that CIB text
instead of the previous command's result (used by differential fuzzing).
"""

import json
import os
import sys
import tempfile


def run_one(app, cib_path, args, workdir):
    out_path = os.path.join(workdir, "out")
    err_path = os.path.join(workdir, "err")
    pid = os.fork()
    if pid == 0:  # child: behave exactly like `pcs -f CIB args...`
        code = 1
        try:
            with open(out_path, "w") as out, open(err_path, "w") as err, open(os.devnull) as null:
                os.dup2(null.fileno(), 0)
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                try:
                    app.main(["-f", cib_path] + args)
                    code = 0
                except SystemExit as done:
                    code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    with open(out_path) as out, open(err_path) as err, open(cib_path) as cib:
        return {"rc": os.waitstatus_to_exitcode(status), "stdout": out.read(),
                "stderr": err.read(), "cib": cib.read()}


def main():
    request = json.load(sys.stdin)
    from pcs import app  # Debian's pcs, importable by the system python only

    answers = []
    with tempfile.TemporaryDirectory() as workdir:
        files = request.get("files") or [request.get("cib")] * len(request["commands"])
        for args, cib_path in zip(request["commands"], files):
            if request.get("reset") is not None:
                with open(cib_path, "w") as handle:
                    handle.write(request["reset"])
            answers.append(run_one(app, cib_path, list(args), workdir))
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
