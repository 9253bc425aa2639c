"""Demo applications: ~30 fictional officers and providers in every status.

All names, agencies and addresses are invented; email domains end in .example.
Idempotent: applicants are looked up by email and skipped when present.
"""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from onboarding import services
from onboarding.models import (
    Application,
    MemberReconfirmation,
    RejectionReason,
    TrustedDomain,
)
from onboarding.screening import application_screen
from outbox.models import OutboxMessage
from outbox.tasks import send_email

S = Application.Status
DEMO_DOMAIN_NOTE = "Demo data"

TRUSTED = [
    ("police.example", "Example National Police", "FR"),
    ("polizei.de.example", "Landespolizei (fictional)", "DE"),
    ("mp.gov.example", "Ministry of Public Security (fictional)", "KE"),
    ("fiscalia.example", "Fiscalía General (fictional)", "CO"),
]
REASONS = [
    ("Not law enforcement", "We could not confirm that you work in law enforcement."),
    ("Supervisor did not confirm", "Your supervisor did not confirm your role."),
    ("Outside the Hub's scope", "Your work is outside the scope of the Hub."),
]
# (name, email, agency, agency type, country, role category, status, days ago)
PEOPLE: list[tuple[str, str, str, str, str, str, str, int]] = [
    (
        "Amara Okafor",
        "a.okafor@npf.ng.example",
        "Nigeria Police Force (demo)",
        "police",
        "NG",
        "investigator",
        S.SUBMITTED,
        1,
    ),
    (
        "Lucía Romero",
        "l.romero@fiscalia.example",
        "Fiscalía General (demo)",
        "prosecution",
        "CO",
        "prosecutor",
        S.SUBMITTED,
        2,
    ),
    (
        "Jonas Weber",
        "j.weber@polizei.de.example",
        "Landespolizei (demo)",
        "police",
        "DE",
        "forensic_examiner",
        S.SUBMITTED,
        7,
    ),
    (
        "Mei Lin",
        "mei.lin@psb.cn.example",
        "Public Security Bureau (demo)",
        "police",
        "CN",
        "analyst",
        S.SUBMITTED,
        9,
    ),
    (
        "Omar Haddad",
        "o.haddad@moi.ae.example",
        "Ministry of Interior (demo)",
        "ministry",
        "AE",
        "senior_official",
        S.SUBMITTED,
        3,
    ),
    (
        "Sofia Rossi",
        "sofia.rossi@gmail.com",
        "Polizia Postale (demo)",
        "police",
        "IT",
        "investigator",
        S.SUBMITTED,
        4,
    ),
    (
        "Kwame Mensah",
        "k.mensah@police.gh.example",
        "Ghana Police Service (demo)",
        "police",
        "GH",
        "victim_identification",
        S.IN_REVIEW,
        6,
    ),
    (
        "Anna Ivanova",
        "a.ivanova@mvd.ru.example",
        "Cyber Unit (demo)",
        "police",
        "RU",
        "analyst",
        S.IN_REVIEW,
        8,
    ),
    (
        "Carlos Mendes",
        "c.mendes@pf.br.example",
        "Polícia Federal (demo)",
        "police",
        "BR",
        "investigator",
        S.IN_REVIEW,
        2,
    ),
    (
        "Priya Sharma",
        "p.sharma@cbi.in.example",
        "Central Bureau (demo)",
        "police",
        "IN",
        "forensic_examiner",
        S.IN_REVIEW,
        12,
    ),
    (
        "Hana Sato",
        "h.sato@npa.jp.example",
        "National Police Agency (demo)",
        "police",
        "JP",
        "trainer",
        S.IN_REVIEW,
        1,
    ),
    (
        "Fatima Zahra",
        "f.zahra@dgsn.ma.example",
        "DGSN (demo)",
        "police",
        "MA",
        "investigator",
        S.NEEDS_INFO,
        5,
    ),
    (
        "Tom Becker",
        "t.becker@customs.example",
        "Customs Service (demo)",
        "customs_border",
        "NL",
        "it_technical",
        S.NEEDS_INFO,
        10,
    ),
    (
        "Nadia Petrova",
        "n.petrova@border.bg.example",
        "Border Police (demo)",
        "customs_border",
        "BG",
        "analyst",
        S.NEEDS_INFO,
        4,
    ),
    (
        "Diego Álvarez",
        "d.alvarez@police.example",
        "Example National Police",
        "police",
        "FR",
        "investigator",
        S.APPROVED,
        20,
    ),
    (
        "Grace Njeri",
        "g.njeri@mp.gov.example",
        "Ministry of Public Security (demo)",
        "ministry",
        "KE",
        "procurement",
        S.APPROVED,
        30,
    ),
    (
        "Lars Nilsson",
        "l.nilsson@polisen.se.example",
        "Polisen (demo)",
        "police",
        "SE",
        "forensic_examiner",
        S.APPROVED,
        45,
    ),
    (
        "Aisha Bello",
        "a.bello@interpol-like.example",
        "International Liaison Office (demo)",
        "international_org",
        "FR",
        "analyst",
        S.APPROVED,
        14,
    ),
    (
        "Yusuf Demir",
        "y.demir@egm.tr.example",
        "Police Directorate (demo)",
        "police",
        "TR",
        "investigator",
        S.APPROVED,
        60,
    ),
    (
        "Elena García",
        "e.garcia@guardia.es.example",
        "Guardia Civil (demo)",
        "military_police",
        "ES",
        "victim_identification",
        S.APPROVED,
        25,
    ),
    (
        "John Smith",
        "john.smith@yopmail.com",
        "Unknown agency (demo)",
        "other",
        "US",
        "investigator",
        S.REJECTED,
        40,
    ),
    (
        "Marta Nowak",
        "m.nowak@ngo.pl.example",
        "Child Safety NGO (demo)",
        "ngo_partner",
        "PL",
        "trainer",
        S.REJECTED,
        35,
    ),
    (
        "Ahmed Saleh",
        "a.saleh@mail.example",
        "Private Security (demo)",
        "other",
        "EG",
        "it_technical",
        S.REJECTED,
        200,
    ),
    (
        "Chloé Martin",
        "c.martin@police.example",
        "Example National Police",
        "police",
        "FR",
        "analyst",
        S.WITHDRAWN,
        15,
    ),
    (
        "Ravi Patel",
        "r.patel@police.uk.example",
        "Metropolitan Unit (demo)",
        "police",
        "GB",
        "investigator",
        S.EXPIRED,
        50,
    ),
    (
        "Ingrid Berg",
        "i.berg@politiet.no.example",
        "Politiet (demo)",
        "police",
        "NO",
        "analyst",
        S.DRAFT,
        1,
    ),
    (
        "Wei Zhang",
        "w.zhang@police.sg.example",
        "Police Force (demo)",
        "police",
        "SG",
        "forensic_examiner",
        S.DRAFT,
        2,
    ),
]
PROVIDERS: list[tuple[str, str, str, str, str, str, int]] = [
    (
        "Sam Carter",
        "sam@brightlens.example",
        "BrightLens Analytics (demo)",
        "https://brightlens.example",
        "GB",
        S.SUBMITTED,
        3,
    ),
    (
        "Noor Aziz",
        "noor@safeframe.example",
        "SafeFrame Lab (demo)",
        "https://safeframe.example",
        "AE",
        S.IN_REVIEW,
        6,
    ),
    (
        "Leo Dubois",
        "leo@trieur.example",
        "Trieur IA (demo)",
        "https://trieur.example",
        "FR",
        S.APPROVED,
        22,
    ),
]


