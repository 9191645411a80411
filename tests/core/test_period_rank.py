"""The database works out ``Period.rank`` the same way Python does, on both databases."""

import pytest
from django.db.models import Max

from councilplan.core.models import period_rank
from councilplan.domain.periods import Period
from councilplan.measures.models import Target
from tests.factories import MeasureFactory

PERIODS = [
    Period.financial_year(2020),
    Period.quarter(2020, 4),
    Period.quarter(2021, 1),
    Period.month(2020, 12),
    Period.month(2021, 1),
    Period.financial_year(2019),
]


@pytest.mark.django_db
def test_database_rank_matches_python_rank_and_finds_the_latest() -> None:
    measure = MeasureFactory()
    for n, period in enumerate(PERIODS):
        Target.objects.create(measure=measure, period=period, value=n)
    ranked = Target.objects.annotate(rank=period_rank()).values_list("rank", flat=True)
    assert sorted(ranked) == sorted(p.rank for p in PERIODS)
    latest = Target.objects.aggregate(latest=Max(period_rank()))["latest"]
    assert Period.from_rank(latest) == max(PERIODS, key=lambda p: (p.end, p.start))
