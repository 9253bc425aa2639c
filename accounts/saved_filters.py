"""Which staff queues take saved filters, and the capability each needs.

A queue's URL name, written as text: accounts imports no product app."""

from accounts.roles import Perm

SAVED_FILTER_VIEWS: dict[str, Perm] = {
    "onboarding:case-list": Perm.VERIFY_APPLICATIONS,
    "community:moderation-queue": Perm.MODERATE_COMMUNITY,
    "tools_catalog:review-queue": Perm.EDIT_CATALOGUE,
}
# Page numbers are where the user was, not what they filtered on.
QUERY_DROPPED = frozenset({"page"})
