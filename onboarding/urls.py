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
    path("staff/verification/bulk/", views.case_bulk_view, name="case-bulk"),
    path("staff/verification/<int:pk>/", views.case_detail_view, name="case-detail"),
    *[
        path(
            f"staff/verification/<int:pk>/{action.path}",
            views.case_action(name),
            name=f"case-{name}",
        )
        for name, action in views.CASE_ACTIONS.items()
    ],
    path(
        "provider/join-requests/<int:pk>/",
        views.join_request_object_view,
        name="join-request-object",
    ),
]