def _user(email: str, name: str, language: str = "en") -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "language": language}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user, created


def _advance(application: Application, status: str, verifier: User | None) -> None:
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
            question="Could you tell us the name of your unit's commanding officer?",
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
    for domain, organisation, country in TRUSTED:
        TrustedDomain.objects.get_or_create(
            domain=domain, defaults={"organisation": organisation, "country": country}
        )
    for title, text in REASONS:
        RejectionReason.objects.get_or_create(title=title, defaults={"text": text})
    verifier = User.objects.filter(groups__name=Role.VERIFIER).order_by("pk").first()
    made = 0
    first_message = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True)
    last_before = first_message.first() or 0
    with transaction.atomic():
        for name, email, agency, agency_type, country, role, status, days in PEOPLE:
            user, created = _user(email, name)
            if not created:
                continue
            application = Application.objects.create(
                user=user,
                full_name=name,
                work_email=email,
                agency_name=agency,
                agency_type=agency_type,
                country=country,
                unit="Child Protection Unit",
                job_title="Officer",
                role_category=role,
                years_in_role=(days % 12) + 1,
                supervisor_name="Head of Unit (demo)",
                supervisor_email=f"head.of.unit@{email.rpartition('@')[2]}",
                supervisor_phone="+00 000 000 000",
                languages=["en"],
                heard_about="Conference (demo)",
                consent=True,
            )
            _advance(application, status, verifier)
            _backdate(application, days)
            made += 1
        for name, email, org, website, country, status, days in PROVIDERS:
            user, created = _user(email, name)
            if not created:
                continue
            application = Application.objects.create(
                user=user,
                kind=Application.Kind.PROVIDER,
                full_name=name,
                work_email=email,
                organisation_name=org,
                website=website,
                provider_type=Application.ProviderType.COMPANY,
                country=country,
                job_title="Head of partnerships",
                tools_offered="Image and video triage for investigators (demo).",
                consent=True,
            )
            _advance(application, status, verifier)
            _backdate(application, days)
            made += 1
        made += _seed_reconfirmations(verifier)
        made += _seed_demo_member_application(verifier)
        # Demo people are fictional: their emails are marked sent, not sent.
        OutboxMessage.objects.filter(
            pk__gt=last_before, task_name=send_email.name
        ).update(delivered_at=timezone.now())
    stdout.write(
        f"  onboarding: {made} demo applications made (every status; also a "
        "paused member, one asked to re-confirm, an applicant trying again)"
    )


