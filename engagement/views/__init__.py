"""Engagement views: ladder ratings (``ratings``), comments on consultations (``comments``) and a
comment's lasting link (``permalinks``).

Comment views are served as routes of ``ConsultationPage``, which names each one in its
``route_views``; see :mod:`engagement.models.consultations`.
"""

from engagement.views.ratings import rate, rate_limited, rateable_page

__all__ = ["rate", "rate_limited", "rateable_page"]
