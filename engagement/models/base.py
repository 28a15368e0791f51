"""Shared abstract models for what people contribute in public: ratings, comments, ideas, answers."""

from django.conf import settings
from django.db import models

DELETED_ACCOUNT = "a deleted account"
ANONYMOUS = "someone who did not sign in"


class TimeStamped(models.Model):
    """Adds when a row was created and when it last changed."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Contribution(TimeStamped):
    """Something a person added to the site in public: a rating, a comment, an idea, an answer.

    The author may delete their account; the contribution stays (it is part of the public record)
    with ``author`` set to null, and shows as from "a deleted account". Anonymous contributions
    also have no author.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    had_author = models.BooleanField(
        default=False,
        editable=False,
        help_text="Whether a signed-in person gave this; stays true after they delete their account.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Remember that the contribution had an author, so a later deletion reads as one."""
        if self.author_id is not None:
            self.had_author = True
        super().save(*args, **kwargs)

    @property
    def author_display_name(self) -> str:
        """The name to show beside the contribution: the author's display name, else a neutral phrase."""
        if self.author_id is None:
            return DELETED_ACCOUNT if self.had_author else ANONYMOUS
        profile = getattr(self.author, "profile", None)
        name = getattr(profile, "display_name", "") or self.author.get_full_name()
        return name or "a registered participant"
