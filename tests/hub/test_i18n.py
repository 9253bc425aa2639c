import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.translation import to_locale

from accounts.roles import Role
from tests.accounts.factories import UserFactory, log_in

ROOT = Path(__file__).resolve().parents[2]
OTHER_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != "en"]
# The core's catalogues, then each product app's own (see the Makefile).
PRODUCT_APPS = ("onboarding", "tools_catalog", "learning_centre", "community")
CATALOGUE_DIRS = [ROOT / "locale", *(ROOT / app / "locale" for app in PRODUCT_APPS)]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
@pytest.mark.parametrize("directory", CATALOGUE_DIRS, ids=["core", *PRODUCT_APPS])
def test_every_catalogue_is_complete_and_compiles(directory, language):
    path = directory / to_locale(language) / "LC_MESSAGES" / "django.po"
    if directory != ROOT / "locale" and not path.exists():
        pytest.skip(f"{directory.parent.name} has no strings of its own yet")
    catalogue = polib.pofile(str(path))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries() if not e.obsolete]
    assert not untranslated, f"{language}: untranslated {untranslated[:10]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:10]}"
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_arabic_pages_are_right_to_left_and_in_arabic(client: Client):
    page = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "تخطَّ إلى المحتوى الرئيسي" in page or "المحتوى الرئيسي" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "lang"),
    [("", "en"), ("/fr", "fr"), ("/es", "es"), ("/ru", "ru"), ("/zh-hans", "zh-hans")],
)
def test_each_language_has_its_url_prefix_and_is_left_to_right(
    client: Client, prefix, lang
):
    page = client.get(f"{prefix}/").content.decode()
    assert f'<html lang="{lang}" dir="ltr">' in page


@pytest.mark.django_db
def test_the_language_switcher_keeps_the_page_and_remembers_the_choice(client: Client):
    user = UserFactory(role=Role.MEMBER)
    client.force_login(user)
    response = client.post(
        reverse("set-language"), {"language": "fr", "next": "/learn/wellbeing/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/learn/wellbeing/"
    user.refresh_from_db()
    assert user.language == "fr"


@pytest.mark.django_db
def test_an_unknown_language_changes_nothing(client: Client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("set-language"), {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"


@pytest.mark.django_db
def test_signing_in_continues_in_the_remembered_language(client: Client):
    user = UserFactory(role=Role.MEMBER)
    user.language = "ru"
    user.save()
    response = log_in(client, user)  # the password, then the second factor
    assert response.status_code == 302
    assert response["Location"].startswith("/ru/")


@pytest.mark.django_db
def test_every_page_has_a_language_switcher(client: Client):
    page = client.get(reverse("hub:privacy")).content.decode()
    assert 'action="/i18n/setlang/"' in page
    for code, _name in settings.LANGUAGES:
        assert f'value="{code}"' in page
