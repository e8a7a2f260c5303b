"""Errors a student can read: what went wrong and what to do, never a traceback."""


class LabError(ValueError):
    """A request the lab cannot carry out (unknown node, bad duration, ...)."""
