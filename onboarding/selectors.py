"""Reads of the onboarding app: what applicants and verifiers may see."""

import datetime
from dataclasses import dataclass
from statistics import median

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.models import AuditEvent, User
from accounts.roles import Role
from accounts.selectors import member_list
from onboarding import conf
from onboarding.models import (
    Application,
    ConfirmationRequest,
    MemberReconfirmation,
    Message,
    OrganisationJoinRequest,
    Signal,
)
from tools_catalog.models import Provider
from tools_catalog.selectors import provider_lookalike_list, provider_named

Status = Application.Status


def application_for_user(*, user: User | AnonymousUser) -> Application | None:
    """The applicant's current application: the latest one, drafts included."""
    if not user.is_authenticated:
        return None
    return (
        Application.objects.filter(user=user)
        .prefetch_related("interests", "messages")
        .order_by("-created_at")
        .first()
    )


def application_case_list() -> QuerySet[Application]:
    """Every submitted application, for verifiers (drafts are the applicant's)."""
    return (
        Application.objects.exclude(status=Status.DRAFT)
        .filter(anonymised_at__isnull=True)
        .select_related("assignee", "user")
        .prefetch_related(Prefetch("signals", queryset=Signal.objects.order_by("pk")))
    )


# The queue's tabs: what needs the verifier's action first, then the rest.
QUEUE_ACTIONABLE = "actionable"
QUEUES = (QUEUE_ACTIONABLE, "submitted", "mine", "answered", "open", "all")
# The statuses each tab can list ("all": every one).
QUEUE_STATUSES: dict[str, tuple[str, ...]] = {
    QUEUE_ACTIONABLE: (Status.SUBMITTED, Status.IN_REVIEW),
    "submitted": (Status.SUBMITTED,),
    "mine": (Status.IN_REVIEW,),
    "answered": (Status.IN_REVIEW,),
    "open": Application.OPEN_STATUSES,
}


