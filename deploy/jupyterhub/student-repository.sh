#!/usr/bin/env bash
# Make (or refresh) the repository students pull with nbgitpuller: only the released
# notebooks (no solutions, no hidden tests), never the instructor sources.
#
#   deploy/jupyterhub/student-repository.sh ../halab-student
#   (cd ../halab-student && git add -A && git commit -m "week 3" && git push)
#
# The nbgitpuller link for a student then opens the first notebook after pulling:
#   https://HUB/hub/user-redirect/git-pull?repo=https://GIT/halab-student&branch=main
#     &urlpath=lab/tree/halab-student/00-getting-started/getting-started.ipynb
set -euo pipefail
target="${1:?usage: student-repository.sh FOLDER}"
here="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -r "$here/course/source" "$here/course/nbgrader_config.py" "$scratch/"
(cd "$scratch" && PATH="$(dirname "$(command -v python3)"):$PATH" nbgrader generate_assignment "*" --force \
    --log-level=ERROR)
mkdir -p "$target"
for assignment in "$scratch"/release/*/; do
    name="$(basename "$assignment")"
    rm -rf "${target:?}/$name"
    cp -r "$assignment" "$target/$name"
done
echo "released notebooks copied into $target: commit and push them; give students the nbgitpuller link"
