"""The consultations index: every published consultation, open first, then upcoming and closed."""

from django.utils import timezone

from engagement.models.consultations import ConsultationPage
from home.models import ListingPage


class ConsultationIndexPage(ListingPage):
    """Lists consultations, open first, then upcoming and closed, filterable by status, topic and neighbourhood."""

    subpage_types = ["engagement.ConsultationPage"]
    empty_message = "There are no consultations open yet."
    cache_whole_page = False  # statuses change with time and counts with every comment

    class Meta:
        verbose_name = "consultations index page"

    def get_template(self, request, *args, **kwargs):
        """The consultations index has its own template, with filters and cards."""
        return "engagement/consultation_index_page.html"

    def get_listing(self):
        """The published, public consultations here, each with ``participant_count``, soonest closing first."""
        consultations = ConsultationPage.objects.child_of(self).live().public().prefetch_related("topics")
        return consultations.with_participant_counts().order_by("closes_at", "pk")

    def get_context(self, request, *args, **kwargs):
        """Add the filter form and the consultations in groups: ``groups`` is [(status, label, [pages])]."""
        from engagement.filters import ConsultationFilter

        context = super(ListingPage, self).get_context(request, *args, **kwargs)
        filters = ConsultationFilter(request.GET or None, queryset=self.get_listing())
        listed = list(filters.qs)
        now = timezone.now()
        groups = []
        for status, label in [
            (ConsultationPage.Status.OPEN, "Open consultations"),
            (ConsultationPage.Status.UPCOMING, "Upcoming consultations"),
            (ConsultationPage.Status.CLOSED, "Closed consultations"),
        ]:
            pages = [page for page in listed if page.status_at(now) == status]
            if status == ConsultationPage.Status.CLOSED:
                pages.sort(key=lambda page: page.closes_at, reverse=True)
            if status == ConsultationPage.Status.UPCOMING:
                pages.sort(key=lambda page: page.opens_at)
            groups.append((status, label, pages))
        context.update({"filters": filters, "groups": groups, "listing": listed, "filtered": bool(request.GET)})
        return context
