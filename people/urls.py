"""Account pages Ladder adds beside allauth's: profile, data download, deletion."""

from django.urls import path

from people import views

app_name = "people"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/download/", views.download_personal_data, name="download_personal_data"),
    path("delete/", views.delete_account, name="delete_account"),
]
