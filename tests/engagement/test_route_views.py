"""A consultation page's routes call the views it names in ``route_views`` (the models import no view)."""

from django.utils.module_loading import import_string

from engagement.models import ConsultationPage


def test_every_consultation_route_names_a_view_that_exists():
    routes = {pattern.name for pattern in ConsultationPage.get_subpage_urls()} - {"index_route"}
    assert set(ConsultationPage.route_views) == routes
    for name, dotted_path in ConsultationPage.route_views.items():
        assert callable(import_string(dotted_path)), name
