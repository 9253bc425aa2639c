"""The same page in another language: the URL prefix added, replaced or removed.

English (``LANGUAGE_CODE``) is unprefixed (``i18n_patterns(...,
prefix_default_language=False)``); every other language has ``/<code>/``. Paths
outside ``i18n_patterns`` (``/health/``, ``/i18n/setlang/``, static files) are
the same in every language and are left as they are.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import is_valid_path
from django.utils import translation


def _prefix_language(path: str) -> str | None:
    """The language whose prefix ``path`` starts with, exactly as written."""
    segment = path.lstrip("/").split("/", 1)[0]
    codes = {code for code, _name in settings.LANGUAGES}
    return segment if segment in codes else None


def path_unprefixed(path: str) -> str:
    """``path`` without its language prefix (``/ar/tools/`` → ``/tools/``)."""
    language = _prefix_language(path)
    if language is None:
        return path
    return path[len(language) + 1 :] or "/"


def path_for_language(path: str, *, language: str) -> str:
    """``path`` (a path, with its query and fragment if any) in ``language``.

    ``/ru/tools/?q=x`` in Chinese is ``/zh-hans/tools/?q=x``, in English
    ``/tools/?q=x``. A path outside the translated URLs keeps its form. A path
    that matches nothing yet (a 404) still gets the prefix, so the visitor reads
    the "not found" page in the language they chose.
    """
    parts = urlsplit(path)
    # One leading slash: "/ar//evil.example/" must not become "//evil.example/",
    # which a browser reads as another site.
    bare = "/" + path_unprefixed(parts.path or "/").lstrip("/\\")
    if language == settings.LANGUAGE_CODE:
        localized = bare
    else:
        localized = f"/{language}{bare}"
        with translation.override(language):
            translated = is_valid_path(localized)
        if not translated:
            with translation.override(settings.LANGUAGE_CODE):
                if is_valid_path(bare):  # same in every language: /health/
                    localized = bare
    return urlunsplit(("", "", localized, parts.query, parts.fragment))


def url_for_language(url: str, *, language: str, base: str = "") -> str:
    """An absolute URL on ``base`` (or a path) with ``language``'s prefix."""
    if base and not (url == base or url.startswith(base + "/")):
        return url
    return base + path_for_language(url[len(base) :] or "/", language=language)
