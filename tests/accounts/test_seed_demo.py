import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from accounts.management.commands.seed_demo import demo_seeders
from accounts.models import AuditAction, AuditEvent, User
from accounts.selectors import user_is_applicant, user_roles
from tests.hub.test_security import production_env

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_seed_demo_creates_one_account_per_role_and_runs_twice(capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    demo_accounts = User.objects.filter(email__endswith="@hub.example")
    assert demo_accounts.count() == len(DEMO_ACCOUNTS)
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(email=account.email)
        assert user.check_password(DEMO_PASSWORD)
        assert user_roles(user=user) == frozenset(account.roles)
        assert user.emailaddress_set.get().verified
    assert user_is_applicant(user=User.objects.get(email="applicant@hub.example"))
    output = capsys.readouterr().out
    assert "admin@hub.example" in output
    assert DEMO_PASSWORD in output
    # Seeding the accounts is not a staff action: their roles have no actor.
    account_roles = AuditEvent.objects.filter(
        action=AuditAction.ROLE_GRANTED,
        target_id__in=[str(pk) for pk in demo_accounts.values_list("pk", flat=True)],
    )
    assert account_roles.exists()
    assert not account_roles.filter(actor__isnull=False).exists()


def test_seed_demo_is_refused_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "seed_demo is refused" in result.stderr


def test_seed_demo_discovers_every_app_demo_module_in_the_declared_order():
    assert [label for label, _module in demo_seeders()] == [
        "accounts",
        "learning_centre",
        "tools_catalog",
        "onboarding",
        "community",
    ]
