"""The catalogue's real workload: what investigators type and tick.

``mixed_paths`` makes browse URLs the way members search: a term or phrase an
investigator would type, 0 to 3 facets with one or two values each, a sort and,
now and then, page 2 or 3. Seeded, so a run can be repeated; every URL is
different from every other one it returns.
"""

from __future__ import annotations

import random
from urllib.parse import urlencode

# What an investigator types into the catalogue's search box.
SEARCH_TERMS = (
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
    "video triage",
    "chat grooming",
    "faces images",
    "speech translation",
    "duplicates hashing",
    "victims evidence",
    "device extractions",
    "dark web",
    "age estimation",
)
SORTS = ("relevance", "name", "vetted", "rating")
CHOICES = {
    "cost": (
        "free",
        "discounted",
        "commercial",
        "on_request",
        "not_for_sale",
        "not_disclosed",
    ),
    "data_leaves": ("yes", "no", "not_disclosed"),
    "maturity": ("research", "pilot", "production", "not_disclosed"),
}


def mixed_paths(
    *,
    rng: random.Random,
    count: int,
    facets: dict[str, list[str]],
    exclude: set[str] | None = None,
    prefix: str = "/tools/",
) -> list[str]:
    """``count`` different browse paths. ``facets``: each M2M facet's values
    (stage keys, term slugs), read from the database by the caller; the choice
    facets are added here. Paths in ``exclude`` are never returned (and the new
    ones are added to it)."""
    pool = {**{k: list(v) for k, v in facets.items() if v}, **CHOICES}
    names = sorted(pool)
    seen = exclude if exclude is not None else set()
    paths: list[str] = []
    tries = 0
    while len(paths) < count and tries < count * 50:
        tries += 1
        params: list[tuple[str, str]] = [("q", rng.choice(SEARCH_TERMS))]
        for facet in rng.sample(names, rng.randint(0, 3)):
            values = pool[facet]
            for value in rng.sample(values, min(len(values), rng.choice((1, 1, 2)))):
                params.append((facet, value))
        params.append(("sort", rng.choice(SORTS)))
        if rng.random() < 0.2:
            params.append(("page", str(rng.choice((2, 3)))))
        path = f"{prefix}?{urlencode(params)}"
        if path not in seen:
            seen.add(path)
            paths.append(path)
    return paths
