"""The Learning Centre's models, one module per part; re-exported here."""

from learning_centre.models.base import (
    TranslatedMixin,
)
from learning_centre.models.paths import (
    Certificate,
    LearningPath,
    LearningPathQuerySet,
    Module,
    ModuleProgress,
    Option,
    Question,
)
from learning_centre.models.readiness import (
    ReadinessAssessment,
    ReadinessDimension,
    ReadinessQuestion,
)
from learning_centre.models.resources import (
    Resource,
    ResourceQuerySet,
    ResourceVersion,
)
from learning_centre.models.stages import (
    Stage,
)

__all__ = [
    "Certificate",
    "LearningPath",
    "LearningPathQuerySet",
    "Module",
    "ModuleProgress",
    "Option",
    "Question",
    "ReadinessAssessment",
    "ReadinessDimension",
    "ReadinessQuestion",
    "Resource",
    "ResourceQuerySet",
    "ResourceVersion",
    "Stage",
    "TranslatedMixin",
]
