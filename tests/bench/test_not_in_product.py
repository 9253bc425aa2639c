"""The benchmarks ship outside the product: production's manage.py lists none."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = {"bench_catalogue", "bench_community", "bench_onboarding", "seed_scale"}

# The dummy production environment of the Makefile's `check` target.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "hub.settings.production",
    "DJANGO_SECRET_KEY": "check-only-" + "0" * 64,
    "DJANGO_ALLOWED_HOSTS": "hub.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "EMAIL_URL": "smtp+tls://mail.example.org:587",
}


def _commands(settings_module: str) -> set[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        **PRODUCTION_ENV,
        "DJANGO_SETTINGS_MODULE": settings_module,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "help", "--commands"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_production_manage_py_lists_no_bench_command():
    commands = _commands("hub.settings.production")
    assert "migrate" in commands  # the listing itself worked
    assert not commands & BENCH


def test_bench_settings_install_the_bench_commands():
    assert _commands("bench.settings") >= BENCH
