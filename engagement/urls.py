"""Engagement URLs: ladder ratings on any page."""

app_name = "engagement"
urlpatterns = []
