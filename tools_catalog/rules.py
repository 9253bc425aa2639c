"""Object-level rules: a provider representative acts only on their own organisation.

Ask them with ``user.has_perm("tools_catalog.change_listing", tool)``; selectors
scope the same way (``provider_tool_get``), so a guessed id is a 404.
"""

import rules

from accounts.roles import Perm


@rules.predicate
def represents_listing_provider(user, tool) -> bool:
    if tool is None or not user.is_authenticated:
        return False
    return tool.provider.representatives.filter(pk=user.pk).exists()


@rules.predicate
def represents_question_provider(user, question) -> bool:
    if question is None or not user.is_authenticated:
        return False
    return question.tool.provider.representatives.filter(pk=user.pk).exists()


@rules.predicate
def uses_provider_portal(user) -> bool:
    return user.is_authenticated and user.has_perm(Perm.USE_PROVIDER_PORTAL)


rules.add_perm(
    "tools_catalog.change_listing", uses_provider_portal & represents_listing_provider
)
rules.add_perm(
    "tools_catalog.answer_question", uses_provider_portal & represents_question_provider
)


@rules.predicate
def moderates_reviews(user) -> bool:
    return user.is_authenticated and (
        user.has_perm(Perm.MODERATE_COMMUNITY) or user.has_perm(Perm.EDIT_CATALOGUE)
    )


rules.add_perm("tools_catalog.moderate_review", moderates_reviews)
