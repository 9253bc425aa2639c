"""`make stack` (Procfile + stack.env) and docker-compose.yml describe one deployment.

Both start the same processes with the same commands and the same variables; only
values differ where a container names another service. These tests read the files
as text (no Docker needed) and fail when one is changed without the other.
"""

import shlex
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
APP_PROCESSES = ("web", "worker", "beat")


def procfile() -> dict[str, list[str]]:
    processes = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, command = line.split(":", 1)
            processes[name.strip()] = shlex.split(command)
    return processes


def stack_env() -> dict[str, str]:
    variables = {}
    for line in (ROOT / "stack.env").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            variables[key.strip()] = value.strip()
    return variables


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_procfile_runs_the_app_processes_and_a_mail_sink():
    assert set(procfile()) == {*APP_PROCESSES, "mail"}


@pytest.mark.parametrize("process", APP_PROCESSES)
def test_compose_runs_the_procfile_command_word_for_word(process):
    service = compose()["services"][process]
    assert service["command"] == procfile()[process]


def test_compose_has_every_procfile_process_as_a_service():
    assert set(procfile()) <= set(compose()["services"])


@pytest.mark.parametrize("process", APP_PROCESSES)
def test_compose_and_stack_env_set_the_same_variables(process):
    environment = compose()["services"][process]["environment"]
    # The secret is made per run by scripts/stack.sh and read from .env by compose.
    assert set(environment) - {"DJANGO_SECRET_KEY"} == set(stack_env())
    settings_module = environment["DJANGO_SETTINGS_MODULE"]
    assert settings_module == stack_env()["DJANGO_SETTINGS_MODULE"]


def test_both_use_the_production_settings_with_only_the_https_redirect_off():
    assert stack_env()["DJANGO_SETTINGS_MODULE"] == "hub.settings.production"
    assert stack_env()["DJANGO_SECURE_SSL_REDIRECT"] == "False"
    assert "HUB_MFA_REQUIRED" not in stack_env()  # production's default: required


def test_the_release_step_is_the_same_migrate_command():
    migrate = compose()["services"]["migrate"]["command"]
    assert migrate == ["python", "manage.py", "migrate", "--noinput"]
    assert "manage.py migrate --noinput" in (ROOT / "scripts" / "stack.sh").read_text()
    for process in APP_PROCESSES:
        depends_on = compose()["services"][process]["depends_on"]
        assert depends_on["migrate"] == {"condition": "service_completed_successfully"}


def test_the_image_serves_with_the_procfile_web_command():
    dockerfile = (ROOT / "Dockerfile").read_text()
    cmd = next(line for line in dockerfile.splitlines() if line.startswith("CMD "))
    assert yaml.safe_load(cmd.removeprefix("CMD ")) == procfile()["web"]


def test_the_image_installs_the_hash_checked_lock():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install --require-hashes --no-deps -r requirements.lock" in dockerfile
