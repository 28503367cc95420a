"""autoimmune causes: rules are added by the knowledge-base issue."""

from .base import Conclusions


class AutoimmuneRules(Conclusions):
    """No rules yet."""
