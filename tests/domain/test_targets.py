"""Which target a period is judged against: a year's serving its quarters and months, profiled
to date for sums, targets ahead (interpolated or not), and suspended targets."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from councilplan.domain.measure_status import measure_status
from councilplan.domain.periods import Aggregation, Period, PeriodKind, year_from_periods
from councilplan.domain.status import Polarity, RagStatus
from councilplan.domain.targets import (
    TargetBasis,
    TargetError,
    TargetRule,
    TargetSetting,
    applied_target,
    interpolated,
    parse_profile,
    profiled_share,
    validate_profile,
    year_to_date,
)

N = Decimal
FY20 = Period.financial_year(2020)
Q = Period.quarter
M = Period.month
SUM, LATEST, AVERAGE, ROLLING = (
    Aggregation.SUM,
    Aggregation.LATEST,
    Aggregation.AVERAGE,
    Aggregation.ROLLING_12,
)
QUARTERLY_PROFILE = validate_profile([20, 25, 25, 30])
BY_MARCH_2025 = TargetSetting(
    Period.financial_year(2024),
    N(50),
    baseline=N(40),
    baseline_period=Period.financial_year(2021),
    interpolate=True,
)


def judged(period: Period, settings: list[TargetSetting], rule: TargetRule, value: Decimal):
    """The status of ``value`` in ``period`` against the target that applies."""
    applied = applied_target(period, settings, rule)
    return applied, measure_status(
        value=value,
        target=applied.value,
        polarity=Polarity.LOWER,
        applied=applied,
        period_label=period.label,
    )


@pytest.mark.parametrize("aggregation", [LATEST, AVERAGE, ROLLING])
@pytest.mark.parametrize("period", [Q(2020, 1), Q(2020, 2), Q(2020, 3), Q(2020, 4), M(2020, 7)])
def test_year_target_serves_every_quarter_and_month_of_a_snapshot_measure(
    aggregation: Aggregation, period: Period
) -> None:
    # 95 households in temporary accommodation against 100 for 2020/21, lower is better.
    applied, status = judged(period, [TargetSetting(FY20, N(100))], TargetRule(aggregation), N(95))
    assert applied.basis == TargetBasis.YEAR
    assert applied.value == N(100)
    assert status.status == RagStatus.GREEN
    assert "95 against the 2020/21 target of 100, lower is better" in status.explanation


@pytest.mark.parametrize(
    ("settings", "period", "basis", "value"),
    [
        pytest.param(
            [TargetSetting(FY20, N(100)), TargetSetting(Q(2020, 3), N(90))],
            Q(2020, 3),
            TargetBasis.OWN,
            N(90),
            id="a quarter's own target wins over the year's",
        ),
        pytest.param(
            [TargetSetting(FY20, N(100)), TargetSetting(Q(2020, 3), N(90))],
            Q(2020, 2),
            TargetBasis.YEAR,
            N(100),
            id="other quarters keep the year's",
        ),
        pytest.param(
            [TargetSetting(FY20, N(100)), TargetSetting(Q(2020, 3), N(90))],
            M(2020, 8),
            TargetBasis.YEAR,
            N(90),
            id="a month takes its quarter's before the year's",
        ),
        pytest.param(
            [TargetSetting(Period.financial_year(2019), N(100))],
            Q(2020, 1),
            TargetBasis.NONE,
            None,
            id="last year's target does not serve this year",
        ),
    ],
)
def test_the_periods_own_target_overrides_the_years(
    settings: list[TargetSetting], period: Period, basis: TargetBasis, value: Decimal | None
) -> None:
    applied = applied_target(period, settings, TargetRule(LATEST))
    assert (applied.basis, applied.value) == (basis, value)


@pytest.mark.parametrize(
    ("period", "profile", "expected"),
    [
        pytest.param(Q(2020, 2), None, N(200), id="pro rata: Q2 is 2/4 of 400"),
        pytest.param(M(2020, 5), None, N("166.666667"), id="pro rata: month 5 is 5/12"),
        pytest.param(Q(2020, 4), None, N(400), id="pro rata: Q4 is the year"),
        pytest.param(Q(2020, 1), QUARTERLY_PROFILE, N(80), id="20% by Q1"),
        pytest.param(Q(2020, 2), QUARTERLY_PROFILE, N(180), id="45% by Q2"),
        pytest.param(Q(2020, 3), QUARTERLY_PROFILE, N(280), id="70% by Q3"),
        pytest.param(M(2020, 4), QUARTERLY_PROFILE, N(80 + 100 / 3).quantize(N("0.000001"))),
    ],
)
def test_sum_measures_are_judged_against_the_year_target_profiled_to_date(
    period: Period, profile: tuple[Decimal, ...] | None, expected: Decimal
) -> None:
    applied = applied_target(period, [TargetSetting(FY20, N(400))], TargetRule(SUM, profile))
    assert applied.basis == TargetBasis.PROFILED
    assert applied.value == expected


def test_homes_delivered_200_by_q2_against_400_for_the_year_is_green() -> None:
    applied = applied_target(Q(2020, 2), [TargetSetting(FY20, N(400))], TargetRule(SUM))
    status = measure_status(
        value=N(200),
        target=applied.value,
        polarity=Polarity.HIGHER,
        applied=applied,
        value_words="200 in the year to 2020/21 Q2",
    )
    assert status.status == RagStatus.GREEN
    assert status.explanation.startswith(
        "Green: 200 in the year to 2020/21 Q2 against 200 profiled (400 for 2020/21)"
    )


def test_a_profile_is_named_in_the_explanation() -> None:
    applied = applied_target(
        Q(2020, 2), [TargetSetting(FY20, N(400))], TargetRule(SUM, QUARTERLY_PROFILE)
    )
    assert applied.words == "180 profiled 20/25/25/30 (400 for 2020/21)"


def test_the_years_own_value_of_a_sum_measure_is_judged_against_the_year_target() -> None:
    applied = applied_target(FY20, [TargetSetting(FY20, N(400))], TargetRule(SUM))
    assert (applied.basis, applied.value) == (TargetBasis.OWN, N(400))


@pytest.mark.parametrize("aggregation", [SUM, LATEST])
@pytest.mark.parametrize("period", [FY20, Q(2020, 2), M(2020, 11)])
def test_a_suspended_year_suspends_its_quarters_and_months(
    aggregation: Aggregation, period: Period
) -> None:
    covid = TargetSetting(FY20, None, suspended_reason="not set due to COVID-19")
    applied, status = judged(period, [covid], TargetRule(aggregation), N(95))
    assert applied.basis == TargetBasis.SUSPENDED
    assert applied.value is None
    assert status.status == RagStatus.TARGET_SUSPENDED
    assert status.explanation == "Target suspended: not set due to COVID-19 (value 95)"


def test_a_later_target_without_interpolation_leaves_no_target_but_names_it() -> None:
    ahead = TargetSetting(Period.financial_year(2024), N(50))
    applied, status = judged(Q(2022, 2), [ahead], TargetRule(LATEST), N(45))
    assert (applied.basis, applied.value) == (TargetBasis.AHEAD, None)
    assert status.status == RagStatus.NO_TARGET
    assert status.explanation == "No target set for 2022/23 Q2; 50 by March 2025 (value 45)"


def test_a_later_target_applies_at_its_date() -> None:
    ahead = TargetSetting(Period.financial_year(2024), N(50))
    applied = applied_target(Q(2024, 4), [ahead], TargetRule(LATEST))
    assert (applied.basis, applied.value) == (TargetBasis.YEAR, N(50))


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        pytest.param(Period.financial_year(2021), N(40), id="the baseline at its period"),
        pytest.param(Period.financial_year(2022), N("43.333333"), id="a third of the way"),
        pytest.param(Q(2023, 4), N("46.666667"), id="two thirds by 2023/24 Q4"),
        pytest.param(Q(2023, 2), N(45), id="half way through 2023/24"),
    ],
)
def test_a_later_target_with_interpolation_is_on_the_line_from_the_baseline(
    period: Period, expected: Decimal
) -> None:
    applied = applied_target(period, [BY_MARCH_2025], TargetRule(LATEST))
    assert (applied.basis, applied.value) == (TargetBasis.INTERPOLATED, expected)
    assert applied.words.endswith("on the way from 40 in 2021/22 to 50 by March 2025")


def test_interpolation_reads_in_the_explanation() -> None:
    _, status = judged(Q(2023, 2), [BY_MARCH_2025], TargetRule(LATEST), N(44))
    assert status.status == RagStatus.GREEN
    assert "44 against 45, on the way from 40 in 2021/22 to 50 by March 2025" in status.explanation


def test_before_the_baseline_there_is_nothing_to_interpolate() -> None:
    applied = applied_target(Q(2020, 2), [BY_MARCH_2025], TargetRule(LATEST))
    assert applied.basis == TargetBasis.AHEAD


def test_an_interpolated_year_target_is_profiled_for_a_sum_measure() -> None:
    applied = applied_target(Q(2022, 2), [BY_MARCH_2025], TargetRule(SUM))
    assert applied.basis == TargetBasis.INTERPOLATED
    assert applied.value == N("21.666666")  # half of 43.333333
    assert applied.words.startswith("21.67 profiled (43.33 for 2022/23, on the way from 40")


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        pytest.param([50, 50], "4 parts (one per quarter) or 12", id="wrong number of parts"),
        pytest.param([20, 25, 25, 25], "add up to 100%, not 95%", id="not 100"),
        pytest.param([20, 25, "x", 30], "'x' in a target profile is not a percentage", id="text"),
        pytest.param([120, -20, 0, 0], "not a percentage from 0 to 100", id="out of range"),
        pytest.param("20/25/25/30", "a list of percentages", id="not a list"),
    ],
)
def test_profile_errors_say_what_is_wrong(parts: object, message: str) -> None:
    with pytest.raises(TargetError, match=re.escape(message)):
        validate_profile(parts)  # type: ignore[arg-type]


def test_profile_is_read_as_councils_write_it() -> None:
    assert parse_profile("20% / 25% / 25% / 30%") == QUARTERLY_PROFILE


def test_year_to_date_sums_the_years_periods_up_to_this_one() -> None:
    values = {Q(2020, 1): N(90), Q(2020, 2): N(110), Q(2020, 3): N(50), Q(2019, 4): N(7)}
    assert year_to_date(Q(2020, 2), values) == N(200)
    assert year_to_date(Q(2020, 4), values) is None


percent = st.integers(min_value=0, max_value=100)


@st.composite
def profiles(draw: st.DrawFn) -> tuple[Decimal, ...] | None:
    """No profile (pro rata), or 4 or 12 whole percentages adding up to 100."""
    parts = draw(st.sampled_from([0, 4, 12]))
    if parts == 0:
        return None
    cuts = sorted(draw(st.lists(percent, min_size=parts - 1, max_size=parts - 1)))
    edges = [0, *cuts, 100]
    return validate_profile([b - a for a, b in itertools.pairwise(edges)])


target_values = st.decimals(min_value=0, max_value=10**6, places=2)


@given(profile=profiles(), year_target=target_values)
def test_profiled_target_at_q4_and_month_12_is_the_year_target(
    profile: tuple[Decimal, ...] | None, year_target: Decimal
) -> None:
    for period in (Q(2020, 4), M(2020, 12)):
        applied = applied_target(
            period, [TargetSetting(FY20, year_target)], TargetRule(SUM, profile)
        )
        assert applied.value == year_target


@given(profile=profiles(), quarter=st.integers(min_value=1, max_value=4))
def test_monthly_and_quarterly_sum_measures_agree_at_quarter_ends(
    profile: tuple[Decimal, ...] | None, quarter: int
) -> None:
    assert profiled_share(Q(2020, quarter), profile) == profiled_share(
        M(2020, 3 * quarter), profile
    )


@given(profile=profiles(), month=st.integers(min_value=1, max_value=11))
def test_profiled_share_never_falls_from_month_to_month(
    profile: tuple[Decimal, ...] | None, month: int
) -> None:
    assert profiled_share(M(2020, month), profile) <= profiled_share(M(2020, month + 1), profile)


@given(
    base_year=st.integers(min_value=2000, max_value=2030),
    years=st.integers(min_value=1, max_value=10),
    baseline=target_values,
    target=target_values,
)
def test_interpolation_hits_the_baseline_at_its_period_and_the_target_at_its_date(
    base_year: int, years: int, baseline: Decimal, target: Decimal
) -> None:
    setting = TargetSetting(
        Period.financial_year(base_year + years),
        target,
        baseline=baseline,
        baseline_period=Period.financial_year(base_year),
        interpolate=True,
    )
    assert interpolated(setting, Period.financial_year(base_year)) == baseline
    assert interpolated(setting, Period.quarter(base_year + years, 4)) == target
    for year in range(base_year, base_year + years + 1):
        between = interpolated(setting, Period.financial_year(year))
        assert between is not None
        assert min(baseline, target) <= between <= max(baseline, target)


@pytest.mark.parametrize(
    ("values", "aggregation", "expected"),
    [
        pytest.param({Q(2020, n): N(v) for n, v in [(1, 90), (2, 110), (4, 80)]}, SUM, N(280)),
        pytest.param({Q(2020, n): N(v) for n, v in [(1, 90), (4, 80)]}, LATEST, N(80)),
        pytest.param({Q(2020, n): N(v) for n, v in [(1, 90), (3, 80)]}, SUM, None, id="no Q4"),
    ],
)
def test_a_year_is_worked_out_from_its_quarters_once_the_last_has_a_value(
    values: dict[Period, Decimal], aggregation: Aggregation, expected: Decimal | None
) -> None:
    assert year_from_periods(FY20, PeriodKind.QUARTER, values, aggregation) == expected


@given(monthly=st.lists(target_values, min_size=12, max_size=12))
def test_a_sum_measures_year_to_q4_is_its_year(monthly: list[Decimal]) -> None:
    values: dict[Period, Decimal | None] = {M(2020, n + 1): v for n, v in enumerate(monthly)}
    assert year_to_date(M(2020, 12), values) == year_from_periods(
        FY20, PeriodKind.MONTH, values, SUM
    )


@pytest.mark.parametrize(
    ("settings", "period", "value", "words"),
    [
        pytest.param(
            [TargetSetting(Q(2020, 1), N(100)), TargetSetting(Q(2020, 2), N(150))],
            Q(2020, 2),
            N(250),
            "250 to date (the sum of the quarters' targets)",
            id="each quarter's own target is its amount: the year to date sums them",
        ),
        pytest.param(
            [TargetSetting(Q(2020, 2), N(150))],
            Q(2020, 2),
            N(150),
            "a target of 150",
            id="without a target for every quarter to date, the quarter's own alone",
        ),
        pytest.param(
            [TargetSetting(Q(2020, 1), N(100))],
            Q(2020, 1),
            N(100),
            "a target of 100",
            id="the first quarter's own is its year to date",
        ),
    ],
)
def test_a_sums_own_quarterly_targets_add_up_to_date(
    settings: list[TargetSetting], period: Period, value: Decimal, words: str
) -> None:
    applied = applied_target(period, settings, TargetRule(Aggregation.SUM))
    assert (applied.basis, applied.value, applied.words) == (TargetBasis.OWN, value, words)
