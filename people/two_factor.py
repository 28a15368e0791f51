"""Two-factor authentication for staff: whether a person has a second factor, and whether the
current session used one.

allauth keeps a list of how the current session authenticated (``get_authentication_records``):
a ``"password"`` record for the sign-in, and an ``"mfa"`` record each time a code from an
authenticator app (or a recovery code) was accepted, at sign-in or when asked again. Setting up
an authenticator app also proves the person holds it (the activation form takes a code from the
new app), so Ladder records that as an ``"mfa"`` use too: allauth records nothing for it.
"""

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator

SECOND_FACTOR_METHOD = "mfa"
# Authenticators whose setting-up checks a code or signature from the device itself.
PROVEN_ON_ACTIVATION = {Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN}


def has_authenticator_app(user) -> bool:
    """True when ``user`` has activated TOTP two-factor authentication."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_used_second_factor(request) -> bool:
    """True when the signed-in person gave a second factor in this session."""
    return any(
        record.get("method") == SECOND_FACTOR_METHOD for record in get_authentication_records(request, request.user)
    )


def record_activation_as_use(sender, request, user, authenticator, **kwargs):
    """On ``allauth.mfa.signals.authenticator_added``: count a newly set-up app as used in this session."""
    if request is None or authenticator.type not in PROVEN_ON_ACTIVATION:
        return
    record_authentication(
        request, user, SECOND_FACTOR_METHOD, id=authenticator.pk, type=authenticator.type, activated=True
    )
