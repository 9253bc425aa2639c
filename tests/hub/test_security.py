"""Production settings, checked in a fresh interpreter so nothing leaks from test.py."""

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "hub.settings.production",
    "DJANGO_SECRET_KEY": "x" * 40 + "-not-a-real-secret-only-for-this-check",
    "DJANGO_ALLOWED_HOSTS": "hub.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "EMAIL_URL": "smtp+tls://mail.example.org:587",
}


def production_env(**extra_env: str | None) -> dict[str, str]:
    """The process environment with production settings; a value of None unsets."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_"))
    }
    env.update(PRODUCTION_ENV)
    for key, value in extra_env.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_production(
    code: str, **extra_env: str | None
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter under production settings."""
    env = production_env(**extra_env)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_response_headers(path: str) -> dict[str, str]:
    result = run_production(
        f"""
        import json, django
        django.setup()
        from django.test import Client, override_settings
        # Headers are the subject here; hashed static names need collectstatic.
        plain = {{
            "default": {{"BACKEND": "django.core.files.storage.InMemoryStorage"}},
            "staticfiles": {{
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
            }},
        }}
        with override_settings(STORAGES=plain):
            response = Client().get(
                {path!r}, secure=True, HTTP_HOST="hub.example.org"
            )
        cookies = {{
            name: {{"secure": bool(m["secure"]), "samesite": m["samesite"]}}
            for name, m in response.cookies.items()
        }}
        print(json.dumps(
            {{"status": response.status_code, "cookies": cookies, **response.headers}}
        ))
        """
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("value", ["", "short"])
def test_production_refuses_an_empty_or_short_secret_key(value):
    result = run_production("import django; django.setup()", DJANGO_SECRET_KEY=value)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_answers_a_bad_host_with_400_not_500():
    result = run_production(
        """
        import django
        django.setup()
        from django.test import Client
        response = Client().get("/", secure=True, HTTP_HOST="evil.example")
        print(response.status_code)
        """
    )
    assert result.stdout.split()[-1] == "400", result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_production("import django; django.setup()", DJANGO_SECRET_KEY=None)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_pages_carry_the_security_headers():
    headers = production_response_headers("/privacy/")
    assert headers["status"] == 200
    csp = headers["Content-Security-Policy"]
    directives = {
        part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()
    }
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp
    assert any(v.startswith("'nonce-") for v in directives["script-src"])
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in headers["Strict-Transport-Security"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]
    # The language switcher's form sets the CSRF cookie.
    assert headers["cookies"]["__Host-csrftoken"] == {"secure": True, "samesite": "Lax"}


def test_production_redirects_plain_http_to_https():
    result = run_production(
        """
        import django
        django.setup()
        from django.test import Client
        response = Client().get("/privacy/", HTTP_HOST="hub.example.org")
        print(response.status_code, response["Location"])
        """
    )
    assert result.stdout.split() == ["301", "https://hub.example.org/privacy/"]


@pytest.mark.django_db
def test_every_environment_sends_a_strict_csp(client: Client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"


def test_no_template_has_inline_styles_scripts_or_handlers():
    offenders = []
    comments = re.compile(r"{% comment %}.*?{% endcomment %}|{#.*?#}", re.S)
    for template in (ROOT / "templates").rglob("*.html"):
        lowered = comments.sub("", template.read_text()).lower()
        if " style=" in lowered or "<style" in lowered or " onclick=" in lowered:
            offenders.append(str(template))
        for chunk in lowered.split("<script")[1:]:
            tag = chunk.split(">", 1)[0]
            if "src=" not in tag and "application/json" not in tag:
                offenders.append(str(template))
    assert not offenders
