"""allauth adapter for Ladder."""

from allauth.account.adapter import DefaultAccountAdapter


class LadderAccountAdapter(DefaultAccountAdapter):
    """Ladder's account rules (extended by the people app)."""
