"""nutrition causes: rules are added by the knowledge-base issue."""

from .base import Conclusions


class NutritionRules(Conclusions):
    """No rules yet."""
