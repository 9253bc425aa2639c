"""Migration 0004 gives every existing profile a random public id and moves the
"show my name" choice to the account."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("community", "0003_search_vectors"), ("accounts", "0007_user_show_name")]
AFTER = [("community", "0004_profile_public_id_show_name_on_account")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    """Whatever later migrations exist, the next tests get them back."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_profiles_get_public_ids_and_keep_their_name_choice():
    old = _migrate(BEFORE)
    user_model = old.get_model("accounts", "User")
    profile_model = old.get_model("community", "MemberProfile")
    shown = user_model.objects.create(email="shown@police.example", full_name="Shown")
    hidden = user_model.objects.create(email="hidden@police.example", full_name="H")
    profile_model.objects.create(user=shown, show_name=True)
    profile_model.objects.create(user=hidden, show_name=False)

    new = _migrate(AFTER)
    user_model = new.get_model("accounts", "User")
    profile_model = new.get_model("community", "MemberProfile")
    ids = list(profile_model.objects.values_list("public_id", flat=True))
    assert len(ids) == 2
    assert len(set(ids)) == 2
    assert all(len(public_id) >= 16 for public_id in ids)
    assert user_model.objects.get(email="shown@police.example").show_name is True
    assert user_model.objects.get(email="hidden@police.example").show_name is False
