"""Settings for the benchmarks only (``manage.py bench_catalogue`` and friends).

hub.settings.local, plus the ``bench`` app (its commands: ``seed_scale``,
``bench_catalogue``, ``bench_onboarding``, ``bench_community``) and a URLconf that
adds a bare view of the same page size, so wrk can compare the browse page with
Django's own floor on the same server. The product's settings never install
``bench``, so production's ``manage.py help`` lists none of these commands.
"""

from hub.settings.local import *  # noqa: F403
from hub.settings.local import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
