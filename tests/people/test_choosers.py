"""The profile and organisation choosers ask the same permission as their listings, for every staff role."""

import pytest
from django.contrib.auth.models import Group

from people import groups

pytestmark = pytest.mark.django_db

CHOOSERS = {
    "profile": "/admin/snippets/choose/people/profile/",
    "organisation": "/admin/snippets/choose/people/organisation/",
}
# Who may open each listing (docs/permissions.md): Commissioners and superusers.
MAY_SEE = {groups.COMMISSIONERS}


@pytest.fixture
def records(profile_factory, organisation_factory):
    organisation = organisation_factory(name="Brookside Care")
    profile = profile_factory(display_name="Ada Resident", provider=True, organisation=organisation)
    return {"profile": profile, "organisation": organisation}


def _chooser_urls(base, record):
    return [base, f"{base}results/", f"{base}chosen/{record.pk}/", f"{base}chosen-multiple/?id={record.pk}"]


@pytest.mark.parametrize("model_name", CHOOSERS)
@pytest.mark.parametrize("group_name", groups.STAFF_GROUPS)
def test_each_staff_role_may_use_a_people_chooser_only_if_it_may_see_the_listing(
    client, user_factory, records, group_name, model_name
):
    person = user_factory()
    person.groups.add(Group.objects.get(name=group_name))
    client.force_login(person)
    record = records[model_name]
    listing = client.get(f"/admin/snippets/people/{model_name}/")
    for url in _chooser_urls(CHOOSERS[model_name], record):
        response = client.get(url)
        if group_name in MAY_SEE:
            assert listing.status_code == 200
            assert response.status_code == 200, url
            assert str(record) in response.content.decode(), url
        else:
            assert listing.status_code == 302  # Wagtail's "no permission" redirect to the dashboard
            assert response.status_code in {302, 403}, url
            assert str(record) not in response.content.decode(), url


@pytest.mark.parametrize("model_name", CHOOSERS)
def test_superusers_may_use_the_people_choosers(client, user_factory, records, model_name):
    client.force_login(user_factory(is_superuser=True))
    record = records[model_name]
    for url in _chooser_urls(CHOOSERS[model_name], record):
        response = client.get(url)
        assert response.status_code == 200, url
        assert str(record) in response.content.decode(), url
