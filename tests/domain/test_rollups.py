"""Status counts by group, parent progress from sub-actions, and the exceptions list."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from councilplan.domain.rollups import (
    Assessment,
    StatusBreakdown,
    SubActionProgress,
    breakdown_by,
    exception_rank,
    exceptions,
    exceptions_first,
    is_exception,
    parent_progress,
    status_breakdown,
)
from councilplan.domain.status import RagStatus
from councilplan.domain.trends import Direction

N = Decimal
G, AG, A, AR, R, B = (
    RagStatus.GREEN,
    RagStatus.AMBER_GREEN,
    RagStatus.AMBER,
    RagStatus.AMBER_RED,
    RagStatus.RED,
    RagStatus.BLUE,
)


def test_breakdown_counts_statuses_in_status_order() -> None:
    breakdown = status_breakdown([R, G, G, A, RagStatus.NO_TARGET, G])

    assert breakdown.counts == ((G, 3), (A, 1), (R, 1), (RagStatus.NO_TARGET, 1))
    assert (breakdown.total, breakdown.rated_total) == (6, 5)
    assert breakdown.count(B) == 0


def test_shares_are_of_all_items_or_of_rated_ones() -> None:
    breakdown = status_breakdown([G, G, G, R, RagStatus.NO_TARGET])

    assert breakdown.share(G) == N("0.6")
    assert breakdown.share(G, of_rated=True) == N("0.75")
    assert breakdown.percent(R) == N(20)
    assert breakdown.percent(R, of_rated=True, decimals=1) == N("25.0")


def test_empty_breakdown_has_zero_shares() -> None:
    breakdown = status_breakdown([])

    assert (breakdown.total, breakdown.share(G), breakdown.percent(G)) == (0, N(0), N(0))


def test_breakdown_by_portfolio_counts_an_action_in_each_of_its_groups() -> None:
    # Seed 003: "ETE/ CCP" delivers one deliverable jointly.
    pairs = [("ETE", G), ("CCP", A), ("ETE", R), ("CCP", G), ("ETE", G)]

    by_department = breakdown_by(pairs)

    assert list(by_department) == ["ETE", "CCP"]
    assert by_department["ETE"] == StatusBreakdown(((G, 2), (R, 1)))
    assert by_department["CCP"] == StatusBreakdown(((G, 1), (A, 1)))


@pytest.mark.parametrize(
    ("children", "weighted", "expected"),
    [
        ([SubActionProgress(N(100)), SubActionProgress(N(50))], False, N(75)),
        ([SubActionProgress(N(100), N(3)), SubActionProgress(N(0), N(1))], True, N(75)),
        ([SubActionProgress(N(100), N(3)), SubActionProgress(N(0), N(1))], False, N(50)),
        ([SubActionProgress(N(80)), SubActionProgress(None)], False, N(80)),
        ([SubActionProgress(None)], False, None),
        ([], True, None),
        ([SubActionProgress(N(40), N(0))], True, None),
    ],
)
def test_parent_progress_averages_sub_actions(
    children: list[SubActionProgress], weighted: bool, expected: Decimal | None
) -> None:
    assert parent_progress(children, weighted=weighted) == expected


def test_parent_progress_refuses_negative_weights() -> None:
    with pytest.raises(ValueError, match="negative"):
        parent_progress([SubActionProgress(N(50), N(-1))], weighted=True)


ON_TRACK = Assessment("1.1", "Refresh the Derby Plan", G)
SLIPPING = Assessment("1.2", "Climate change", A)
MARKET_HALL = Assessment("2.1", "Market Hall", AR)
WASTE = Assessment("2.2", "Waste Processing Centre", R)
OVERDUE = Assessment("2.3", "A52", G, overdue=True)
WORSENING = Assessment(
    "3.1", "Adults 65+ admissions", RagStatus.NO_TARGET, False, Direction.WORSENING
)
IMPROVING = Assessment(
    "3.2", "Adults 18-64 admissions", RagStatus.NO_TARGET, False, Direction.IMPROVING
)


def test_exceptions_list_red_then_overdue_then_worsening() -> None:
    items = [ON_TRACK, WORSENING, SLIPPING, OVERDUE, IMPROVING, MARKET_HALL, WASTE]

    assert exceptions(items) == [WASTE, MARKET_HALL, OVERDUE, WORSENING, SLIPPING]
    assert exceptions(items, include_amber=False) == [WASTE, MARKET_HALL, OVERDUE, WORSENING]


def test_exceptions_first_keeps_every_item_and_the_given_order_among_equals() -> None:
    items = [ON_TRACK, IMPROVING, WASTE, SLIPPING]

    assert exceptions_first(items) == [WASTE, SLIPPING, ON_TRACK, IMPROVING]


@pytest.mark.parametrize(
    ("item", "with_amber", "without_amber"),
    [
        (ON_TRACK, False, False),
        (SLIPPING, True, False),
        (Assessment("x", "x", AG), False, False),
        (MARKET_HALL, True, True),
        (OVERDUE, True, True),
        (WORSENING, True, True),
        (IMPROVING, False, False),
    ],
)
def test_is_exception(item: Assessment, with_amber: bool, without_amber: bool) -> None:
    assert is_exception(item) is with_amber
    assert is_exception(item, include_amber=False) is without_amber


ASSESSMENTS = st.builds(
    Assessment,
    st.text(max_size=3),
    st.text(max_size=3),
    st.sampled_from(list(RagStatus)),
    st.booleans(),
    st.none() | st.sampled_from(list(Direction)),
)


@given(st.lists(ASSESSMENTS, max_size=20))
def test_exceptions_first_is_a_sorted_permutation(items: list[Assessment]) -> None:
    ordered = exceptions_first(items)

    assert sorted(map(repr, ordered)) == sorted(map(repr, items))
    assert [exception_rank(i) for i in ordered] == sorted(exception_rank(i) for i in items)
    flagged = [is_exception(item) for item in ordered]
    assert flagged == sorted(flagged, reverse=True)


@given(st.lists(st.sampled_from(list(RagStatus)), max_size=30))
def test_breakdown_counts_add_up_and_shares_sum_to_one(statuses: list[RagStatus]) -> None:
    breakdown = status_breakdown(statuses)

    assert breakdown.total == len(statuses)
    if statuses:
        total_share = sum((breakdown.share(status) for status in RagStatus), Decimal(0))
        assert abs(total_share - 1) < Decimal("1E-20")


@given(
    st.lists(
        st.builds(
            SubActionProgress,
            st.integers(0, 100).map(Decimal),
            st.integers(1, 10).map(Decimal),
        ),
        min_size=1,
        max_size=10,
    ),
    st.booleans(),
)
def test_parent_progress_lies_between_its_sub_actions(
    children: list[SubActionProgress], weighted: bool
) -> None:
    progress = parent_progress(children, weighted=weighted)
    figures = [child.percent_complete for child in children if child.percent_complete is not None]

    assert progress is not None
    assert min(figures) <= progress <= max(figures)
