"""Reads of the community app: every visibility rule lives here.

One module per part (forums, search, moderation, directory, events); this
package re-exports their public names."""

from community.selectors.directory import (
    WILDCARDS,
    block_list,
    contact_requests_received,
    contact_requests_sent,
    contacts_accepted,
    directory_clean_query,
    directory_profile,
    directory_profiles,
    directory_search,
    member_may_receive_contact,
)
from community.selectors.events import (
    calendar_events_for_token,
    event_attendees,
    event_for_user,
    event_list,
    event_places_taken,
    registration_for,
    waitlist_position,
)
from community.selectors.forums import (
    audiences_for,
    category_for_stage,
    category_is_subscribed,
    category_list,
    member_may_post,
    post_for_user,
    post_list,
    topic_for_user,
    topic_is_subscribed,
    topic_list,
)
from community.selectors.moderation import (
    flagged_post_list,
    hidden_post_list,
    suspension_list,
)
from community.selectors.search import (
    TOKENS,
    WORDS,
    TopicSearchResults,
    forum_search,
)

__all__ = [
    "TOKENS",
    "WILDCARDS",
    "WORDS",
    "TopicSearchResults",
    "audiences_for",
    "block_list",
    "calendar_events_for_token",
    "category_for_stage",
    "category_is_subscribed",
    "category_list",
    "contact_requests_received",
    "contact_requests_sent",
    "contacts_accepted",
    "directory_clean_query",
    "directory_profile",
    "directory_profiles",
    "directory_search",
    "event_attendees",
    "event_for_user",
    "event_list",
    "event_places_taken",
    "flagged_post_list",
    "forum_search",
    "hidden_post_list",
    "member_may_post",
    "member_may_receive_contact",
    "post_for_user",
    "post_list",
    "registration_for",
    "suspension_list",
    "topic_for_user",
    "topic_is_subscribed",
    "topic_list",
    "waitlist_position",
]
