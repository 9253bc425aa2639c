"""Every environment variable the settings read is documented, in both places.

hub/settings/*.py and hub/gunicorn_conf.py read the environment; .env.example and
the README's Configuration table list the variables. Adding a setting means adding
it to all three: this test fails while one of them is missing a variable.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# env("X", ...), env.int("X", ...), env.list(\n "X", ...), os.environ.get("X", ...)
ENV_READ = re.compile(
    r"""(?:\benv(?:\.[a-z_]+)?|os\.environ\.get|os\.getenv)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
)
# Chosen before any settings file is read: documented, never read by them.
DOCUMENTED_ONLY = {"DJANGO_SETTINGS_MODULE"}
# Set by a tool, not by whoever deploys (test.py: pytest-xdist's worker name).
SET_BY_TOOLS = {"PYTEST_XDIST_WORKER"}


def read_by_settings() -> set[str]:
    files = [
        *sorted((ROOT / "hub" / "settings").glob("*.py")),
        ROOT / "hub" / "gunicorn_conf.py",
    ]
    names: set[str] = set()
    for path in files:
        names |= set(ENV_READ.findall(path.read_text()))
    return names - SET_BY_TOOLS


def in_env_example() -> set[str]:
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^# ([A-Z][A-Z0-9_]+)=", text, flags=re.M))


def in_readme_table() -> set[str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", section, flags=re.M))


def test_the_settings_read_some_variables():
    names = read_by_settings()
    assert {"DJANGO_SECRET_KEY", "HUB_SITE_URL", "HUB_COMMUNITY_POST_RATE"} <= names


def test_env_example_lists_exactly_the_variables_the_settings_read():
    assert in_env_example() == read_by_settings()


def test_readme_table_lists_exactly_the_variables_the_settings_read():
    assert in_readme_table() - DOCUMENTED_ONLY == read_by_settings()


def test_no_app_declares_its_own_setting_defaults():
    """Settings are declared once, in base.py; apps read ``settings.X``."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("*/conf.py")
        if "getattr(settings" in path.read_text()
    ]
    assert offenders == []
