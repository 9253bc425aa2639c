"""The AI tools catalogue: providers, tools, their attributes and listing workflow.

Every factual attribute can be "not disclosed", which is a value of its own and
never the same as "no": tri-state facts use ``Disclosure``; choice facts carry a
``NOT_DISCLOSED`` member; free-text facts are "not disclosed" when blank; M2M
facts are "not disclosed" when empty.

A package along its seams; every public name is re-exported here."""

from tools_catalog.models.listings import (
    OPEN_REVISION_STATUSES,
    ListingRevision,
)
from tools_catalog.models.members import (
    Adoption,
    Question,
    Review,
    Shortlist,
    ShortlistItem,
)
from tools_catalog.models.providers import (
    Provider,
)
from tools_catalog.models.terms import (
    Capability,
    CapabilityGroup,
    DataType,
    DeploymentMode,
    Integration,
    SupportedLanguage,
    Term,
    TermInUseError,
)
from tools_catalog.models.tools import (
    Disclosure,
    Tool,
    ToolClaim,
    ToolQuerySet,
    TsVectorField,
    claim_value,
)

__all__ = [
    "OPEN_REVISION_STATUSES",
    "Adoption",
    "Capability",
    "CapabilityGroup",
    "DataType",
    "DeploymentMode",
    "Disclosure",
    "Integration",
    "ListingRevision",
    "Provider",
    "Question",
    "Review",
    "Shortlist",
    "ShortlistItem",
    "SupportedLanguage",
    "Term",
    "TermInUseError",
    "Tool",
    "ToolClaim",
    "ToolQuerySet",
    "TsVectorField",
    "claim_value",
]
