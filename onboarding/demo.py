"""Demo applications: ~30 fictional officers and providers in every status.

Who they are lives in fixtures/demo_applications.yaml; this module walks each
through the services to its status. All names, agencies and addresses are
invented. Idempotent: applicants are looked up by email and skipped when present.
"""

from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from onboarding import services
from onboarding.models import (
    Application,
    InfoRequestTemplate,
    MemberReconfirmation,
    RejectionReason,
    TrustedDomain,
)
from onboarding.screening import application_screen
from outbox.models import OutboxMessage
from outbox.tasks import send_email

S = Application.Status

DATA_FILE = Path(__file__).resolve().parent / "fixtures" / "demo_applications.yaml"


def demo_data() -> dict[str, Any]:
    """The demo people, providers and lists (fixtures/demo_applications.yaml)."""
    data: dict[str, Any] = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    return data


def _user(email: str, name: str, language: str = "en") -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "language": language}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user, created


def _advance(
    application: Application, status: str, verifier: User | None, *, question: str
) -> None:
    if status == S.DRAFT or verifier is None:
        return
    services.application_submit(application=application, actor=application.user)  # type: ignore[arg-type]
    application_screen(application=application)
    if status == S.SUBMITTED:
        return
    if status == S.WITHDRAWN:
        services.application_withdraw(application=application, actor=application.user)  # type: ignore[arg-type]
        return
    services.application_claim(application=application, actor=verifier)
    if status in (S.NEEDS_INFO, S.EXPIRED):
        services.application_request_info(
            application=application,
            actor=verifier,
            question=question,
        )
        if status == S.EXPIRED:
            services.application_expire(application=application)
    elif status == S.APPROVED:
        services.application_approve(application=application, actor=verifier)
        if services.application_needs_second_signoff(application=application):
            return
        services.application_provision(application=application)
    elif status == S.REJECTED:
        services.application_reject(
            application=application,
            actor=verifier,
            reason=RejectionReason.objects.order_by("pk").first(),
            message="",
        )


def _backdate(application: Application, days: int) -> None:
    past = timezone.now() - timedelta(days=days)
    fields: dict[str, Any] = {"created_at": past}
    if application.submitted_at:
        fields["submitted_at"] = past
    if application.decided_at:
        fields["decided_at"] = past + timedelta(days=min(days, 3))
    if application.info_requested_at:
        fields["info_requested_at"] = past + timedelta(days=1)
    Application.objects.filter(pk=application.pk).update(**fields)


def seed(stdout: Any) -> None:
    data = demo_data()
    for row in data["trusted_domains"]:
        TrustedDomain.objects.get_or_create(
            domain=row["domain"],
            defaults={"organisation": row["organisation"], "country": row["country"]},
        )
    for model, key in (
        (RejectionReason, "rejection_reasons"),
        (InfoRequestTemplate, "info_request_templates"),
    ):
        for row in data[key]:
            template, _created = model.objects.get_or_create(
                title=row["title"], defaults={"text": row["text"]}
            )
            # Fill in what is missing (titles came after texts); keep staff edits.
            merged = {
                language: {**values, **(template.translations or {}).get(language, {})}
                for language, values in row.get("translations", {}).items()
            }
            merged = {**(template.translations or {}), **merged}
            if merged != template.translations:
                template.translations = merged
                template.save(update_fields=["translations"])
    verifier = User.objects.filter(groups__name=Role.VERIFIER).order_by("pk").first()
    made = 0
    first_message = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True)
    last_before = first_message.first() or 0
    question = data["question"]
    with transaction.atomic():
        for person in data["people"]:
            email, days = person["email"], person["days_ago"]
            user, created = _user(email, person["name"])
            if not created:
                continue
            application = Application.objects.create(
                user=user,
                full_name=person["name"],
                work_email=email,
                agency_name=person["agency"],
                agency_type=person["agency_type"],
                country=person["country"],
                role_category=person["role_category"],
                years_in_role=(days % 12) + 1,
                supervisor_email=f"head.of.unit@{email.rpartition('@')[2]}",
                consent=True,
                **data["member_defaults"],
                **data["people_defaults"],
            )
            _advance(application, person["status"], verifier, question=question)
            _backdate(application, days)
            made += 1
        for provider in data["providers"]:
            user, created = _user(provider["email"], provider["name"])
            if not created:
                continue
            application = Application.objects.create(
                user=user,
                kind=Application.Kind.PROVIDER,
                full_name=provider["name"],
                work_email=provider["email"],
                organisation_name=provider["organisation"],
                website=provider["website"],
                provider_type=Application.ProviderType.COMPANY,
                country=provider["country"],
                consent=True,
                **data["provider_defaults"],
            )
            _advance(application, provider["status"], verifier, question=question)
            _backdate(application, provider["days_ago"])
            made += 1
        made += _seed_reconfirmations(verifier, data)
        made += _seed_demo_member_application(verifier, data)
        # Demo people are fictional: their emails are marked sent, not sent.
        OutboxMessage.objects.filter(
            pk__gt=last_before, task_name=send_email.name
        ).update(delivered_at=timezone.now())
    stdout.write(
        f"  onboarding: {made} demo applications made (every status; also a "
        "paused member, one asked to re-confirm, an applicant trying again)"
    )


def _seed_reconfirmations(verifier: User | None, data: dict[str, Any]) -> int:
    """A paused member, one asked to re-confirm, an applicant trying again."""
    if verifier is None:
        return 0
    made = 0
    now = timezone.now()
    question = data["question"]
    for row in data["reconfirmations"]:
        user, created = _user(row["email"], row["name"])
        if not created:
            continue
        application = _member_application(user, row["name"], row["email"], data)
        _advance(application, S.APPROVED, verifier, question=question)
        _backdate(application, 400)
        MemberReconfirmation.objects.update_or_create(
            user=user,
            defaults={
                "confirmed_at": now - timedelta(days=400),
                "reminded_at": now - timedelta(days=35 if row["paused"] else 5),
            },
        )
        if row["paused"]:
            services.member_access_pause(record=user.reconfirmation)
        made += 1
    second = data["second_try"]
    user, created = _user(second["email"], second["name"])
    if created:
        application = _member_application(user, second["name"], second["email"], data)
        _advance(application, S.REJECTED, verifier, question=question)
        _backdate(application, 60)
        services.application_restart(application=application, actor=user)
        made += 2
    services.member_reconfirmation_records_create()
    return made


def _seed_demo_member_application(
    verifier: User | None, data: dict[str, Any] | None = None
) -> int:
    """The demo member account was vetted like any member, so what shows its
    vetted facts (a tool review's agency type and country) has them."""
    data = data or demo_data()
    user = User.objects.filter(email="member@hub.example").first()
    if user is None or verifier is None:
        return 0
    if Application.objects.filter(user=user).exists():
        return 0
    application = _member_application(user, user.full_name, user.email, data)
    _advance(application, S.APPROVED, verifier, question=data["question"])
    _backdate(application, 200)
    return 1


def _member_application(
    user: User, name: str, email: str, data: dict[str, Any]
) -> Application:
    return Application.objects.create(
        user=user,
        full_name=name,
        work_email=email,
        supervisor_email=f"head.of.unit@{email.rpartition('@')[2]}",
        consent=True,
        **data["member_application"],
        **data["member_defaults"],
    )
