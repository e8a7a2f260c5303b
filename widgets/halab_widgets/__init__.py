"""Live pictures of a cluster: ring, quorum, placement, timeline (ipywidgets + plotly)."""
