from django.urls import path

from learning_centre import views

app_name = "learning_centre"
urlpatterns = [
    path("learn/", views.overview_view, name="overview"),
    path("learn/wellbeing/", views.wellbeing_view, name="wellbeing"),
]
