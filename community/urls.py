from django.urls import path

from community import views
from community.challenges.urls import urlpatterns as challenge_urlpatterns

app_name = "community"
urlpatterns = [
    # Forums
    path("community/", views.forum_index_view, name="forum-index"),
    path("community/search/", views.forum_search_view, name="forum-search"),
    path(
        "community/c/<slug:slug>/", views.category_detail_view, name="category-detail"
    ),
    path("community/c/<slug:slug>/new/", views.topic_create_view, name="topic-create"),
    path(
        "community/c/<slug:slug>/follow/",
        views.category_subscribe_view,
        name="category-subscribe",
    ),
    path("community/t/<int:pk>/", views.topic_detail_view, name="topic-detail"),
    path("community/t/<int:pk>/reply/", views.topic_reply_view, name="topic-reply"),
    path(
        "community/t/<int:pk>/follow/",
        views.topic_subscribe_view,
        name="topic-subscribe",
    ),
    path("community/p/<int:pk>/edit/", views.post_edit_view, name="post-edit"),
    path("community/p/<int:pk>/flag/", views.post_flag_view, name="post-flag"),
    # Moderation
    path("staff/moderation/", views.moderation_queue_view, name="moderation-queue"),
    path(
        "staff/moderation/bulk/",
        views.post_bulk_moderate_view,
        name="post-bulk-moderate",
    ),
    path(
        "staff/moderation/posts/<int:pk>/",
        views.post_moderate_view,
        name="post-moderate",
    ),
    path(
        "staff/moderation/topics/<int:pk>/",
        views.topic_moderate_view,
        name="topic-moderate",
    ),
    path(
        "staff/moderation/suspensions/",
        views.suspension_list_view,
        name="suspension-list",
    ),
    path(
        "staff/moderation/suspensions/<int:pk>/lift/",
        views.suspension_lift_view,
        name="suspension-lift",
    ),
    # Meet other officers
    path("community/members/", views.member_directory_view, name="member-directory"),
    # Random public ids: a profile cannot be found by counting.
    path(
        "community/members/<slug:public_id>/",
        views.member_detail_view,
        name="member-detail",
    ),
    path(
        "community/members/<slug:public_id>/contact/",
        views.contact_request_view,
        name="contact-request",
    ),
    path(
        "community/members/<slug:public_id>/block/",
        views.member_block_view,
        name="member-block",
    ),
    path("community/contacts/", views.contact_list_view, name="contact-list"),
    path(
        "community/contacts/<int:pk>/",
        views.contact_respond_view,
        name="contact-respond",
    ),
    path(
        "community/blocks/<int:pk>/remove/",
        views.member_unblock_view,
        name="member-unblock",
    ),
    path("community/settings/", views.profile_edit_view, name="profile-edit"),
    path(
        "community/settings/calendar/", views.calendar_token_view, name="calendar-token"
    ),
    # Events
    path("community/events/", views.event_list_view, name="event-list"),
    path("community/events/<slug:slug>/", views.event_detail_view, name="event-detail"),
    path(
        "community/events/<slug:slug>/rsvp/", views.event_rsvp_view, name="event-rsvp"
    ),
    path(
        "community/events/<slug:slug>/cancel/",
        views.event_cancel_view,
        name="event-cancel",
    ),
    path(
        "community/events/<slug:slug>/event.ics", views.event_ics_view, name="event-ics"
    ),
    path(
        "community/calendar/<str:token>.ics",
        views.calendar_feed_view,
        name="calendar-feed",
    ),
    path("staff/events/new/", views.event_create_view, name="event-create"),
    path("staff/events/<slug:slug>/edit/", views.event_edit_view, name="event-edit"),
    path(
        "staff/events/<slug:slug>/attendance/",
        views.event_attendance_view,
        name="event-attendance",
    ),
]
urlpatterns += challenge_urlpatterns
