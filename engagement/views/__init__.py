"""Engagement views: ladder ratings (``ratings``) and comments on consultations (``comments``).

Comment views are served as routes of ``ConsultationPage``; see :mod:`engagement.views.comments`.
"""

from engagement.views.ratings import rate, rate_limited, rateable_page

__all__ = ["rate", "rate_limited", "rateable_page"]
