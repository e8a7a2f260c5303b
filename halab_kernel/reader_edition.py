"""Build the reader edition: every notebook of the course executed, published as a static HTML site.

Each instructor notebook runs once on the HA Lab kernel (nbclient, the
simulator, so every run tells the same story), then is made fit for readers:
the answers go (nbgrader's own ClearSolutions and ClearHiddenTests, and the
outputs of answer and test cells), and every live widget is replaced by the
picture it last showed (the dashboard's ring, gauge and placement table, the
failover timeline as SVG: see static_widgets.py). nbconvert writes one page per
notebook, next to the notebook itself (which shows the same pictures in any
viewer), and an index links them. The pages need no kernel and no JavaScript
for the pictures; any static host serves the folder.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from halab_kernel.static_widgets import PLOTLY_MIMETYPE, VIEW_MIMETYPE, output_html, static_html, widget_states

DEFAULT_OUTPUT = "halab-book"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", "-o", default=DEFAULT_OUTPUT, metavar="FOLDER",
                        help=f"where the site goes (default: ./{DEFAULT_OUTPUT}; its old pages are replaced)")
    parser.add_argument("--course", metavar="FOLDER",
                        help="a course root with source/ (default: the course this installation carries)")
    parser.add_argument("--only", action="append", metavar="ASSIGNMENT",
                        help="build only this assignment (repeatable; e.g. 07-failover-timing)")
    parser.add_argument("--timeout", type=int, default=120, metavar="SECONDS",
                        help="longest a single cell may run (default: %(default)s)")


@dataclass(frozen=True)
class Page:
    assignment: str
    title: str
    filename: str  # the page, in the output folder
    seconds: float


def run(args: argparse.Namespace) -> int:
    missing = [name for name in ("nbclient", "nbconvert", "nbgrader", "ipykernel") if find_spec(name) is None]
    if missing:
        print(f"halab book: {', '.join(missing)} not installed: pip install 'halab[book,grading]'", file=sys.stderr)
        return 1
    from halab_kernel.course_launcher import shipped_course

    course = Path(args.course).resolve() if args.course else shipped_course()
    notebooks = sorted((course / "source").glob("*/*.ipynb"))
    if args.only:
        unknown = set(args.only) - {notebook.parent.name for notebook in notebooks}
        if unknown:
            print(f"halab book: no assignment {', '.join(sorted(unknown))} in {course / 'source'}", file=sys.stderr)
            return 2
        notebooks = [notebook for notebook in notebooks if notebook.parent.name in args.only]
    output = Path(args.output).resolve()
    output.mkdir(parents=True, exist_ok=True)
    pages = []
    for notebook in notebooks:
        print(f"executing {notebook.parent.name}/{notebook.name} ...", flush=True)
        try:
            pages.append(build_page(notebook, output, args.timeout))
        except Exception as error:  # nbclient's CellExecutionError and DeadKernelError carry the cell and trace
            print(f"halab book: {notebook.parent.name} did not run through:\n{error}", file=sys.stderr)
            return 1
    (output / "index.html").write_text(index_html(pages))
    total = sum(page.seconds for page in pages)
    print(f"reader edition: {len(pages)} page(s) in {output} ({total:.0f} s of execution); open index.html")
    return 0


def build_page(source: Path, output: Path, timeout: int) -> Page:
    """Execute one notebook, make it fit for readers, write its page and its notebook."""
    import nbformat

    started = time.perf_counter()
    notebook = executed(source, timeout)
    seconds = time.perf_counter() - started
    for_readers(notebook)
    stem = source.parent.name
    nbformat.write(notebook, output / f"{stem}.ipynb")
    title = notebook_title(notebook, stem)
    (output / f"{stem}.html").write_text(page_html(notebook, title, f"{stem}.ipynb"))
    return Page(stem, title, f"{stem}.html", seconds)


def executed(source: Path, timeout: int) -> Any:
    """The notebook after a headless run on the HA Lab kernel, in a scratch copy of its folder."""
    import nbformat
    from nbclient import NotebookClient
    from traitlets.config import Config

    from halab_kernel.lab_settings import kernel_encryption

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / source.parent.name
        shutil.copytree(source.parent, folder)
        notebook = nbformat.read(folder / source.name, as_version=4)
        NotebookClient(notebook, kernel_name="halab", timeout=timeout, store_widget_state=True,
                       config=Config(kernel_encryption()), resources={"metadata": {"path": str(folder)}}).execute()
    return notebook


def for_readers(notebook: Any) -> None:
    """Answers removed, widgets replaced by their last picture, plotly figures drawn as SVG (in place)."""
    from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions

    states = widget_states(notebook.metadata)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        grading = cell.metadata.get("nbgrader", {})
        if grading.get("solution") or grading.get("grade"):
            cell.outputs = []  # an answer's output would give it away; a check's output means nothing without one
            cell.execution_count = None
        cell.outputs = [static for static in (_static_output(output, states) for output in cell.outputs) if static]
    notebook.metadata.pop("widgets", None)  # nothing points at widgets any more
    ClearSolutions().preprocess(notebook, {})
    ClearHiddenTests().preprocess(notebook, {})


def _static_output(output: Any, states: dict[str, Any]) -> Any:
    """An output that any viewer draws: a widget view becomes the HTML of its last state."""
    data = output.get("data")
    if not data:
        return output
    if VIEW_MIMETYPE in data:
        drawn = static_html(states, data[VIEW_MIMETYPE].get("model_id", ""))
        data.pop(VIEW_MIMETYPE)
        if drawn:
            data.pop("image/svg+xml", None)  # the snapshot at display time: the live picture went further
            data["text/html"] = drawn
    if PLOTLY_MIMETYPE in data:
        drawn = output_html(output)
        data.pop(PLOTLY_MIMETYPE)
        if drawn:
            data["text/html"] = drawn
    return output if data else None


def notebook_title(notebook: Any, fallback: str) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def page_html(notebook: Any, title: str, download: str) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    back = (f'<p style="margin: 1em 2em"><a href="index.html">HA Lab course: contents</a> · '
            f'<a href="{html.escape(download)}" download>this notebook (.ipynb)</a></p>')
    return re.sub(r"(<body[^>]*>)", lambda opening: opening.group(1) + back, body, count=1)


def index_html(pages: list[Page]) -> str:
    items = "\n".join(f'<li><a href="{html.escape(page.filename)}">{html.escape(page.title)}</a> '
                      f'<small>({html.escape(page.assignment)})</small></li>' for page in pages)
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>HA Lab: the course, to read</title>"
        "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5}"
        "li{margin:.4em 0}small{color:#777}</style></head><body>"
        "<h1>HA Lab: Linux high availability with Pacemaker and Corosync</h1>"
        "<p>The course's notebooks, run once on the simulator: every picture is what the live dashboard "
        "showed at the end of the notebook. Exercises are left for you: open the notebooks in JupyterLab "
        "(<code>halab course</code>) to do them, with Check buttons.</p>"
        f"<ol>\n{items}\n</ol></body></html>\n"
    )
