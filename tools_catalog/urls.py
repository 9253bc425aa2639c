from django.urls import path

from tools_catalog import views

app_name = "tools_catalog"
urlpatterns = [
    path("tools/", views.tool_list_view, name="tool-list"),
    path("provider/", views.provider_portal_view, name="provider-portal"),
    path("staff/listings/", views.listing_review_queue_view, name="review-queue"),
]
