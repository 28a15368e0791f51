"""The data migrations: places seeded, groups made with the permissions their roles need."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage

from people import groups
from people.models import Locality, Neighbourhood

pytestmark = pytest.mark.django_db


def _codenames(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def _page_permissions(group_name):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page__depth=1).values_list(
            "permission__codename", flat=True
        )
    )


def test_twelve_neighbourhoods_are_seeded_four_in_each_of_three_localities():
    assert list(Locality.objects.values_list("name", flat=True)) == ["North", "Central", "South"]
    assert Neighbourhood.objects.count() == 12
    for locality in Locality.objects.all():
        assert [n.name for n in locality.neighbourhoods.order_by("sort_order")] == [
            f"{locality.name} {number}" for number in range(1, 5)
        ]


def test_all_six_groups_exist():
    assert set(Group.objects.filter(name__in=groups.ALL_GROUPS).values_list("name", flat=True)) == set(
        groups.ALL_GROUPS
    )


@pytest.mark.parametrize("group_name", groups.STAFF_GROUPS)
def test_staff_groups_may_use_the_admin(group_name):
    assert "wagtailadmin.access_admin" in _codenames(group_name)


@pytest.mark.parametrize("group_name", groups.PUBLIC_GROUPS)
def test_residents_and_providers_have_no_admin_permissions(group_name):
    assert _codenames(group_name) == set()
    assert not GroupPagePermission.objects.filter(group__name=group_name).exists()


def test_editors_draft_pages_but_cannot_publish():
    permissions = _page_permissions(groups.EDITORS)
    assert {"add_page", "change_page"} <= permissions
    assert "publish_page" not in permissions


def test_moderators_may_publish_pages():
    assert {"add_page", "change_page", "publish_page"} <= _page_permissions(groups.MODERATORS)


@pytest.mark.parametrize("group_name", [groups.EDITORS, groups.MODERATORS])
def test_editors_and_moderators_manage_documents_and_images(group_name):
    from wagtail.models import GroupCollectionPermission

    codenames = set(
        GroupCollectionPermission.objects.filter(group__name=group_name).values_list("permission__codename", flat=True)
    )
    assert {"add_document", "change_document", "add_image", "change_image"} <= codenames


def test_the_root_page_workflow_is_approved_by_moderators():
    root = Page.objects.get(depth=1)
    workflow = WorkflowPage.objects.get(page=root).workflow
    assert isinstance(workflow, Workflow) and workflow.active
    task = workflow.tasks.first().specific
    assert isinstance(task, GroupApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == [groups.MODERATORS]


def test_commissioners_can_verify_organisations_in_the_admin():
    assert {"people.view_organisation", "people.change_organisation", "people.view_profile"} <= _codenames(
        groups.COMMISSIONERS
    )
