"""Engagement URLs: ladder ratings on any page."""

from django.urls import path

from engagement import views

app_name = "engagement"
urlpatterns = [
    path("rate/<int:page_id>/", views.rate, name="rate"),
]
