"""A person's answers to uncertain matches change the document as they say, and nothing else."""

import pytest

from councilplan.imports import structure as s
from councilplan.imports.answers import Answer, with_answers

ORG = s.OrganisationIn(name="Derby City Council", slug="derby")


def update(line: int, title: str) -> s.ActionUpdateIn:
    return s.ActionUpdateIn(
        line=line, action=s.ActionRef(plan="p", title=title), period="2024/25 Q1"
    )


def document() -> s.PlanDocument:
    return s.PlanDocument(
        organisation=ORG,
        plans=[
            s.PlanIn(
                slug="p",
                title="Plan",
                kind="council_plan",
                first_year=2024,
                last_year=2024,
                actions=[s.ActionIn(line=3, title="Reduce homelesness")],
            )
        ],
        measures=[
            s.MeasureIn(
                line=7,
                title="Homeless aproaches",
                match_by_title=True,
                actions=[s.ActionRef(line=7, plan="p", title="Reduse homelessness")],
            )
        ],
        updates=[update(10, "Reduce homelesness"), update(11, "Plant trees")],
    )


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (
            Answer("action", 10, "Reduce homelesness", "Reduce homelessness", same=True),
            ["Reduce homelessness", "Plant trees"],
        ),
        (
            Answer("action", 10, "Reduce homelesness", "Reduce homelessness", same=False),
            ["Plant trees"],
        ),
        # The answer is for line 10's row: the same title on another line is not touched.
        (
            Answer("action", 12, "Reduce homelesness", "Reduce homelessness", same=False),
            ["Reduce homelesness", "Plant trees"],
        ),
    ],
)
def test_an_update_is_matched_or_left_out_as_answered(answer: Answer, expected) -> None:
    answered = with_answers(document(), [answer])
    assert [u.action.title for u in answered.updates] == expected


def test_a_measure_confirmed_as_the_same_takes_the_title_it_matched() -> None:
    same = Answer("measure (kept apart)", 7, "Homeless aproaches", "Homeless approaches", True)
    assert with_answers(document(), [same]).measures[0].title == "Homeless approaches"
    other = Answer("measure (kept apart)", 7, "Homeless aproaches", "Homeless approaches", False)
    assert with_answers(document(), [other]).measures[0].title == "Homeless aproaches"


def test_a_measures_link_to_an_action_follows_the_answer() -> None:
    same = Answer("action", 7, "Reduse homelessness", "Reduce homelessness", same=True)
    links = with_answers(document(), [same]).measures[0].actions
    assert [ref.title for ref in links] == ["Reduce homelessness"]
    other = Answer("action", 7, "Reduse homelessness", "Reduce homelessness", same=False)
    assert with_answers(document(), [other]).measures[0].actions == []


def test_an_action_confirmed_as_carried_forward_names_the_earlier_one() -> None:
    same = Answer("carried forward", 3, "Reduce homelesness", "Reduce homelessness", same=True)
    action = with_answers(document(), [same]).plans[0].actions[0]
    assert (action.title, action.carried_forward_from) == (
        "Reduce homelesness",
        "Reduce homelessness",
    )


def test_no_answers_leave_the_document_as_it_was() -> None:
    assert with_answers(document(), []) == document()
