from django.apps import AppConfig


class ServingConfig(AppConfig):
    """How published pages reach visitors fast: remembered routing and the whole-page cache."""

    name = "serving"
    verbose_name = "Page serving"

    def ready(self):
        from serving import signals

        signals.connect()
