"""Page types of the site and the commissioning plan."""

from home.models.plan import PlanPage, PlanSectionPage, PlanStatus
from home.models.site import HomePage, StandardPage

__all__ = ["HomePage", "PlanPage", "PlanSectionPage", "PlanStatus", "StandardPage"]
