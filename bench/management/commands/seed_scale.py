"""Fill the catalogue with a large fictional data set for the benchmark.

``manage.py seed_scale`` (under ``DJANGO_SETTINGS_MODULE=bench.settings``) adds
500 providers, 5,000 published tools (with stages, capabilities, data types and
deployments), 1,000 reviewer accounts and 50,000 reviews, all with bulk
inserts. Every name is invented and every row is marked as demo content. Safe
to run twice: a second run finds the data and stops (``--reset`` removes it
first).
"""

import random
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction

from accounts.models import User
from learning_centre.models import Stage
from tools_catalog.models import (
    Capability,
    DataType,
    DeploymentMode,
    Provider,
    Review,
    Tool,
)
from tools_catalog.names import provider_name_key
from tools_catalog.services import vocabulary_load

PREFIX = "scale-"
EMAIL_DOMAIN = "scale.bench.example"
FIRST = [
    "Aster",
    "Brindle",
    "Cobalt",
    "Dunmore",
    "Elder",
    "Fable",
    "Garnet",
    "Harrow",
    "Ivory",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Marrow",
    "Nettle",
    "Onyx",
    "Pewter",
    "Quill",
    "Russet",
    "Sable",
    "Tamsin",
    "Umber",
    "Vellum",
    "Wren",
    "Yarrow",
    "Zephyr",
]
SECOND = [
    "Vision",
    "Trace",
    "Sift",
    "Lens",
    "Atlas",
    "Beacon",
    "Compass",
    "Ledger",
    "Harbor",
    "Signal",
    "Prism",
    "Sentinel",
    "Thread",
    "Anchor",
    "Harvest",
    "Lantern",
    "Meridian",
    "Orbit",
    "Relay",
    "Summit",
]
WORDS = [
    "images",
    "video",
    "audio",
    "chat",
    "triage",
    "hashing",
    "classification",
    "faces",
    "objects",
    "scenes",
    "text",
    "speech",
    "translation",
    "grooming",
    "networks",
    "geolocation",
    "duplicates",
    "devices",
    "reports",
    "referrals",
    "evidence",
    "timelines",
    "victims",
    "offenders",
]
# Curated vocabulary slugs (fixtures/vocabulary.yaml): no duplicate terms.
CAPABILITIES = (
    "hash-matching",
    "image-classification",
    "video-classification",
    "age-estimation",
    "face-analysis",
    "object-detection",
    "text-recognition",
    "speech-to-text",
    "translation",
    "grooming-detection",
    "link-analysis",
    "osint",
    "dark-web",
    "triage",
    "deduplication",
    "location-clues",
    "case-management",
)
DATA_TYPES = ("images", "video", "audio", "text-chat", "device-extractions")
DEPLOYMENTS = ("on-premise", "air-gapped", "private-cloud", "saas")
COUNTRIES = ("NL", "DE", "FR", "GB", "US", "ES", "SE", "CA", "AU", "BR", "IN", "JP")


ANALYZED_TABLES = (
    "tools_catalog_provider",
    "tools_catalog_tool",
    "tools_catalog_tool_stages",
    "tools_catalog_tool_capabilities",
    "tools_catalog_tool_data_types",
    "tools_catalog_tool_deployments",
    "tools_catalog_tool_languages",
    "tools_catalog_tool_integrations",
    "tools_catalog_capability",
    "tools_catalog_datatype",
    "tools_catalog_deploymentmode",
    "tools_catalog_supportedlanguage",
    "tools_catalog_integration",
    "tools_catalog_review",
    "learning_centre_stage",
)


def _terms(model: Any, slugs: tuple[str, ...]) -> list[Any]:
    """The curated terms (created first by ``services.vocabulary_load``)."""
    found = {t.slug: t for t in model.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs]


