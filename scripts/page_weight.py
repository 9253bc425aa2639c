"""Print the compressed first-load weight of the main pages.

    .venv/bin/python scripts/page_weight.py     # on the demo data (make run seeds it)

It reads the database the settings point at (DATABASE_URL), like manage.py.

Each page is fetched with Django's test client as a user of the right role,
then everything a first visit downloads is added up: the HTML, and each
stylesheet, script, icon sprite and favicon it links to, read from the static
files. Static files are counted gzipped at level 9, as WhiteNoise's
CompressedManifestStaticFilesStorage stores and serves them (it adds Brotli only
when the brotli package is installed, which it is not). The app does not
compress HTML itself, so the HTML is shown both as sent by gunicorn and gzipped
(as a compressing proxy in front would send it). The budget is 60 KB a page.
"""

import gzip
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.local")
django.setup()

from django.contrib.staticfiles import finders  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.roles import Role  # noqa: E402
from accounts.selectors import user_list_with_role  # noqa: E402

BUDGET = 60 * 1024
ASSET = re.compile(
    r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]*href|script[^>]+src|use[^>]+href)="(?P<url>/static/[^"#]+)'
)


@dataclass
class Weight:
    name: str
    html_raw: int = 0
    html_gzip: int = 0
    assets: dict[str, int] = field(default_factory=dict)

    @property
    def assets_gzip(self) -> int:
        return sum(self.assets.values())


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def _asset_size(url: str) -> int:
    path = finders.find(url.removeprefix("/static/"))
    if not path:
        raise SystemExit(f"{url}: not found among the static files")
    with open(path, "rb") as handle:
        return _gzip_size(handle.read())


def _pages() -> list[tuple[str, Role | None, str]]:
    from community.models import Topic
    from learning_centre.models import Certificate, Module
    from tools_catalog.models import Tool

    pages: list[tuple[str, Role | None, str]] = [
        ("Landing page", None, reverse("hub:home")),
        ("Sign in", None, reverse("account_login")),
        ("Catalogue", Role.MEMBER, reverse("tools_catalog:tool-list")),
        ("Learning Centre", Role.MEMBER, reverse("learning_centre:overview")),
        ("Community", Role.MEMBER, reverse("community:forum-index")),
        ("Verification queue", Role.VERIFIER, reverse("onboarding:case-list")),
        ("Staff dashboard", Role.VERIFIER, reverse("hub:dashboard")),
        ("Audit log", Role.ADMIN, reverse("accounts:audit-list")),
        ("Pattern library", Role.VERIFIER, reverse("hub:design")),
    ]
    tools = list(Tool.objects.published().order_by("pk")[:3])
    if tools:
        pages.append(("Tool page", Role.MEMBER, tools[0].get_absolute_url()))
    if len(tools) >= 2:
        slugs = ",".join(tool.slug for tool in tools)
        compare = f"{reverse('tools_catalog:tool-compare')}?tools={slugs}"
        pages.append(("Compare", Role.MEMBER, compare))
    if topic := Topic.objects.order_by("pk").first():
        pages.append(("Forum topic", Role.MEMBER, topic.get_absolute_url()))
    if module := Module.objects.order_by("pk").first():
        pages.append(("Learning module", Role.MEMBER, module.get_absolute_url()))
    if certificate := Certificate.objects.order_by("pk").first():
        pages.append(("Certificate", None, certificate.get_absolute_url()))
    return pages


def main() -> None:
    clients: dict[Role | None, Client] = {None: Client()}
    weights = []
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        for name, role, url in _pages():
            if role not in clients:
                user = user_list_with_role(role=role).filter(is_active=True).first()
                if user is None:
                    raise SystemExit(f"no {role} user: run `manage.py seed_demo`")
                clients[role] = Client()
                clients[role].force_login(user)
            response = clients[role].get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} as {role}: {response.status_code}")
            html = response.content
            weight = Weight(name, len(html), _gzip_size(html))
            for match in ASSET.finditer(html.decode()):
                asset = match["url"]
                weight.assets.setdefault(asset, _asset_size(asset))
            weights.append(weight)
    report(weights)


def report(weights: list[Weight]) -> None:
    def kb(size: int) -> str:
        return f"{size / 1024:.1f}"

    print(
        f"{'Page':<20} {'HTML':>7} {'HTML gz':>8} {'assets gz':>10} "
        f"{'total gz':>9} {'as served':>10}  within 60 KB"
    )
    for w in weights:
        total = w.html_gzip + w.assets_gzip
        served = w.html_raw + w.assets_gzip
        print(
            f"{w.name:<20} {kb(w.html_raw):>7} {kb(w.html_gzip):>8} "
            f"{kb(w.assets_gzip):>10} {kb(total):>9} {kb(served):>10}  "
            f"{'yes' if total <= BUDGET else 'NO'}"
        )
    sizes = {asset: size for w in weights for asset, size in w.assets.items()}
    print("\nKB = 1024 bytes. Each asset, gzipped:")
    for asset, size in sorted(sizes.items(), key=lambda item: -item[1]):
        print(f"  {kb(size):>6}  {asset}")


if __name__ == "__main__":
    main()
