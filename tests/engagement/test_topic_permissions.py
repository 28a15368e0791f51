"""Consultation topics (snippets) are added and edited by Commissioners, as docs/permissions.md says."""

import pytest

from engagement.models import Topic
from people import groups
from tests.engagement.moderation_factories import person_in

pytestmark = pytest.mark.django_db

ROLES = [
    groups.RESIDENTS,
    groups.PROVIDERS,
    groups.EDITORS,
    groups.MODERATORS,
    groups.COMMISSIONERS,
    groups.FACILITATORS,
]
ADD = "/admin/snippets/engagement/topic/add/"


@pytest.mark.parametrize("group_name", ROLES)
def test_only_commissioners_add_topics(client, group_name):
    client.force_login(person_in(group_name))

    response = client.post(ADD, {"name": "Carers' support", "slug": "carers-support"})

    assert Topic.objects.filter(slug="carers-support").exists() is (group_name == groups.COMMISSIONERS)
    assert response.status_code in {302, 403}
