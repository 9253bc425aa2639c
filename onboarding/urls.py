from django.urls import path

from onboarding import views

app_name = "onboarding"
urlpatterns = [
    path("apply/", views.application_view, name="application"),
    path(
        "apply/provider/", views.provider_application_view, name="provider-application"
    ),
    path("apply/answer/", views.application_answer_view, name="application-answer"),
    path(
        "apply/withdraw/", views.application_withdraw_view, name="application-withdraw"
    ),
    path("apply/new/", views.application_restart_view, name="application-restart"),
    path("confirm/<str:token>/", views.confirmation_view, name="confirm"),
    path("reconfirm/<str:token>/", views.reconfirm_view, name="reconfirm"),
    path(
        "staff/verification/paused/",
        views.member_paused_list_view,
        name="member-paused-list",
    ),
    path(
        "staff/verification/paused/<int:pk>/resume/",
        views.member_resume_view,
        name="member-resume",
    ),
    path("staff/verification/", views.case_list_view, name="case-list"),
    path("staff/verification/<int:pk>/", views.case_detail_view, name="case-detail"),
    path(
        "staff/verification/<int:pk>/claim/", views.case_claim_view, name="case-claim"
    ),
    path(
        "staff/verification/<int:pk>/approve/",
        views.case_approve_view,
        name="case-approve",
    ),
    path(
        "staff/verification/<int:pk>/reject/",
        views.case_reject_view,
        name="case-reject",
    ),
    path(
        "staff/verification/<int:pk>/request-info/",
        views.case_request_info_view,
        name="case-request-info",
    ),
    path(
        "staff/verification/<int:pk>/notes/",
        views.case_note_add_view,
        name="case-note-add",
    ),
    path(
        "staff/verification/<int:pk>/confirmation/<slug:kind>/",
        views.case_confirmation_request_view,
        name="case-confirmation-request",
    ),
    path(
        "staff/verification/<int:pk>/join/approve/",
        views.case_join_approve_view,
        name="case-join-approve",
    ),
    path(
        "staff/verification/<int:pk>/join/refuse/",
        views.case_join_refuse_view,
        name="case-join-refuse",
    ),
    path(
        "provider/join-requests/<int:pk>/",
        views.join_request_object_view,
        name="join-request-object",
    ),
]
