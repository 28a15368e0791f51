"""Page types of the site and the commissioning plan."""

from home.models.pages import HomePage, StandardPage
from home.models.plan import PlanPage, PlanSectionPage, PlanStatus

__all__ = ["HomePage", "PlanPage", "PlanSectionPage", "PlanStatus", "StandardPage"]
