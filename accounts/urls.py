from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("staff/audit/", views.audit_event_list_view, name="audit-list"),
]
