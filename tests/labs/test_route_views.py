"""Lab pages' routes call the views each page names in ``route_views`` (the models import no view)."""

import pytest
from django.utils.module_loading import import_string

from labs.models import LabIndexPage, LabPage

#: Routes that serve the page itself rather than a view.
PAGE_ITSELF = {"index_route", "index", "lab"}


@pytest.mark.parametrize("page_class", [LabIndexPage, LabPage])
def test_every_lab_route_names_a_view_that_exists(page_class):
    routes = {pattern.name for pattern in page_class.get_subpage_urls()} - PAGE_ITSELF
    assert set(page_class.route_views) == routes
    for name, dotted_path in page_class.route_views.items():
        assert callable(import_string(dotted_path)), name
