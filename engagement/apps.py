from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "Engagement and the ladder of co-production"
    #: What ``seed_demo`` calls to build this app's demo content, and how it names the result.
    demo_content = ("Demo consultations", "engagement.demo.create_demo_consultations")

    def ready(self):
        """Register the comment clean-up job; add ratings, comments and flags to the personal data download."""
        import engagement.comments  # noqa: F401 - registers its scheduled job (deleting unconfirmed comments)
        from engagement.personal_data import comment_flags_for, comments_for, ladder_ratings_for
        from people import personal_data

        personal_data.register("ladder_ratings", ladder_ratings_for)
        personal_data.register("comments", comments_for)
        personal_data.register("comment_flags", comment_flags_for)
