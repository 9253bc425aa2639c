from django.urls import path

from learning_centre import views

app_name = "learning_centre"
urlpatterns = [
    path("learn/", views.overview_view, name="overview"),
    path("learn/wellbeing/", views.wellbeing_view, name="wellbeing"),
    path("learn/stages/<slug:key>/", views.stage_detail_view, name="stage-detail"),
    path("learn/resources/", views.resource_list_view, name="resource-list"),
    path(
        "learn/resources/<slug:slug>/",
        views.resource_detail_view,
        name="resource-detail",
    ),
    path("learn/paths/", views.path_list_view, name="path-list"),
    path("learn/paths/<slug:slug>/", views.path_detail_view, name="path-detail"),
    path(
        "learn/paths/<slug:slug>/restart/",
        views.path_restart_view,
        name="path-restart",
    ),
    path(
        "learn/paths/<slug:slug>/download/",
        views.path_download_view,
        name="path-download",
    ),
    path(
        "learn/paths/<slug:slug>/modules/<int:pk>/",
        views.module_detail_view,
        name="module-detail",
    ),
    path(
        "learn/paths/<slug:slug>/modules/<int:pk>/complete/",
        views.module_complete_view,
        name="module-complete",
    ),
    path(
        "learn/certificates/<str:code>/",
        views.certificate_detail_view,
        name="certificate-detail",
    ),
    path("learn/readiness/", views.readiness_view, name="readiness"),
    path(
        "learn/readiness/<int:pk>/",
        views.readiness_result_view,
        name="readiness-result",
    ),
]
