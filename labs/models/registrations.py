"""Registration for an Innovation Lab: a place, or a place on the waiting list."""

from django.conf import settings
from django.db import models


class Registration(models.Model):
    """One person's registration for one lab (cancelled registrations are kept, and can be renewed)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Place confirmed"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    lab = models.ForeignKey("labs.LabPage", on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lab_registrations")
    organisation = models.ForeignKey(
        "people.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="lab_registrations"
    )
    access_needs = models.TextField(blank=True, max_length=1000)
    theme_preference = models.ForeignKey(
        "labs.LabTheme", null=True, blank=True, on_delete=models.SET_NULL, related_name="preferred_by"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["lab", "person"], name="one_registration_per_person_per_lab")]
        indexes = [models.Index(fields=["lab", "status", "created_at"])]

    def __str__(self):
        return f"{self.person} at {self.lab} ({self.get_status_display()})"
