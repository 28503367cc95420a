"""congenital causes: rules are added by the knowledge-base issue."""

from .base import Conclusions


class CongenitalRules(Conclusions):
    """No rules yet."""
