"""The community's models, one module per part: forums, directory, events."""

from community.models.directory import (
    Block,
    ContactRequest,
    ContactStatus,
    MemberProfile,
    new_calendar_token,
    new_public_id,
)
from community.models.events import (
    Event,
    EventKind,
    EventQuerySet,
    Registration,
    RegistrationStatus,
)
from community.models.forums import (
    SEARCH_CONFIG,
    Audience,
    Category,
    CategoryKind,
    DigestItem,
    Flag,
    Post,
    Sensitivity,
    Subscription,
    Suspension,
    Topic,
    TopicRead,
)
from community.models.validators import validate_time_zone

__all__ = [
    "SEARCH_CONFIG",
    "Audience",
    "Block",
    "Category",
    "CategoryKind",
    "ContactRequest",
    "ContactStatus",
    "DigestItem",
    "Event",
    "EventKind",
    "EventQuerySet",
    "Flag",
    "MemberProfile",
    "Post",
    "Registration",
    "RegistrationStatus",
    "Sensitivity",
    "Subscription",
    "Suspension",
    "Topic",
    "TopicRead",
    "new_calendar_token",
    "new_public_id",
    "validate_time_zone",
]
