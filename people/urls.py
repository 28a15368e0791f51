"""Account pages Ladder adds beside allauth's: profile, data download, deletion."""

app_name = "people"
urlpatterns = []
