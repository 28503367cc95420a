"""The knowledge base: every clinical area's rules composed into one experta engine class."""

from .autoimmune import AutoimmuneRules
from .congenital import CongenitalRules
from .cytopenias import CytopeniaRules
from .high_counts import HighCountRules
from .infections import InfectionRules
from .labs import LabRules
from .lymphopenia import LymphopeniaRules
from .malignancy import MalignancyRules
from .marrow_failure import MarrowFailureRules
from .medications import MedicationRules
from .nutrition import NutritionRules
from .other import OtherRules
from .other_labs import OtherLabRules
from .pitfalls import PitfallRules
from .pregnancy import PregnancyRules
from .secondary_hlh import SecondaryHLHRules
from .spleen import SpleenRules
from .time_course import TimeCourseRules
from .vital_signs import VitalSignRules
from .workup import WorkupRules

AREAS = (
    LabRules, VitalSignRules, MedicationRules, InfectionRules, SpleenRules, CytopeniaRules,
    MalignancyRules, MarrowFailureRules, AutoimmuneRules, NutritionRules, CongenitalRules, OtherRules,
    WorkupRules, SecondaryHLHRules, LymphopeniaRules, OtherLabRules, HighCountRules,
    TimeCourseRules, PregnancyRules, PitfallRules,
)


class KnowledgeBase(*AREAS):
    """All the rules. The engine subclasses this to add its recording run loop."""