class Command(BaseCommand):
    help = "Add 5,000 fictional tools, 500 providers and 50,000 reviews (benchmark)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tools", type=int, default=5000)
        parser.add_argument("--providers", type=int, default=500)
        parser.add_argument("--reviews", type=int, default=50000)
        parser.add_argument("--reset", action="store_true")
        parser.add_argument("--seed", type=int, default=5)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reset"]:
            self._reset()
        if Tool.objects.filter(slug__startswith=PREFIX).exists():
            self.stdout.write("Scale data already present; use --reset to rebuild.")
            return
        rng = random.Random(options["seed"])  # noqa: S311 (fictional data, not secrets)
        with transaction.atomic():
            self._seed(rng, options["tools"], options["providers"], options["reviews"])

    def _reset(self) -> None:
        with transaction.atomic():
            Review.objects.filter(tool__slug__startswith=PREFIX).delete()
            Tool.objects.filter(slug__startswith=PREFIX).delete()
            Provider.objects.filter(slug__startswith=PREFIX).delete()
            User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").delete()

    def _seed(self, rng: random.Random, n_tools: int, n_prov: int, n_rev: int) -> None:
        stages = list(Stage.objects.all())
        vocabulary_load()
        capabilities = _terms(Capability, CAPABILITIES)
        data_types = _terms(DataType, DATA_TYPES)
        deployments = _terms(DeploymentMode, DEPLOYMENTS)

        names = [
            f"{rng.choice(FIRST)} {rng.choice(SECOND)} Labs {i}" for i in range(n_prov)
        ]
        # bulk_create skips Provider.save(), which keeps name_key.
        providers = Provider.objects.bulk_create(
            Provider(
                name=names[i],
                name_key=provider_name_key(names[i]),
                slug=f"{PREFIX}provider-{i}",
                country=rng.choice(COUNTRIES),
                provider_type=rng.choice(Provider.Type.values),
                description="A fictional provider made for the benchmark.",
                is_demo=True,
            )
            for i in range(n_prov)
        )
        reviewers_needed = max(1, min(1000, n_rev))
        password = make_password(None)
        reviewers = User.objects.bulk_create(
            User(email=f"reviewer{i}@{EMAIL_DOMAIN}", password=password)
            for i in range(reviewers_needed)
        )
        per_tool = [
            n_rev // n_tools + (1 if i < n_rev % n_tools else 0) for i in range(n_tools)
        ]
        ratings = [[rng.randint(1, 5) for _ in range(k)] for k in per_tool]
        tools = Tool.objects.bulk_create(
            Tool(
                name=f"{rng.choice(FIRST)} {rng.choice(SECOND)} {i}",
                slug=f"{PREFIX}tool-{i}",
                provider=providers[i % len(providers)],
                summary=" ".join(rng.sample(WORDS, 4)).capitalize() + ".",
                description=" ".join(rng.sample(WORDS, 12)).capitalize() + ".",
                data_leaves_premises=rng.choice(["yes", "no", "not_disclosed"]),
                cost_model=rng.choice(Tool.Cost.values),
                maturity=rng.choice(Tool.Maturity.values),
                status=Tool.Status.PUBLISHED,
                is_demo=True,
                rating_count=len(r),
                rating_average=(
                    Decimal(sum(r) / len(r)).quantize(Decimal("0.01")) if r else None
                ),
            )
            for i, r in enumerate(ratings)
        )
        links = [
            (Tool.stages.through, "stage", stages, 1, 3),
            (Tool.capabilities.through, "capability", capabilities, 1, 4),
            (Tool.data_types.through, "datatype", data_types, 1, 3),
            (Tool.deployments.through, "deploymentmode", deployments, 1, 2),
        ]
        for through, term, choices, low, high in links:
            through._default_manager.bulk_create(
                (
                    through(tool_id=tool.pk, **{f"{term}_id": chosen.pk})
                    for tool in tools
                    for chosen in rng.sample(choices, rng.randint(low, high))
                ),
                batch_size=5000,
            )
        Review.objects.bulk_create(
            (
                Review(
                    tool_id=tool.pk,
                    author_id=reviewers[(t * 7 + j) % len(reviewers)].pk,
                    rating=rating,
                    text=" ".join(rng.sample(WORDS, 8)).capitalize() + ".",
                )
                for t, (tool, tool_ratings) in enumerate(
                    zip(tools, ratings, strict=True)
                )
                for j, rating in enumerate(tool_ratings)
            ),
            batch_size=5000,
        )
        self._index()
        self.stdout.write(
            f"Added {len(providers)} providers, {len(tools)} tools, "
            f"{sum(per_tool)} reviews by {len(reviewers)} fictional reviewers."
        )

    def _index(self) -> None:
        """The search vector of every scale tool in one statement (PostgreSQL)."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                """
                UPDATE tools_catalog_tool AS t SET search_vector =
                    setweight(to_tsvector('english'::regconfig, t.name), 'A')
                    || setweight(to_tsvector('english'::regconfig, p.name), 'A')
                    || setweight(to_tsvector('english'::regconfig, t.summary), 'B')
                    || setweight(to_tsvector('english'::regconfig, t.description), 'C')
                FROM tools_catalog_provider AS p
                WHERE p.id = t.provider_id AND t.slug LIKE %s
                """,
                [f"{PREFIX}%"],
            )
            # Planner statistics for every table the browse page reads: without
            # them PostgreSQL guesses row counts and picks poor join orders.
            for table in ANALYZED_TABLES:
                cursor.execute(f"ANALYZE {table}")
