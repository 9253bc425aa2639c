from django.urls import path

from hub import views

app_name = "hub"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("privacy/", views.privacy_view, name="privacy"),
    path("terms/", views.terms_view, name="terms"),
    path("join/poster/", views.join_poster_view, name="join-poster"),
    path("staff/dashboard/", views.dashboard_view, name="dashboard"),
    path("staff/design/", views.design_view, name="design"),
]
