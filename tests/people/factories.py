"""Factories for people: users, profiles, organisations."""

import factory
from django.contrib.auth import get_user_model


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified email address and a known password."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda person: f"{person.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified(person, create, extracted, **kwargs):
        """Record the email address as verified for allauth (pass verified=False to skip)."""
        if not create:
            return
        person.save()
        if extracted is False:
            return
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=person, email=person.email, defaults={"verified": True, "primary": True}
        )


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An invented organisation, unverified unless told otherwise."""

    class Meta:
        model = "people.Organisation"

    name = factory.Sequence(lambda n: f"Invented Care Company {n}")
    type = "care_provider"
    status = "unverified"


def _seeded_neighbourhood():
    from people.models import Neighbourhood

    return Neighbourhood.objects.order_by("pk").first()


class ProfileFactory(factory.django.DjangoModelFactory):
    """A resident's profile in the first seeded neighbourhood."""

    class Meta:
        model = "people.Profile"
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Person {n}")
    respondent_type = "resident"
    neighbourhood = factory.LazyFunction(_seeded_neighbourhood)
    organisation = None

    class Params:
        provider = factory.Trait(respondent_type="provider", organisation=factory.SubFactory(OrganisationFactory))
        staff = factory.Trait(respondent_type="staff", neighbourhood=None)
