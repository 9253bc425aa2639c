"""Screening: signals a verifier reads. It never decides."""

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.roles import Role
from accounts.selectors import user_roles
from onboarding import conf
from onboarding.models import Application, ConfirmationRequest, Signal, TrustedDomain
from onboarding.selectors import active_member_by_email
from tools_catalog.selectors import provider_lookalike_list, provider_named

Code, Level = Signal.Code, Signal.Level

# Country-code TLDs that differ from the ISO code.
TLD_ALIASES = {"uk": "GB"}
GENERIC_TLDS = frozenset({"com", "org", "net", "int", "gov", "mil", "edu", "example"})


def _trusted_domain(domain: str) -> TrustedDomain | None:
    if not domain:
        return None
    parts = domain.split(".")
    candidates = [".".join(parts[i:]) for i in range(len(parts) - 1)]
    return TrustedDomain.objects.filter(domain__in=candidates).first()


def _organisation_signals(name: str) -> list[tuple[str, str, dict[str, Any]]]:
    """A claim on an organisation already on the Hub, or a name made to look
    like one ("Th0rn", "Thorn, Inc.", a Cyrillic o for a Latin one)."""
    found: list[tuple[str, str, dict[str, Any]]] = []
    if not name.strip():
        return found
    existing = provider_named(name=name)
    if existing is not None:
        params = {"name": existing.name, "count": existing.representatives.count()}
        found.append((Code.ORGANISATION_EXISTS, Level.WARNING, params))
    lookalikes = provider_lookalike_list(name=name)
    if lookalikes:
        others = ", ".join(provider.name for provider in lookalikes[:5])
        params = {"name": name.strip(), "others": others}
        found.append((Code.ORGANISATION_LOOKALIKE, Level.WARNING, params))
    return found


def signals_compute(
    *, application: Application
) -> list[tuple[str, str, dict[str, Any]]]:
    """(code, level, params) for every finding; reads only."""
    found: list[tuple[str, str, dict[str, Any]]] = []
    domain = application.work_email_domain
    trusted = _trusted_domain(domain)
    if trusted is not None:
        found.append(
            (
                Code.TRUSTED_DOMAIN,
                Level.GOOD,
                {"domain": domain, "organisation": trusted.organisation or domain},
            )
        )
    elif domain in conf.WEBMAIL_DOMAINS:
        found.append((Code.WEBMAIL, Level.WARNING, {"domain": domain}))
    elif domain:
        found.append((Code.UNKNOWN_DOMAIN, Level.INFO, {"domain": domain}))

    tld = domain.rpartition(".")[2]
    country = str(application.country)
    if tld and country and tld not in GENERIC_TLDS and len(tld) == 2:
        if TLD_ALIASES.get(tld, tld.upper()) == country:
            found.append((Code.TLD_MATCH, Level.GOOD, {"tld": tld}))
        else:
            country_name = str(application.country.name)  # type: ignore[attr-defined]
            found.append(
                (
                    Code.TLD_MISMATCH,
                    Level.WARNING,
                    {"tld": tld, "country": country_name},
                )
            )

    others = Application.objects.exclude(pk=application.pk).exclude(
        status=Application.Status.DRAFT
    )
    same_person = Q()
    if application.work_email:
        same_person |= Q(work_email__iexact=application.work_email)
    if application.full_name and application.agency_name:
        same_person |= Q(
            full_name__iexact=application.full_name,
            agency_name__iexact=application.agency_name,
        )
    if same_person:
        duplicates = others.filter(same_person).exclude(
            status=Application.Status.REJECTED
        )
        if count := duplicates.count():
            found.append((Code.DUPLICATE, Level.WARNING, {"count": count}))
    rejected = others.filter(status=Application.Status.REJECTED)
    rejected_person = same_person
    if application.user_id:
        rejected_person |= Q(user_id=application.user_id)
    if rejected_person and (count := rejected.filter(rejected_person).count()):
        found.append((Code.EARLIER_REJECTION, Level.WARNING, {"count": count}))

    if application.supervisor_email:
        reused = others.filter(
            supervisor_email__iexact=application.supervisor_email
        ).count()
        if reused > conf.supervisor_reuse_threshold():
            found.append(
                (
                    Code.SUPERVISOR_REUSED,
                    Level.WARNING,
                    {"email": application.supervisor_email, "count": reused},
                )
            )

    if application.kind == Application.Kind.PROVIDER:
        found.extend(_organisation_signals(application.organisation_name))

    # ``referee`` is set by the referee task, which may run after this one:
    # until then, the email the applicant typed is looked up here.
    referee = application.referee
    if referee is None and application.referee_email:
        referee = active_member_by_email(email=application.referee_email)
        if referee is not None and referee.pk == application.user_id:
            referee = None
        if referee is None:
            email = application.referee_email
            found.append((Code.REFEREE_UNKNOWN, Level.WARNING, {"email": email}))
    if referee is not None:
        name = str(referee)
        if referee.is_active and Role.MEMBER in user_roles(user=referee):
            found.append(_referee_answer_signal(application, referee, name))
        else:
            found.append((Code.REFEREE_INACTIVE, Level.WARNING, {"name": name}))
    return found


def _referee_answer_signal(
    application: Application, referee: Any, name: str
) -> tuple[str, str, dict[str, Any]]:
    """Naming a member is no reference: only their answer through the signed
    link is. Reassuring once they vouched; a warning if they declined (a "no"
    is never outweighed by a later "yes"); until then, for information."""
    answers = set(
        ConfirmationRequest.objects.filter(
            application=application,
            kind=ConfirmationRequest.Kind.REFEREE,
            email__iexact=referee.email,
            answered_at__isnull=False,
        ).values_list("answer", flat=True)
    )
    if False in answers:
        return (Code.REFEREE_DECLINED, Level.WARNING, {"name": name})
    if True in answers:
        return (Code.REFEREE_ACTIVE, Level.GOOD, {"name": name})
    return (Code.REFEREE_PENDING, Level.INFO, {"name": name})


@transaction.atomic
def application_screen(*, application: Application) -> list[Signal]:
    """Replace the application's signals with fresh ones. Safe to run again."""
    found = signals_compute(application=application)
    application.signals.all().delete()
    signals = Signal.objects.bulk_create(
        Signal(application=application, code=code, level=level, params=params)
        for code, level, params in found
    )
    Application.objects.filter(pk=application.pk).update(screened_at=timezone.now())
    return signals
