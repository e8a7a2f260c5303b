"""Fault buttons and the clock's controls, each printing the command it stands for.

Clicking teaches the CLI: every button writes the `%fault ...` line it ran
(and, on a real cluster, what that did on the node) into the controls' log,
so a student can repeat it in a cell or in a grading check.
"""

from __future__ import annotations

from typing import Any, Sequence

SPEEDS = (0.25, 0.5, 1.0, 2.0, 5.0, 10.0)


class Controls:
    """Crash / restart / partition / heal / fail-resource buttons, a speed slider, pause and step."""

    def __init__(self, lab: Any) -> None:
        import ipywidgets

        self.lab = lab
        nodes = tuple(lab.node_names)
        layout = ipywidgets.Layout(width="auto")
        self.node = ipywidgets.Dropdown(options=nodes, description="node", layout=ipywidgets.Layout(width="180px"))
        self.resource = ipywidgets.Dropdown(options=(), description="resource", layout=ipywidgets.Layout(width="220px"))
        self.groups = ipywidgets.Text(
            value=_default_split(nodes), description="groups", layout=ipywidgets.Layout(width="260px"),
            tooltip="nodes of each side, sides separated by /",
        )
        self.buttons: dict[str, Any] = {}
        for label, style in (("crash", "danger"), ("restart", "success"), ("partition", "warning"),
                             ("heal", "info"), ("fail-resource", "danger")):
            button = ipywidgets.Button(description=label, button_style=style, layout=layout)
            button.on_click(lambda _, label=label: self.click(label))
            self.buttons[label] = button
        self.log = ipywidgets.Output(layout=ipywidgets.Layout(max_height="120px", overflow="auto"))
        rows = [
            ipywidgets.HBox([self.node, self.buttons["crash"], self.buttons["restart"]]),
            ipywidgets.HBox([self.groups, self.buttons["partition"], self.buttons["heal"]]),
            ipywidgets.HBox([self.resource, self.buttons["fail-resource"]]),
        ]
        if getattr(lab, "kind", "sim") == "sim":
            rows.append(self._clock_row(ipywidgets))
        rows.append(self.log)
        self.widget = ipywidgets.VBox(rows)
        self.widget.add_class("halab-controls-widget")
        self.printed: list[str] = []  # every command the controls printed, for tests and checks

    def _clock_row(self, ipywidgets: Any) -> Any:
        self.speed = ipywidgets.SelectionSlider(options=SPEEDS, value=1.0, description="speed ×")
        self.play = ipywidgets.ToggleButton(value=False, description="live", icon="play", tooltip="pace virtual time against the wall clock")
        self.step_button = ipywidgets.Button(description="step 1 s", icon="step-forward")
        self.play.observe(lambda change: self._live(change["new"]), names="value")
        self.speed.observe(lambda change: self._set_speed(change["new"]), names="value")
        self.step_button.on_click(lambda _: self._step())
        return ipywidgets.HBox([self.play, self.speed, self.step_button])

    def update_resources(self, resource_ids: Sequence[str]) -> None:
        if tuple(self.resource.options) != tuple(resource_ids):
            chosen = self.resource.value
            self.resource.options = tuple(resource_ids)
            self.resource.value = chosen if chosen in resource_ids else (resource_ids[0] if resource_ids else None)

    def click(self, label: str) -> None:
        """Do what button `label` does, and print the equivalent command."""
        words = {
            "crash": ["crash", self.node.value],
            "restart": ["restart", self.node.value],
            "partition": ["partition", *self.groups.value.split()],
            "heal": ["heal"],
            "fail-resource": ["fail-resource", self.resource.value or ""],
        }[label]
        self._run_fault([word for word in words if word])

    def _run_fault(self, words: list[str]) -> None:
        from halab_kernel import fault_words

        try:
            fault = fault_words.parse(words, tuple(self.lab.node_names))
            self.lab.inject(fault)
        except (ValueError, KeyError, OSError) as error:  # the lab refusing: one line, as %fault prints it
            self._print(f"error: {error.args[0] if isinstance(error, KeyError) and error.args else error}")
            return
        except Exception as error:  # noqa: BLE001 - a button must answer in words, not a traceback
            self._print(f"halab: internal error ({type(error).__name__}: {error}); please report it")
            return
        self._print(f"%fault {' '.join(fault.words())}")
        if self.lab.kind != "sim":
            for command in fault_words.real_commands(fault):
                self._print(f"  ran {command}")

    def _live(self, on: bool) -> None:
        from halab_kernel import live

        if on:
            try:
                pacer = live.start(self.lab, speed=self.speed.value)
            except ValueError as error:  # LabError: no running kernel loop
                self._print(f"error: {error}")
                self.play.value = False
                return
            if pacer is None:  # grading: time passes only by hand
                self.play.value = False
                return
            self._print(f"lab.live(speed={self.speed.value})")
        elif live.is_live(self.lab):
            live.pause(self.lab)
            self._print("lab.pause()")

    def _set_speed(self, speed: float) -> None:
        if self.play.value:
            self._live(True)

    def _step(self) -> None:
        from halab_kernel import live

        live.step(self.lab, 1.0)
        self._print("%advance 1s")

    def _print(self, line: str) -> None:
        self.printed.append(line)
        self.log.append_stdout(line + "\n")


def _default_split(nodes: Sequence[str]) -> str:
    """'node1 / node2 node3': the first node against the rest, the classic split-brain demo."""
    if len(nodes) < 2:
        return ""
    return f"{nodes[0]} / {' '.join(nodes[1:])}"
