from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Accounts, profiles, neighbourhoods, organisations and roles."""

    name = "people"
    verbose_name = "People and organisations"

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        from config import wagtail_admin_csp
        from people import personal_data, two_factor

        personal_data.register_core_sections()
        wagtail_admin_csp.install()  # Wagtail's chooser widgets under the Content-Security-Policy
        authenticator_added.connect(two_factor.record_activation_as_use, dispatch_uid="people.two_factor")
