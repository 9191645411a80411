"""The one place councilplan reads the calendar.

Views, API endpoints and commands call ``today()`` and pass the date down; below them every
rule takes the date it judges *as at* as an argument, so a report of a past period is a
function of the data and that date alone.
"""

from datetime import date

from django.utils import timezone


def today() -> date:
    """Today's date in the installation's time zone (``TIME_ZONE``, Europe/London)."""
    return timezone.localdate()
