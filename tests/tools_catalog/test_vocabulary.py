"""The curated vocabulary: every raw value of the source sheet mapped, every
term translated, names shown in the reader's language, terms merged (never
deleted while in use) by editors, and a provider kept within the vocabulary."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditEvent
from accounts.roles import Role
from tests.accounts.factories import UserFactory, reauthenticate
from tests.tools_catalog.factories import ProviderFactory, ToolFactory
from tools_catalog import services, vocabulary
from tools_catalog.demo_catalogue import load_demo_catalogue
from tools_catalog.models import (
    Capability,
    CapabilityGroup,
    DataType,
    DeploymentMode,
    Integration,
    ListingRevision,
    SupportedLanguage,
    TermInUseError,
    Tool,
)
from tools_catalog.services import TermMergeError

pytestmark = pytest.mark.django_db

LIST = "tools_catalog:tool-list"
MODELS = {
    "capabilities": Capability,
    "data_types": DataType,
    "deployments": DeploymentMode,
    "languages": SupportedLanguage,
    "integrations": Integration,
}


# --- The mapping ----------------------------------------------------------------


def test_every_raw_value_of_the_sheet_maps_to_curated_terms():
    assert vocabulary.mapping_problems() == []
    raw = vocabulary.sheet_raw_values()
    table = vocabulary.mapping()
    # Nothing stale either: every entry is a value the sheet has.
    assert set(table["capabilities"]) == raw["capabilities"]
    assert set(table["deployments"]) == raw["deployments"]
    # The vocabulary stays curated: a handful of groups, 25-40 capabilities.
    capabilities = vocabulary.vocabulary()["capabilities"]
    assert 25 <= len(capabilities) <= 40
    assert {c["group"] for c in capabilities} == set(CapabilityGroup.values)


def test_a_raw_value_mapped_to_nothing_stops_the_loader_and_names_it(monkeypatch):
    table = {
        "capabilities": dict(vocabulary.mapping()["capabilities"]),
        "deployments": vocabulary.mapping()["deployments"],
    }
    del table["capabilities"]["perceptual hashing"]
    monkeypatch.setattr(vocabulary, "mapping", lambda: table)
    assert "capability 'perceptual hashing' is mapped to no curated term" in (
        vocabulary.mapping_problems()
    )
    with pytest.raises(vocabulary.UnmappedValueError, match="perceptual hashing"):
        load_demo_catalogue()
    assert not Tool.objects.exists()  # nothing half-loaded


def test_the_demo_catalogue_uses_only_the_curated_vocabulary():
    load_demo_catalogue()
    for section, model in MODELS.items():
        assert set(model.objects.values_list("slug", flat=True)) == (
            vocabulary.curated_slugs(section)
        ), section
    photodna = Tool.objects.get(slug="photodna")
    assert {c.slug for c in photodna.capabilities.all()} == {
        "hash-matching",
        "perceptual-hashing",
        "deduplication",
    }
    assert {d.slug for d in photodna.data_types.all()} == {"images"}
    # Languages from the public facts where known; the rest not disclosed.
    arachnid = Tool.objects.get(slug="project-arachnid")
    assert {lang.slug for lang in arachnid.languages.all()} == {"en", "fr"}
    assert Tool.objects.filter(languages__isnull=True).count() > 50
    # Uncertain values are not asserted: "OSINT?" gives Epieos no capability.
    assert not Tool.objects.get(slug="epieos").capabilities.exists()


def test_older_raw_terms_and_duplicates_are_moved_onto_the_curated_terms():
    """What the data migration does to a database loaded by the old loader."""
    raw = Capability.objects.create(name="hash databases", slug="hash-databases")
    duplicate = DataType.objects.create(name="Text and chat", slug="text-and-chat")
    tool = ToolFactory()
    tool.capabilities.add(raw)
    tool.data_types.add(duplicate)
    vocabulary.vocabulary_sync(models=MODELS, tool_model=Tool)
    vocabulary.raw_terms_map(models=MODELS, tool_model=Tool)
    assert [c.slug for c in tool.capabilities.all()] == ["known-material-databases"]
    assert [d.slug for d in tool.data_types.all()] == ["text-chat"]
    assert not Capability.objects.filter(slug="hash-databases").exists()
    assert not DataType.objects.filter(slug="text-and-chat").exists()


# --- Translations -----------------------------------------------------------------


@pytest.mark.parametrize("language", vocabulary.TRANSLATED_LANGUAGES)
def test_every_curated_term_is_translated(language):
    for section in vocabulary.TRANSLATED_SECTIONS:
        for term in MODELS[section].objects.all():
            with translation.override(language):
                assert term.local_name != "", (section, term.slug)
                assert term.translations[language]["name"], (section, term.slug)
                if term.definition:
                    assert term.translations[language]["definition"], term.slug
    english = {g.value: str(g.label) for g in CapabilityGroup}
    with translation.override(language):
        for group in CapabilityGroup:
            assert str(group.label) != english[group.value], (language, group)


@pytest.mark.parametrize(
    ("prefix", "capability", "data_type", "group"),
    [
        ("/ar", "تصنيف الصور", "الصور", "الكشف والتصنيف"),
        ("/zh-hans", "图像分类", "图像", "检测与分类"),
        ("/fr", "Classification d'images", "Images", "Détection et classification"),
    ],
)
def test_facets_chips_and_the_tool_page_speak_the_readers_language(
    member_client: Client, prefix, capability, data_type, group
):
    tool = ToolFactory(name="Finder")
    tool.capabilities.add(Capability.objects.get(slug="image-classification"))
    tool.data_types.add(DataType.objects.get(slug="images"))
    browse = member_client.get(f"{prefix}/tools/").content.decode()
    assert re.search(
        rf"<bdi>{re.escape(capability)}</bdi> ?[(\uff08]1[)\uff09]",
        browse.replace("&#x27;", "'"),
    )
    assert group in browse
    assert "Image classification" not in browse
    page = member_client.get(f"{prefix}/tools/{tool.slug}/").content.decode()
    page = page.replace("&#x27;", "'")
    assert capability in page
    assert data_type in page


def test_each_term_shows_its_definition_as_help(member_client: Client):
    tool = ToolFactory()
    tool.capabilities.add(Capability.objects.get(slug="hash-matching"))
    definition = Capability.objects.get(slug="hash-matching").definition
    browse = member_client.get(reverse(LIST)).content.decode()
    # Tied to its checkbox, so a screen reader reads it with the option.
    assert 'aria-describedby="capability-hash-matching-h"' in browse
    assert 'id="capability-hash-matching-h"' in browse
    assert definition in browse
    assert definition in member_client.get(tool.get_absolute_url()).content.decode()


def test_the_language_facet_offers_languages_and_not_disclosed(member_client):
    english = ToolFactory(name="Speaks English")
    english.languages.add(SupportedLanguage.objects.get(slug="en"))
    ToolFactory(name="Says nothing")
    response = member_client.get(reverse(LIST))
    (facet,) = [f for f in response.context["facets"] if f.name == "language"]
    choices = {c.value: c.text for _group, cs in facet.groups for c in cs}
    assert choices["en"] == "<bdi>English</bdi> (1)"
    assert choices["not_disclosed"] == "<bdi>Not disclosed</bdi> (1)"
    undisclosed = member_client.get(reverse(LIST), {"language": "not_disclosed"})
    assert [t.name for t in undisclosed.context["page_obj"]] == ["Says nothing"]
    both = member_client.get(reverse(LIST), {"language": ["en", "not_disclosed"]})
    assert both.context["page_obj"].paginator.count == 2


# --- Editors: merge, never delete a term in use -------------------------------------


@pytest.fixture
def editor_client():
    client = Client()  # not the member's: both sign in during one test
    editor = UserFactory(role=Role.CATALOGUE_EDITOR)
    client.force_login(editor)
    reauthenticate(client)  # deleting in the admin asks for the password again
    client.editor = editor
    return client


def _changelist(model="capability"):
    return reverse(f"admin:tools_catalog_{model}_changelist")


def test_an_editor_merges_a_term_and_its_tools_move_over(
    editor_client: Client, member_client: Client
):
    source = Capability.objects.create(
        name="Hash lists", slug="hash-lists", group="hashing"
    )
    target = Capability.objects.get(slug="known-material-databases")
    tool = ToolFactory(name="Finder", capabilities=[source])
    both = ToolFactory(name="Both", capabilities=[source, target])
    rep = UserFactory(role=Role.PROVIDER)
    revision = ListingRevision.objects.create(
        tool=tool,
        proposed={"capabilities": ["hash-lists", "triage"]},
        created_by=rep,
    )
    # The browse page has counted (and cached) the old term.
    assert (
        "<bdi>Hash lists</bdi> (2)" in member_client.get(reverse(LIST)).content.decode()
    )

    page = editor_client.post(
        _changelist(),
        {"action": "merge_terms", "_selected_action": [source.pk]},
    )
    assert page.status_code == 200
    assert "Merge into" in page.content.decode()
    done = editor_client.post(
        _changelist(),
        {
            "action": "merge_terms",
            "_selected_action": [source.pk],
            "apply": "1",
            "target": target.pk,
        },
        follow=True,
    )
    assert "2 tools moved" in done.content.decode()
    assert not Capability.objects.filter(slug="hash-lists").exists()
    assert list(tool.capabilities.all()) == [target]
    assert list(both.capabilities.all()) == [target]
    revision.refresh_from_db()
    assert revision.proposed["capabilities"] == ["known-material-databases", "triage"]
    event = AuditEvent.objects.get(action="tool_term_merged")
    assert event.actor == editor_client.editor
    assert event.before["slug"] == "hash-lists"
    assert event.after["slug"] == "known-material-databases"
    # The merge is seen at once: the catalogue version moved.
    browse = member_client.get(reverse(LIST)).content.decode()
    assert "Hash lists" not in browse
    assert f"<bdi>{target.name}</bdi> (2)" in browse


def test_merging_a_term_into_itself_is_a_message_not_an_error(editor_client):
    term = Capability.objects.get(slug="triage")
    tool = ToolFactory(capabilities=[term])
    response = editor_client.post(
        _changelist(),
        {
            "action": "merge_terms",
            "_selected_action": [term.pk],
            "apply": "1",
            "target": term.pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "cannot be merged into itself" in response.content.decode()
    assert list(tool.capabilities.all()) == [term]
    assert not AuditEvent.objects.filter(action="tool_term_merged").exists()
    with pytest.raises(TermMergeError):
        services.term_merge(actor=editor_client.editor, source=term, target=term)
    with pytest.raises(TermMergeError):
        services.term_merge(
            actor=editor_client.editor,
            source=term,
            target=DataType.objects.get(slug="images"),
        )


def test_a_term_in_use_cannot_be_deleted_and_the_page_says_why(editor_client):
    term = Capability.objects.get(slug="triage")
    ToolFactory(capabilities=[term])
    url = reverse("admin:tools_catalog_capability_delete", args=[term.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    assert "is used by 1 tool: merge it into another term instead" in (
        page.content.decode()
    )
    refused = editor_client.post(url, {"post": "yes"})
    assert refused.status_code == 200
    assert Capability.objects.filter(pk=term.pk).exists()
    bulk = editor_client.post(
        _changelist(),
        {"action": "delete_selected", "_selected_action": [term.pk], "post": "yes"},
    )
    assert bulk.status_code == 200
    assert Capability.objects.filter(pk=term.pk).exists()
    with pytest.raises(TermInUseError):
        term.delete()
    assert not AuditEvent.objects.filter(action="admin_delete").exists()


def test_an_unused_term_can_be_deleted(editor_client):
    term = Capability.objects.create(name="Unused", slug="unused", group="case")
    url = reverse("admin:tools_catalog_capability_delete", args=[term.pk])
    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Capability.objects.filter(pk=term.pk).exists()
    assert AuditEvent.objects.filter(action="admin_delete").exists()


def test_renaming_a_term_in_the_admin_shows_at_once_in_every_language(
    editor_client: Client, member_client: Client
):
    term = Capability.objects.get(slug="triage")
    ToolFactory(capabilities=[term])
    assert "<bdi>Triage</bdi> (1)" in member_client.get(reverse(LIST)).content.decode()
    cache.clear()  # only the version may invalidate: keep nothing else warm
    member_client.get(reverse(LIST))
    response = editor_client.post(
        reverse("admin:tools_catalog_capability_change", args=[term.pk]),
        {
            "name": "Rapid triage",
            "slug": "triage",
            "group": "triage",
            "definition": term.definition,
            "name__fr": "Tri rapide",
        },
    )
    assert response.status_code == 302
    assert (
        "<bdi>Rapid triage</bdi> (1)"
        in member_client.get(reverse(LIST)).content.decode()
    )
    assert (
        "<bdi>Tri rapide</bdi> (1)" in member_client.get("/fr/tools/").content.decode()
    )


def test_a_term_no_tool_uses_is_renamed_at_once_on_the_browse_page(
    editor_client: Client, member_client: Client
):
    ToolFactory()
    term = DataType.objects.get(slug="audio")
    ticked = {"data_type": "audio"}  # an option no tool has shows when ticked
    assert (
        "<bdi>Audio</bdi> (0)"
        in member_client.get(reverse(LIST), ticked).content.decode()
    )
    response = editor_client.post(
        reverse("admin:tools_catalog_datatype_change", args=[term.pk]),
        {
            "name": "Sound",
            "slug": "audio",
            "definition": term.definition,
        },
    )
    assert response.status_code == 302
    browse = member_client.get(reverse(LIST), ticked).content.decode()
    assert "<bdi>Sound</bdi> (0)" in browse
    assert "<bdi>Audio</bdi> (0)" not in browse


# --- Providers stay within the vocabulary -----------------------------------------


def test_a_provider_posting_a_value_outside_the_vocabulary_gets_a_clear_error(
    client: Client,
):
    rep = UserFactory(role=Role.PROVIDER)
    ProviderFactory(representatives=[rep])
    client.force_login(rep)
    url = reverse("tools_catalog:provider-tool-create")
    form_page = client.get(url).content.decode()
    # Every vocabulary field offers the curated terms, languages included.
    assert ">English</option>" in form_page
    assert ">Image classification</option>" in form_page
    image_classification = Capability.objects.get(slug="image-classification")
    response = client.post(
        url,
        {
            "name": "Finder",
            "summary": "Finds.",
            "description": "Finds things in seized media.",
            "data_leaves_premises": "not_disclosed",
            "cost_model": "commercial",
            "maturity": "pilot",
            "capabilities": [image_classification.slug, "hash-databases"],
            "languages": [999999],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "“hash-databases” is not in the catalogue&#x27;s vocabulary" in html
    assert "“999999” is not in the catalogue&#x27;s vocabulary" in html
    # Nothing lost: what was typed is still in the form.
    assert 'value="Finder"' in html
    assert "Finds things in seized media." in html
    assert not Tool.objects.filter(name="Finder").exists()
