"""A winning submission becomes a Learning Centre resource (through the Learning
Centre's own service), linked to the submission's workflow stage."""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Perm
from accounts.services import audit_event_record
from community.audit import CommunityAction
from community.challenges.errors import ChallengeError
from community.models import Submission
from learning_centre.models import Resource
from learning_centre.services import resource_draft_create

WINNING_RANKS = 3


@transaction.atomic
def outcome_resource_create(*, editor: User, submission: Submission) -> Resource:
    """Turn one of the first ``WINNING_RANKS`` submissions of a challenge whose
    results are published into a draft resource; once per submission; audited."""
    if not editor.has_perm(Perm.EDIT_CATALOGUE):
        raise ChallengeError(
            _("Only catalogue editors turn submissions into resources.")
        )
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    challenge = submission.team.challenge
    if (
        not challenge.has_results
        or not submission.rank
        or (submission.rank > WINNING_RANKS)
    ):
        raise ChallengeError(_("Only winning submissions become resources."))
    if submission.outcome_url:
        raise ChallengeError(_("This submission is already a resource."))
    # The English version's text: English whatever the editor's language.
    body = f"Built at the challenge “{challenge.title}” by team {submission.team.name}."
    links = [u for u in (submission.repository_url, submission.demo_url) if u]
    resource = resource_draft_create(
        slug=slugify(f"{challenge.slug}-{submission.title}")[:100] or "challenge",
        title=submission.title,
        summary=submission.summary[:600],
        body="\n\n".join([body, *links]),
        stage=submission.stage,
        url=links[0] if links else "",
    )
    submission.outcome_url = resource.get_absolute_url()
    submission.save(update_fields=["outcome_url"])
    audit_event_record(
        actor=editor,
        action=CommunityAction.OUTCOME_RECORDED,
        target=submission,
        after={"resource": resource.slug},
    )
    return resource
