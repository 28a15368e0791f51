"""People: where someone lives, who they speak for, and the organisations and members staff verify."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class Locality(models.Model):
    """One of the city's three localities (North, Central, South), each holding four neighbourhoods."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name_plural = "localities"

    def __str__(self):
        return self.name


class Neighbourhood(models.Model):
    """One of the twelve neighbourhoods that care is organised around."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="neighbourhoods")
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["locality__sort_order", "sort_order", "name"]

    def __str__(self):
        return self.name


class OrganisationType(models.TextChoices):
    """The kinds of organisation that partners and providers speak for."""

    CARE_PROVIDER = "care_provider", "Care provider"
    HOUSING_ASSOCIATION = "housing_association", "Housing association"
    VCSE = "vcse", "Voluntary, community or social enterprise (VCSE) group"
    NHS_OR_COUNCIL = "nhs_or_council", "NHS or council"
    OTHER = "other", "Other"


class OrganisationStatus(models.TextChoices):
    """Whether staff have checked that an organisation is real."""

    UNVERIFIED = "unverified", "Not yet verified"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"


class Organisation(models.Model):
    """A provider, housing association, VCSE group or public body; staff verify it in the admin."""

    name = models.CharField(max_length=200)
    type = models.CharField(max_length=30, choices=OrganisationType.choices, default=OrganisationType.OTHER)
    status = models.CharField(max_length=20, choices=OrganisationStatus.choices, default=OrganisationStatus.UNVERIFIED)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="people_organisation_name_unique_ci")]

    def __str__(self):
        return self.name

    def set_status(self, status, by):
        """Record a verification decision and who made it, and when (saved by the caller)."""
        self.status = status
        self.verified_by = by
        self.verified_at = timezone.now()


class RespondentType(models.TextChoices):
    """Who a person speaks as when they give feedback; used to break down every analysis."""

    RESIDENT = "resident", "Resident"
    CARER = "carer", "Carer or family member"
    PROVIDER = "provider", "Care provider"
    VCSE = "vcse", "VCSE group"
    STAFF = "staff", "Staff"

    @classmethod
    def needs_organisation(cls, value):
        """Providers and VCSE respondents speak for an organisation."""
        return value in {cls.PROVIDER, cls.VCSE}

    @classmethod
    def needs_neighbourhood(cls, value):
        """Everyone but staff tells us their neighbourhood."""
        return value != cls.STAFF


class MembershipStatus(models.TextChoices):
    """Whether staff have checked that a person really speaks for the organisation they named."""

    PENDING = "pending", "Waiting for staff to confirm"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Not confirmed"


class Profile(models.Model):
    """What a person tells us about themselves beyond their account.

    Naming an organisation makes the person a member of it, pending until staff confirm them:
    typing a verified organisation's name does not make anyone verified. A person shows as
    verified only through ``is_verified_member``.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(max_length=80, help_text="Shown beside anything you post.")
    respondent_type = models.CharField(max_length=20, choices=RespondentType.choices, default=RespondentType.RESIDENT)
    neighbourhood = models.ForeignKey(
        Neighbourhood, null=True, blank=True, on_delete=models.PROTECT, related_name="profiles"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    membership_status = models.CharField(
        "membership", max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.PENDING
    )
    membership_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    membership_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name

    @property
    def locality(self):
        """The locality of the person's neighbourhood, if they gave one."""
        return self.neighbourhood.locality if self.neighbourhood_id else None

    @property
    def is_verified_member(self):
        """True when staff verified the organisation and confirmed this person as its member."""
        return (
            self.organisation_id is not None
            and self.organisation.status == OrganisationStatus.VERIFIED
            and self.membership_status == MembershipStatus.CONFIRMED
        )

    def set_membership_status(self, status, by):
        """Record a decision on this person's membership, who made it and when (saved by the caller)."""
        self.membership_status = status
        self.membership_checked_by = by
        self.membership_checked_at = timezone.now()

    def join_organisation(self, organisation):
        """Name ``organisation`` (or none) as the person's; a change makes the membership pending again."""
        if organisation is not None and organisation.pk == self.organisation_id:
            return
        self.organisation = organisation
        self.membership_status = MembershipStatus.PENDING
        self.membership_checked_by = None
        self.membership_checked_at = None

    @property
    def is_complete(self):
        """True when the profile holds everything its respondent type needs."""
        if RespondentType.needs_neighbourhood(self.respondent_type) and not self.neighbourhood_id:
            return False
        if RespondentType.needs_organisation(self.respondent_type) and not self.organisation_id:
            return False
        return bool(self.display_name)
