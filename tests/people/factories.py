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
