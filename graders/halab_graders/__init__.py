"""Checks over ClusterState and events, for nbgrader tests and self-study Check buttons."""
