"""Challenge URLs, part of the ``community`` namespace (community/urls.py adds them)."""

from django.urls import path

from community.challenges import views

urlpatterns = [
    path("challenges/", views.challenge_list_view, name="challenge-list"),
    path(
        "challenges/<slug:slug>/",
        views.challenge_detail_view,
        name="challenge-detail",
    ),
    path(
        "challenges/<slug:slug>/teams/new/",
        views.team_create_view,
        name="team-create",
    ),
    path("challenges/<slug:slug>/join/", views.team_join_view, name="team-join"),
    path(
        "challenges/<slug:slug>/judging/",
        views.judging_list_view,
        name="judging-list",
    ),
    path("challenges/teams/<int:pk>/", views.team_detail_view, name="team-detail"),
    path(
        "challenges/teams/<int:pk>/invite/",
        views.team_invite_view,
        name="team-invite",
    ),
    path("challenges/teams/<int:pk>/leave/", views.team_leave_view, name="team-leave"),
    path(
        "challenges/teams/<int:pk>/submission/",
        views.submission_edit_view,
        name="submission-edit",
    ),
    path(
        "challenges/invitations/<int:pk>/",
        views.invitation_respond_view,
        name="invitation-respond",
    ),
    path(
        "challenges/submissions/<int:pk>/attachment/",
        views.submission_attachment_view,
        name="submission-attachment",
    ),
    path(
        "challenges/submissions/<int:pk>/score/",
        views.submission_score_view,
        name="submission-score",
    ),
    path(
        "challenges/submissions/<int:pk>/conflict/",
        views.submission_conflict_view,
        name="submission-conflict",
    ),
    path(
        "challenges/submissions/<int:pk>/resource/",
        views.submission_outcome_view,
        name="submission-outcome",
    ),
    path("staff/challenges/", views.challenge_staff_list_view, name="challenge-staff"),
    path("staff/challenges/new/", views.challenge_create_view, name="challenge-create"),
    path(
        "staff/challenges/<slug:slug>/edit/",
        views.challenge_edit_view,
        name="challenge-edit",
    ),
    path(
        "staff/challenges/<slug:slug>/",
        views.challenge_judges_view,
        name="challenge-judges",
    ),
    path(
        "staff/challenges/<slug:slug>/publish/",
        views.challenge_publish_view,
        name="challenge-publish",
    ),
    path(
        "staff/challenges/<slug:slug>/results/",
        views.challenge_results_view,
        name="challenge-results",
    ),
]