def _seed_reconfirmations(verifier: User | None) -> int:
    """A paused member, one asked to re-confirm, an applicant trying again."""
    if verifier is None:
        return 0
    made = 0
    now = timezone.now()
    for email, name, paused in (
        ("lena.paused@polizei.demo.example", "Lena Vogt (demo)", True),
        ("omar.reminded@police.demo.example", "Omar Haddad (demo)", False),
    ):
        user, created = _user(email, name)
        if not created:
            continue
        application = _member_application(user, name, email)
        _advance(application, S.APPROVED, verifier)
        _backdate(application, 400)
        MemberReconfirmation.objects.update_or_create(
            user=user,
            defaults={
                "confirmed_at": now - timedelta(days=400),
                "reminded_at": now - timedelta(days=35 if paused else 5),
            },
        )
        if paused:
            services.member_access_pause(record=user.reconfirmation)
        made += 1
    user, created = _user("second.try@policia.demo.example", "Inés Ruiz (demo)")
    if created:
        application = _member_application(
            user, "Inés Ruiz (demo)", "second.try@policia.demo.example"
        )
        _advance(application, S.REJECTED, verifier)
        _backdate(application, 60)
        services.application_restart(application=application, actor=user)
        made += 2
    services.member_reconfirmation_records_create()
    return made


def _seed_demo_member_application(verifier: User | None) -> int:
    """The demo member account was vetted like any member, so what shows its
    vetted facts (a tool review's agency type and country) has them."""
    user = User.objects.filter(email="member@hub.example").first()
    if user is None or verifier is None:
        return 0
    if Application.objects.filter(user=user).exists():
        return 0
    application = _member_application(user, user.full_name, user.email)
    _advance(application, S.APPROVED, verifier)
    _backdate(application, 200)
    return 1


def _member_application(user: User, name: str, email: str) -> Application:
    return Application.objects.create(
        user=user,
        full_name=name,
        work_email=email,
        agency_name="Demo Police Service",
        agency_type=Application.AgencyType.POLICE,
        country="DE",
        unit="Child Protection Unit",
        job_title="Officer",
        role_category=Application.RoleCategory.INVESTIGATOR,
        years_in_role=5,
        supervisor_name="Head of Unit (demo)",
        supervisor_email=f"head.of.unit@{email.rpartition('@')[2]}",
        supervisor_phone="+00 000 000 000",
        languages=["en"],
        consent=True,
    )
