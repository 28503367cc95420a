"""marrow failure causes: rules are added by the knowledge-base issue."""

from .base import Conclusions


class MarrowFailureRules(Conclusions):
    """No rules yet."""
