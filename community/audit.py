from django.db import models
from django.utils.translation import gettext_lazy as _


class CommunityAction(models.TextChoices):
    POST_HIDDEN = "community_post_hidden", _("Forum post hidden")
    POST_RESTORED = "community_post_restored", _("Forum post restored")
    FLAGS_DISMISSED = "community_flags_dismissed", _("Forum flags dismissed")
    TOPIC_LOCKED = "community_topic_locked", _("Forum topic locked")
    TOPIC_UNLOCKED = "community_topic_unlocked", _("Forum topic unlocked")
    TOPIC_PINNED = "community_topic_pinned", _("Forum topic pinned")
    TOPIC_UNPINNED = "community_topic_unpinned", _("Forum topic unpinned")
    TOPIC_MOVED = "community_topic_moved", _("Forum topic moved")
    MEMBER_SUSPENDED = "community_member_suspended", _("Member suspended from posting")
    SUSPENSION_LIFTED = "community_suspension_lifted", _("Posting suspension lifted")
    EVENT_SAVED = "community_event_saved", _("Event saved")
    ATTENDANCE_RECORDED = (
        "community_attendance_recorded",
        _("Event attendance recorded"),
    )
    CHALLENGE_SAVED = "community_challenge_saved", _("Challenge saved")
    CHALLENGE_PUBLISHED = "community_challenge_published", _("Challenge published")
    JUDGE_ASSIGNED = "community_judge_assigned", _("Challenge judge assigned")
    JUDGE_REMOVED = "community_judge_removed", _("Challenge judge removed")
    RESULTS_PUBLISHED = (
        "community_results_published",
        _("Challenge results published"),
    )
    OUTCOME_RECORDED = (
        "community_outcome_recorded",
        _("Challenge submission turned into a resource"),
    )
