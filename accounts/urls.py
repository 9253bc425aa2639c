from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("staff/audit/", views.audit_event_list_view, name="audit-list"),
    path(
        "staff/saved-filters/",
        views.saved_filter_create_view,
        name="saved-filter-create",
    ),
    path(
        "staff/saved-filters/<int:pk>/delete/",
        views.saved_filter_delete_view,
        name="saved-filter-delete",
    ),
]
