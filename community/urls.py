from django.urls import path

from community import views

app_name = "community"
urlpatterns = [
    path("community/", views.forum_index_view, name="forum-index"),
    path("staff/moderation/", views.moderation_queue_view, name="moderation-queue"),
]
