from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmarks and scale seeders; installed only by ``bench.settings``."""

    name = "bench"
    verbose_name = "Benchmarks"
