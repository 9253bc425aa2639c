"""Demo accounts: one per role, all with the same documented password."""

from dataclasses import dataclass
from typing import TextIO

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import User
from accounts.roles import Role
from accounts.services import role_grant

DEMO_PASSWORD = "hub-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    roles: tuple[Role, ...]
    label: str


DEMO_ACCOUNTS = (
    DemoAccount("applicant@hub.example", "Alex Applicant", (), "applicant"),
    DemoAccount("member@hub.example", "Maria Member", (Role.MEMBER,), "member"),
    DemoAccount("provider@hub.example", "Priya Provider", (Role.PROVIDER,), "provider"),
    DemoAccount(
        "verifier@hub.example", "Victor Verifier", (Role.VERIFIER,), "verifier"
    ),
    DemoAccount(
        "editor@hub.example",
        "Elena Editor",
        (Role.CATALOGUE_EDITOR,),
        "catalogue editor",
    ),
    DemoAccount(
        "moderator@hub.example", "Omar Moderator", (Role.MODERATOR,), "moderator"
    ),
    DemoAccount("admin@hub.example", "Ada Admin", (Role.ADMIN,), "admin"),
)


@transaction.atomic
def seed_accounts() -> list[tuple[DemoAccount, bool]]:
    """Create the demo accounts that are missing. Safe to run again."""
    results = []
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=account.email, defaults={"full_name": account.full_name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user,
            email=account.email,
            defaults={"verified": True, "primary": True},
        )
        for role in account.roles:
            role_grant(actor=None, user=user, role=role)
        results.append((account, created))
    return results


def seed(stdout: TextIO) -> None:
    stdout.write("Demo accounts (one per role):\n")
    for account, created in seed_accounts():
        state = "created" if created else "exists"
        stdout.write(f"  {account.label:<17} {account.email:<24} ({state})\n")
