from unittest.mock import patch

import pytest
from django.test import Client, override_settings

from tests.conftest import redis_test_url

pytestmark = pytest.mark.django_db


@override_settings(CELERY_BROKER_URL="memory://")
def test_health_is_ok_with_tasks_in_process(client: Client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "in-process"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_health_is_ok_with_a_real_redis_broker(client: Client):
    with override_settings(CELERY_BROKER_URL=redis_test_url()):
        response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_health_is_503_when_the_broker_is_down(client: Client):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "down",
        "checks": {"database": "ok", "cache": "ok", "broker": "down"},
    }


def test_health_is_503_when_the_database_is_down(client: Client):
    with patch("hub.health.connection.cursor", side_effect=OSError("gone")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "down"


def test_health_is_503_when_the_cache_is_down(client: Client):
    with patch("hub.health.cache.set", side_effect=ConnectionError("gone")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "down"
