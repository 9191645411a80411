"""What every page's layout needs: the staff navigation and which item is current."""

from django.http import HttpRequest

STAFF_NAVIGATION = [
    ("staff:my-updates", "My updates"),
    ("staff:plans", "Plans"),
    ("staff:dashboards", "Dashboard"),
    ("staff:approvals", "Approvals"),
    ("staff:chase", "Chase list"),
    ("staff:imports", "Import"),
    ("staff:api-tokens", "API tokens"),
]


def navigation(request: HttpRequest) -> dict[str, object]:
    """The navigation items, and the current one, from the URL the page was reached by."""
    match = request.resolver_match
    current = match.view_name if match else ""
    active = next((name for name, _ in STAFF_NAVIGATION if name == current), "")
    if current in ("staff:dashboard", "staff:dashboard-period", "staff:dashboard-timeline"):
        active = "staff:dashboards"
    if current.startswith("staff:import"):
        active = "staff:imports"
    if not active and current.startswith("staff:"):
        active = (
            "staff:plans"
            if current in ("staff:plan", "staff:plan-period", "staff:action", "staff:measure")
            else ""
        )
    return {"nav": STAFF_NAVIGATION, "active_nav": active}
