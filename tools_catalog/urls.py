from django.urls import path

from tools_catalog import views

app_name = "tools_catalog"
urlpatterns = [
    path("tools/", views.tool_list_view, name="tool-list"),
    path("tools/compare/", views.tool_compare_view, name="tool-compare"),
    path("tools/compare/tray/", views.compare_tray_view, name="compare-tray"),
    path("tools/shortlists/", views.shortlist_list_view, name="shortlist-list"),
    path(
        "tools/shortlists/<int:pk>/",
        views.shortlist_detail_view,
        name="shortlist-detail",
    ),
    path(
        "tools/shortlists/items/<int:pk>/",
        views.shortlist_item_view,
        name="shortlist-item",
    ),
    path(
        "staff/tool-reviews/",
        views.review_moderation_queue_view,
        name="review-moderation-queue",
    ),
    path(
        "tools/reviews/<int:pk>/moderate/",
        views.review_moderate_view,
        name="review-moderate",
    ),
    path("tools/<slug:slug>/", views.tool_detail_view, name="tool-detail"),
    path("tools/<slug:slug>/review/", views.tool_review_view, name="tool-review"),
    path("tools/<slug:slug>/question/", views.tool_question_view, name="tool-question"),
    path("tools/<slug:slug>/adoption/", views.tool_adoption_view, name="tool-adoption"),
    path(
        "tools/<slug:slug>/shortlist/", views.tool_shortlist_view, name="tool-shortlist"
    ),
    path("provider/", views.provider_portal_view, name="provider-portal"),
    path(
        "provider/tools/new/",
        views.provider_tool_create_view,
        name="provider-tool-create",
    ),
    path(
        "provider/tools/<int:pk>/",
        views.provider_tool_edit_view,
        name="provider-tool-edit",
    ),
    path(
        "provider/tools/<int:pk>/submit/",
        views.provider_tool_submit_view,
        name="provider-tool-submit",
    ),
    path(
        "provider/tools/<int:pk>/withdraw/",
        views.provider_tool_withdraw_view,
        name="provider-tool-withdraw",
    ),
    path(
        "provider/tools/<int:pk>/archive/",
        views.provider_tool_archive_view,
        name="provider-tool-archive",
    ),
    path(
        "provider/questions/<int:pk>/answer/",
        views.provider_question_answer_view,
        name="provider-question-answer",
    ),
    path("staff/listings/", views.listing_review_queue_view, name="review-queue"),
    path(
        "staff/listings/<str:kind>/<int:pk>/",
        views.listing_review_view,
        name="listing-review",
    ),
]
