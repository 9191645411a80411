"""Template helpers: status tags in GOV.UK colours, and period URLs."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from councilplan.domain.periods import Period
from councilplan.domain.status import RagStatus
from councilplan.domain.trends import Direction

register = template.Library()

# GOV.UK Frontend has no "amber": its yellow and orange tags carry amber and amber/red.
TAG_CLASS = {
    "green": "green",
    "turquoise": "turquoise",
    "yellow": "yellow",
    "orange": "orange",
    "red": "red",
    "blue": "blue",
    "grey": "grey",
}


@register.filter
def status_tag(status: str | RagStatus, dca: bool = False) -> SafeString:
    """A status as a GOV.UK tag: colour and words, never colour alone."""
    if not status:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', "No status")
    rag = RagStatus(status)
    label = f"{rag.label} (DCA)" if dca else rag.label
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        TAG_CLASS.get(rag.colour, "grey"),
        label,
    )


@register.filter
def direction_words(direction: str | Direction) -> str:
    """A direction of travel in words."""
    return Direction(direction).label if direction else ""


@register.filter
def period_url(period: Period) -> str:
    """A period as written in URLs: "2021-22-Q1"."""
    return period.code.replace("/", "-")