def _last_message_from_staff() -> Subquery:
    return Subquery(
        Message.objects.filter(application=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values("from_staff")[:1]
    )


def application_queue_q(*, queue: str, user: User) -> Q:
    """Which cases a tab of the queue lists, on ``application_queue_list``.

    actionable: submitted, in review assigned to ``user``, or answered by the
    applicant and held by ``user`` or nobody."""
    submitted = Q(status=Status.SUBMITTED)
    mine = Q(status=Status.IN_REVIEW, assignee=user)
    answered = Q(status=Status.IN_REVIEW, last_from_staff=False) & (
        Q(assignee=user) | Q(assignee__isnull=True)
    )
    return {
        QUEUE_ACTIONABLE: submitted | mine | answered,
        "submitted": submitted,
        "mine": mine,
        "answered": answered,
        "open": Q(status__in=Application.OPEN_STATUSES),
    }.get(queue, Q())


def application_queue_list() -> QuerySet[Application]:
    """The verification queue: ``application_case_list`` with ``last_from_staff``
    (whether the thread's last word was the verifiers'), for the tabs."""
    return application_case_list().annotate(last_from_staff=_last_message_from_staff())


def application_queue_counts(*, user: User) -> dict[str, int]:
    """How many cases each tab of the queue lists, in one query."""
    base = Application.objects.exclude(status=Status.DRAFT).filter(
        anonymised_at__isnull=True
    )
    return base.annotate(last_from_staff=_last_message_from_staff()).aggregate(
        **{
            queue: Count("pk", filter=application_queue_q(queue=queue, user=user))
            for queue in QUEUES
        }
    )


def application_case_get(*, pk: int) -> Application | None:
    return (
        application_case_list()
        .select_related(
            "referee",
            "rejection_reason",
            "first_approver",
            "decided_by",
            "join_request__provider",
            "join_request__requested_by",
            "join_request__decided_by",
            "join_request__objected_by",
        )
        .prefetch_related(
            "interests",
            "messages__author",
            "notes__author",
            Prefetch(
                "confirmations",
                queryset=ConfirmationRequest.objects.order_by("created_at"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def application_timeline(*, application: Application) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(Application),
            target_id=str(application.pk),
        )
        .select_related("actor")
        .order_by("created_at")
    )


def application_counts_by_status() -> dict[str, int]:
    """Applications per status (every status present, zero when none)."""
    counts = dict.fromkeys(Status.values, 0)
    rows = Application.objects.values_list("status").annotate(n=Count("pk"))
    counts.update(dict(rows))
    return counts


def median_decision_time() -> datetime.timedelta | None:
    """Median time from submission to decision, over decided applications."""
    rows = Application.objects.filter(
        status__in=Application.DECIDED_STATUSES,
        submitted_at__isnull=False,
        decided_at__isnull=False,
    ).values_list("submitted_at", "decided_at")
    durations = [
        (decided - submitted).total_seconds()
        for submitted, decided in rows
        if submitted and decided
    ]
    if not durations:
        return None
    return datetime.timedelta(seconds=median(durations))


def _member_counts_by(field: str) -> list[tuple[str, int]]:
    """Every member (``accounts.selectors.member_list``, the landing page's count)
    by ``field`` of their latest approved member application; ``""`` for members
    with none (seeded, or given the role by hand), so the rows add up to the
    member count."""
    latest = Application.objects.filter(
        user=OuterRef("pk"), kind=Application.Kind.MEMBER, status=Status.APPROVED
    ).order_by("-decided_at", "-pk")
    rows = (
        member_list()
        .annotate(value=Subquery(latest.values(field)[:1]))
        .values_list("value")
        .annotate(n=Count("pk"))
        .order_by("-n", "value")
    )
    return [(str(value or ""), n) for value, n in rows]


def member_counts_by_country() -> list[tuple[str, int]]:
    """(ISO country code or "" when not recorded, members), largest first."""
    return _member_counts_by("country")


def member_counts_by_agency_type() -> list[tuple[str, int]]:
    """(agency type or "" when not recorded, members), largest first."""
    return _member_counts_by("agency_type")


def member_country_count() -> int:
    """Countries with at least one member (the landing page's "Countries")."""
    return len([code for code, n in member_counts_by_country() if code and n])


def working_days_between(start: datetime.datetime, end: datetime.datetime) -> int:
    """Monday-to-Friday days after ``start`` up to ``end``."""
    first, last = start.date(), end.date()
    if last <= first:
        return 0
    total = (last - first).days
    weeks, rest = divmod(total, 7)
    days = weeks * 5
    weekday = first.weekday()
    for step in range(1, rest + 1):
        if (weekday + step) % 7 < 5:
            days += 1
    return days


def application_age_working_days(
    application: Application, *, now: datetime.datetime | None = None
) -> int:
    """Working days the case has waited for staff (paused while needs_info)."""
    if application.submitted_at is None:
        return 0
    now = now or timezone.now()
    end = application.decided_at or now
    if application.status == Status.NEEDS_INFO and application.info_requested_at:
        end = application.info_requested_at
    start = application.submitted_at + datetime.timedelta(
        seconds=application.paused_seconds
    )
    return working_days_between(start, end)


def application_is_overdue(
    application: Application, *, now: datetime.datetime | None = None
) -> bool:
    if application.status not in (Status.SUBMITTED, Status.IN_REVIEW):
        return False
    return application_age_working_days(application, now=now) >= conf.sla_working_days()


def active_member_by_email(*, email: str) -> User | None:
    """A referee must be an active member."""
    return (
        User.objects.filter(
            email__iexact=email.strip(), is_active=True, groups__name=Role.MEMBER
        )
        .distinct()
        .first()
    )


@dataclass(frozen=True)
class RefereeCheck:
    """What a verifier needs about the referee: for the case page only.

    ``member`` is the active member with the email the applicant typed (looked
    up now); ``former`` the member asked earlier who is no longer active;
    ``confirmation`` their latest vouching request, if any.
    """

    email: str
    member: User | None
    former: User | None
    confirmation: ConfirmationRequest | None


def application_referee_check(*, application: Application) -> RefereeCheck | None:
    """None when the application names no referee."""
    if not application.referee_email:
        return None
    member = active_member_by_email(email=application.referee_email)
    if member is not None and member.pk == application.user_id:
        member = None
    former = application.referee
    if member is None and former is not None:
        still = User.objects.filter(
            pk=former.pk, is_active=True, groups__name=Role.MEMBER
        ).exists()
        if still:  # they changed their email address since they were asked
            member = former
    asked = [
        confirmation
        for confirmation in application.confirmations.all()
        if confirmation.kind == ConfirmationRequest.Kind.REFEREE
    ]
    return RefereeCheck(
        email=application.referee_email,
        member=member,
        former=former if member is None else None,
        confirmation=max(asked, key=lambda c: (c.created_at, c.pk), default=None),
    )


def verifier_list() -> QuerySet[User]:
    return (
        User.objects.filter(groups__name=Role.VERIFIER, is_active=True)
        .distinct()
        .order_by("email")
    )


def member_paused_list() -> QuerySet[MemberReconfirmation]:
    """Members whose access paused for want of re-confirmation, latest first."""
    return (
        MemberReconfirmation.objects.filter(paused_at__isnull=False)
        .select_related("user")
        .order_by("-paused_at", "pk")
    )


def member_paused_get(*, pk: int) -> MemberReconfirmation | None:
    return member_paused_list().filter(pk=pk).first()


def member_is_paused(*, user: User | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    return MemberReconfirmation.objects.filter(
        user=user, paused_at__isnull=False
    ).exists()


# --- Claims on organisations already on the Hub -----------------------------------


def application_organisation_claim(
    *, application: Application
) -> tuple[Provider | None, list[Provider]]:
    """For a provider application: the organisation of the same name already on
    the Hub (with ``representative_count``), and those whose names look alike."""
    if application.kind != Application.Kind.PROVIDER:
        return None, []
    name = application.organisation_name
    return provider_named(name=name), provider_lookalike_list(name=name)


def application_join_request_get(
    *, application: Application
) -> OrganisationJoinRequest | None:
    try:
        return application.join_request
    except OrganisationJoinRequest.DoesNotExist:
        return None


def _join_requests() -> QuerySet[OrganisationJoinRequest]:
    return OrganisationJoinRequest.objects.select_related(
        "application", "user", "provider"
    ).order_by("-requested_at", "-pk")


def organisation_join_list_for_representative(
    *, user: User
) -> QuerySet[OrganisationJoinRequest]:
    """Requests to join the organisations ``user`` represents, open ones only."""
    return _join_requests().filter(
        provider__representatives=user,
        status__in=OrganisationJoinRequest.OPEN_STATUSES,
    )


def organisation_join_get(
    *, pk: int, representative: User
) -> OrganisationJoinRequest | None:
    """A request to join one of ``representative``'s organisations; None for
    anyone else (the applicant included: they do not represent it yet)."""
    return (
        _join_requests().filter(pk=pk, provider__representatives=representative).first()
    )


def organisation_join_list_for_applicant(
    *, user: User
) -> QuerySet[OrganisationJoinRequest]:
    """The user's own requests that still wait for staff."""
    return _join_requests().filter(
        user=user, status__in=OrganisationJoinRequest.OPEN_STATUSES
    )
