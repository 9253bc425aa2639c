"""Settings for the catalogue benchmark only (``manage.py bench_catalogue``).

hub.settings.local plus a URLconf that adds a bare view of the same page size,
so wrk can compare the browse page with Django's own floor on the same server.
Never used by the product.
"""

from hub.settings.local import *  # noqa: F403

ROOT_URLCONF = "tools_catalog.bench_urls"
