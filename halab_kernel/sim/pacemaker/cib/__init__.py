"""The CIB (Cluster Information Base) model: Pacemaker's XML in and out."""

from .model import (INFINITY, Cib, Clone, Colocation, Expression, Group, Location, NodeConfig,
                    NodeState, Operation, OperationRecord, Order, Primitive, ResourceHistory,
                    Rule, walk)
from .parse import CibError, parse_cib, parse_cib_file
from .scores import add_scores, parse_score, score_text
from .write import to_xml

__all__ = [
    "INFINITY", "Cib", "CibError", "Clone", "Colocation", "Expression", "Group", "Location",
    "NodeConfig", "NodeState", "Operation", "OperationRecord", "Order", "Primitive",
    "ResourceHistory", "Rule", "add_scores", "parse_cib", "parse_cib_file", "parse_score",
    "score_text", "to_xml", "walk",
]
