"""'You said, we did': the organisation's public answer to a consultation.

A commissioner drafts the key themes people raised and how the organisation will respond,
links each theme to the comments that raised it, records at which rung the organisation
engaged, and publishes it; everyone who took part is then emailed.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from engagement import ladder


class ConsultationResponse(ClusterableModel):
    """The response to one consultation: an introduction, themes, and the organisation's own rung."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    consultation = models.OneToOneField(
        "engagement.ConsultationPage", on_delete=models.CASCADE, related_name="response"
    )
    introduction = models.TextField(blank=True)
    organisation_rung = models.PositiveSmallIntegerField(
        "at which rung did we engage?",
        choices=ladder.RUNG_CHOICES,
        null=True,
        blank=True,
        validators=[MinValueValidator(ladder.MIN_RUNG), MaxValueValidator(ladder.MAX_RUNG)],
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    panels = [
        FieldPanel("consultation"),
        FieldPanel("introduction"),
        FieldPanel("organisation_rung"),
        InlinePanel("themes", heading="Key themes", label="Theme"),
    ]

    def __str__(self):
        return f"You said, we did: {self.consultation}"


class ResponseTheme(Orderable, ClusterableModel):
    """One row of the table: what people said, and how the organisation will address it."""

    response = ParentalKey(ConsultationResponse, on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField(max_length=200)
    you_said = models.TextField("you said")
    we_did = models.TextField("we did, or will do")
    comments = ParentalManyToManyField("engagement.Comment", blank=True, related_name="response_themes")

    panels = [FieldPanel("theme"), FieldPanel("you_said"), FieldPanel("we_did"), FieldPanel("comments")]

    def __str__(self):
        return self.theme
