from django.urls import path

from onboarding import views

app_name = "onboarding"
urlpatterns = [
    path("apply/", views.application_view, name="application"),
    path("staff/verification/", views.verification_queue_view, name="case-list"),
]
