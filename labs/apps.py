from django.apps import AppConfig


class LabsConfig(AppConfig):
    name = "labs"
    verbose_name = "Innovation Labs"
    #: What ``seed_demo`` calls to build this app's demo content, and how it names the result.
    demo_content = ("Demo Innovation Labs", "labs.demo.create_demo_labs")

    def ready(self):
        """Add lab registrations and what people did in live sessions to the personal data download;
        when a lab is published with more places than are taken, give them to the people waiting;
        let /healthz name the live rooms that cannot hear the channel layer."""
        from wagtail.signals import page_published

        from home import health
        from labs.live import rooms
        from labs.models import LabPage
        from labs.personal_data import lab_contributions_for, registrations_for
        from people import personal_data

        personal_data.register("lab_registrations", registrations_for)
        personal_data.register("lab_sessions", lab_contributions_for)
        page_published.connect(offer_places_when_published, sender=LabPage, dispatch_uid="labs_offer_places")
        health.register_room_reporter(rooms.not_listening)


def offer_places_when_published(sender, instance, **kwargs):
    """Publishing a lab whose capacity went up (by an editor, a workflow or a schedule) offers the new
    places to the people waiting longest, and emails them."""
    from labs.registrations import offer_free_places

    offer_free_places(instance)
