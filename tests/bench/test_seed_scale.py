"""The benchmark's data set, at a small scale."""

import pytest
from django.core.management import call_command
from django.test import modify_settings

from tools_catalog.models import Provider, Review, Tool

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _bench_installed():
    """The product never installs bench; bench.settings does, and so does this."""
    with modify_settings(INSTALLED_APPS={"append": "bench"}):
        yield


def test_seed_scale_adds_fictional_tools_with_facets_and_reviews_once():
    args = ["--tools", "40", "--providers", "5", "--reviews", "200"]
    call_command("seed_scale", *args)
    call_command("seed_scale", *args)  # a second run finds the data and stops
    tools = Tool.objects.filter(slug__startswith="scale-")
    assert tools.count() == 40
    assert Provider.objects.filter(slug__startswith="scale-").count() == 5
    assert Review.objects.filter(tool__in=tools).count() == 200
    tool = tools.first()
    assert tool.is_demo
    assert tool.stages.exists()
    assert tool.capabilities.exists()
    assert tool.rating_count == tool.reviews.count()
