"""Resource and fence agents the simulator knows: their metadata (for now).

The runtime behaviour of agents lives elsewhere; this package answers the
question a configuration tool asks before touching the CIB: "does this agent
exist, which parameters does it take, which operations does it declare?"
"""

from halab_kernel.sim.agents.metadata import (
    AgentAction,
    AgentMetadata,
    AgentParameter,
    FENCED_PARAMETERS,
    find_agent,
    known_agent_names,
)

__all__ = [
    "AgentAction",
    "AgentMetadata",
    "AgentParameter",
    "FENCED_PARAMETERS",
    "find_agent",
    "known_agent_names",
]
