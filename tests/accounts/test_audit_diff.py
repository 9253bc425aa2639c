"""The audit log shows before/after as a readable diff, with field labels."""

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import AuditAction
from accounts.roles import Role
from accounts.selectors import audit_event_changes
from onboarding import services as onboarding_services
from tests.accounts.factories import UserFactory
from tests.onboarding.factories import SubmittedApplicationFactory

pytestmark = pytest.mark.django_db


def test_a_status_change_reads_with_labels_and_choice_labels():
    verifier = UserFactory(role=Role.VERIFIER, full_name="Vera Verifier")
    application = SubmittedApplicationFactory()
    onboarding_services.application_claim(application=application, actor=verifier)
    from accounts.models import AuditEvent

    event = AuditEvent.objects.get(action="application_claimed")
    [(_event, changes)] = audit_event_changes(events=[event])
    rows = {c.label: (c.before, c.after) for c in changes}
    assert rows["Status"] == ("Submitted", "In review")
    assert rows["Assignee"] == ("—", f"Vera Verifier <{verifier.email}>")


def test_unknown_keys_and_values_still_read():
    admin = UserFactory(role=Role.ADMIN)
    event = services.audit_event_record(
        actor=admin,
        action=AuditAction.ACCOUNT_UPDATED,
        target=admin,
        before={"is_active": True, "odd_key": [1, 2]},
        after={"is_active": False, "odd_key": [1, 2]},
    )
    [(_event, changes)] = audit_event_changes(events=[event])
    rows = {c.label: c for c in changes}
    assert (rows["Active"].before, rows["Active"].after) == ("Yes", "No")
    assert rows["Active"].changed
    assert rows["Odd key"].before == "1, 2"
    assert not rows["Odd key"].changed


def test_the_audit_page_shows_a_diff_not_python_dicts(admin_client, admin_user):
    verifier = UserFactory(role=Role.VERIFIER)
    onboarding_services.application_claim(
        application=SubmittedApplicationFactory(), actor=verifier
    )
    page = admin_client.get(reverse("accounts:audit-list")).content.decode()
    assert "{&#x27;status&#x27;" not in page
    assert "{'status'" not in page
    assert "Submitted" in page
    assert "In review" in page
    assert "<del>" in page
    assert "<ins>" in page
