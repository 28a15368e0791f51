"""Page types of the site and the commissioning plan."""

from home.models.pages import HomePage, ListingPage, StandardPage
from home.models.plan import PlanPage, PlanSectionPage, PlanStatus

__all__ = ["HomePage", "ListingPage", "PlanPage", "PlanSectionPage", "PlanStatus", "StandardPage"]
