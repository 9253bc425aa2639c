"""The catalogue's views, one module per area: they check access, parse input,
call a selector or a service and render. Every view is re-exported here for the
URLconf."""

from tools_catalog.views.browse import (
    tool_list_view,
)
from tools_catalog.views.compare import (
    compare_tray_view,
    tool_compare_view,
)
from tools_catalog.views.editors import (
    listing_review_queue_view,
    listing_review_view,
)
from tools_catalog.views.provider import (
    provider_portal_view,
    provider_question_answer_view,
    provider_tool_archive_view,
    provider_tool_create_view,
    provider_tool_edit_view,
    provider_tool_submit_view,
    provider_tool_withdraw_view,
)
from tools_catalog.views.shortlists import (
    shortlist_detail_view,
    shortlist_item_view,
    shortlist_list_view,
)
from tools_catalog.views.tool import (
    review_moderate_view,
    review_moderation_queue_view,
    tool_adoption_view,
    tool_detail_view,
    tool_question_view,
    tool_review_view,
    tool_shortlist_view,
)

__all__ = [
    "compare_tray_view",
    "listing_review_queue_view",
    "listing_review_view",
    "provider_portal_view",
    "provider_question_answer_view",
    "provider_tool_archive_view",
    "provider_tool_create_view",
    "provider_tool_edit_view",
    "provider_tool_submit_view",
    "provider_tool_withdraw_view",
    "review_moderate_view",
    "review_moderation_queue_view",
    "shortlist_detail_view",
    "shortlist_item_view",
    "shortlist_list_view",
    "tool_adoption_view",
    "tool_compare_view",
    "tool_detail_view",
    "tool_list_view",
    "tool_question_view",
    "tool_review_view",
    "tool_shortlist_view",
]
