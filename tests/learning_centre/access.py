"""Who may open the learning_centre pages: rows of the authorization matrix
(written as tests/access_statuses.py describes)."""

from typing import Any

from tests.access_statuses import FORBIDDEN, FOUND, NOT_ALLOWED, NOT_FOUND, OK

# Members learn; staff see member content; providers and applicants see nothing
# here except the public certificate check and the wellbeing page.
M = (FOUND, FOUND, OK, FORBIDDEN, OK, OK, OK, OK)
# fmt: off
MATRIX = {
    "learning_centre:wellbeing":          (OK,    OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "learning_centre:overview":           M,
    "learning_centre:stage-detail":       M,
    "learning_centre:resource-list":      M,
    "learning_centre:resource-detail":    M,
    "learning_centre:path-list":          M,
    "learning_centre:path-detail":        M,
    "learning_centre:path-download":      M,
    "learning_centre:module-detail":      M,
    "learning_centre:readiness":          M,
    # Someone else's result: 404 for everyone allowed in (never leaks it).
    "learning_centre:readiness-result":   (FOUND, FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "learning_centre:certificate-detail": (OK,    OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "learning_centre:path-restart":       (FOUND, FOUND, NOT_ALLOWED, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    "learning_centre:module-complete":    (FOUND, FOUND, NOT_ALLOWED, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
}
POST_MATRIX = {
    "learning_centre:path-restart":       (FOUND, FOUND, FOUND,     FORBIDDEN, FOUND,     FOUND,     FOUND,     FOUND),
    "learning_centre:module-complete":    (FOUND, FOUND, FOUND,     FORBIDDEN, FOUND,     FOUND,     FOUND,     FOUND),
}
# fmt: on


def _resource(user: Any) -> dict[str, Any]:
    from tests.learning_centre.factories import ResourceFactory

    return {"slug": ResourceFactory().slug}


def _path(user: Any) -> dict[str, Any]:
    from tests.learning_centre.factories import LearningPathFactory

    return {"slug": LearningPathFactory().slug}


def _module(user: Any) -> dict[str, Any]:
    from tests.learning_centre.factories import ModuleFactory

    module = ModuleFactory()
    return {"slug": module.path.slug, "pk": module.pk}


def _certificate(user: Any) -> dict[str, Any]:
    import secrets

    from django.utils import timezone

    from learning_centre.models import Certificate
    from tests.accounts.factories import UserFactory
    from tests.learning_centre.factories import LearningPathFactory

    certificate = Certificate.objects.create(
        code=secrets.token_urlsafe(24),
        user=UserFactory(),
        path=LearningPathFactory(),
        holder_name="A. Officer",
        issued_at=timezone.now(),
    )
    return {"code": certificate.code}


def _someone_elses_assessment(user: Any) -> dict[str, Any]:
    from learning_centre.models import ReadinessAssessment
    from tests.accounts.factories import UserFactory

    return {"pk": ReadinessAssessment.objects.create(user=UserFactory()).pk}


URL_KWARGS: dict = {
    "learning_centre:stage-detail": {"key": "media_review"},
    "learning_centre:resource-detail": _resource,
    "learning_centre:path-detail": _path,
    "learning_centre:path-download": _path,
    "learning_centre:path-restart": _path,
    "learning_centre:module-detail": _module,
    "learning_centre:module-complete": _module,
    "learning_centre:certificate-detail": _certificate,
    "learning_centre:readiness-result": _someone_elses_assessment,
}
POST_DATA: dict = {}
