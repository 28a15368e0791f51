from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "Engagement and the ladder of co-production"

    def ready(self):
        """Add the person's ladder ratings to their personal data download (when people's registry exists)."""
        try:
            from people import personal_data
        except ImportError:  # the people app's registry has not landed yet
            return
        from engagement.personal_data import ladder_ratings_for

        personal_data.register("ladder_ratings", ladder_ratings_for)
