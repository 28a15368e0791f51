from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Accounts, profiles, neighbourhoods, organisations and roles."""

    name = "people"
    verbose_name = "People and organisations"

    def ready(self):
        from people import personal_data

        personal_data.register_core_sections()
