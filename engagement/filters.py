"""Filters for the consultations index: status (open, upcoming, closed), topic and neighbourhood."""

import django_filters
from django import forms
from django.db.models import Q

from engagement.models import ConsultationPage, Topic
from people.models import Neighbourhood

#: The statuses in the order people look for them.
STATUS_ORDER = [ConsultationPage.Status.OPEN, ConsultationPage.Status.UPCOMING, ConsultationPage.Status.CLOSED]


class ConsultationFilter(django_filters.FilterSet):
    """The GET form on ``/consultations/``. Every filter is optional; a bad value is reported on its field."""

    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[(status.value, status.label) for status in STATUS_ORDER],
        empty_label="Any status",
        method="filter_status",
    )
    topic = django_filters.ModelChoiceFilter(
        label="Topic",
        field_name="topics",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label="Any topic",
    )
    neighbourhood = django_filters.ModelChoiceFilter(
        label="Neighbourhood",
        queryset=Neighbourhood.objects.select_related("locality"),
        to_field_name="slug",
        empty_label="Any neighbourhood",
        method="filter_neighbourhood",
        help_text="Consultations about the whole city are always included.",
    )

    class Meta:
        model = ConsultationPage
        fields = ["status", "topic", "neighbourhood"]

    def filter_status(self, queryset, name, value):
        """Upcoming, open or closed right now."""
        return queryset.with_status(value) if value else queryset

    def filter_neighbourhood(self, queryset, name, value):
        """Consultations about this neighbourhood, and those about the whole city (no neighbourhood given)."""
        if not value:
            return queryset
        links = ConsultationPage.neighbourhoods.through.objects
        about_it = links.filter(neighbourhood=value).values("consultationpage_id")
        about_somewhere = links.values("consultationpage_id")
        return queryset.filter(Q(pk__in=about_it) | ~Q(pk__in=about_somewhere))

    @property
    def form(self):
        """The filter form, with NHS.UK select boxes."""
        form = super().form
        for field in form.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "nhsuk-select")
        return form
