"""Other councils' action plans: the Royal Borough of Kensington and Chelsea's Council Plan
Action Plan 2025-27 as the page's text (real), as the HTML table it is published as, and as a
Word table (built from its words), and what a performance officer expects from each (see
``real_facts``). Source: ``files/real/README.md``.
"""

from __future__ import annotations

from pathlib import Path

import weasyprint
from docx import Document

from .real_facts import Fact

# --- Royal Borough of Kensington and Chelsea: Council Plan Action Plan 2025-27 ---------------

CARING = "Caring and Competent"
RBKC_CARING = {
    "24": (
        "Certainty on future locations for key operational services",
        [
            (
                "Decision on the future of the waste depot arrangements currently at Pembroke "
                "Road North",
                "Summer 2025",
            ),
            (
                "Finalise a decision on future of other operational services such as location of "
                "salt store and street cleaners, without interruption to services",
                "",
            ),
            ("Deliver a remediated depot site", "early 2027"),
            ("Finalise a recommendation on the acquisition of an alternative depot site", ""),
        ],
    ),
    "25": (
        "Strengthen our workforce management approach",
        [
            (
                "Following the implementation of Oracle, introduce mechanisms to strengthen our "
                "workforce data that will better inform RBKC decisions and action",
                "July 2025",
            ),
            (
                "Ensure that robust controls and policies are established to maintain "
                "appropriate recruitment decisions and staffing levels",
                "July 2025",
            ),
            (
                "Enhance our line management learning offer to develop the skills and capability "
                "of those with line management responsibilities",
                "March 2026",
            ),
        ],
    ),
    "26": (
        "CRM implementation through ResidentConnect",
        [
            (
                "Phase 1 (Core, Parking Permits and Payments) expected to go live 27 May 2025 "
                "(with possible reset of timeline if agreed at sponsor level)",
                "27 May 2025",
            ),
            (
                "Phase 2 (Accessible Transport and MyRBKC) to commence 06/25, testing through to "
                "September 2025, which is when Phase 2 is expected to go live",
                "September 2025",
            ),
        ],
    ),
}
RBKC_25_OUTCOMES = [
    "Improve the outputs and standards expected of our employees as part of our mission to be "
    "the best council for our residents",
    "Accurately report and control on our headcount position for the borough to maintain our "
    "financial position",
]


def _rbkc_actions(actions: dict[str, tuple[str, list[tuple[str, str]]]], theme: str) -> set[Fact]:
    expected: set[Fact] = {("plan", "Council Plan Action Plan 2025 to 2027", "2025", "2026")}
    for ref, (title, milestones) in actions.items():
        expected |= {("action", ref, title), ("action.theme", ref, theme)}
        expected |= {("milestone", ref, t, due) for t, due in milestones}
    return expected


def rbkc_text_expected() -> frozenset[Fact]:
    """The page as text: the table's columns are lost, so every bullet under an action is read
    as one of its milestones (the outcomes of action 25 among them)."""
    expected = _rbkc_actions(RBKC_CARING, CARING)
    expected |= {("milestone", "25", t, "") for t in RBKC_25_OUTCOMES}
    return frozenset(expected)


def rbkc_html_expected() -> frozenset[Fact]:
    """The page as HTML: the third column, what residents will see, is each action's success
    criteria; the second its milestones."""
    expected = _rbkc_actions(RBKC_CARING, CARING)
    expected |= {
        (
            "action.success_criteria",
            "24",
            "Continuity to council services, without disruption, particularly the "
            "waste/recycling collection service.",
        ),
        ("action.success_criteria", "25", ".\n".join(RBKC_25_OUTCOMES) + "."),
        (
            "action.success_criteria",
            "26",
            "This will increase the opportunities for residents to transact with the Council "
            "online 24/7.",
        ),
    }
    return frozenset(expected)


def _html_cell(items: list[str], *, first_paragraph: str = "") -> str:
    para = f"<p>{first_paragraph}</p>" if first_paragraph else ""
    listed = "".join(f"<li>{item}</li>" for item in items)
    return f"<td>{para}<ul>{listed}</ul></td>" if listed else f"<td>{para}</td>"


def build_rbkc_html(folder: Path) -> Path:
    """The RBKC deliverables page as the council publishes it: a three-column HTML table under
    the theme's heading. Its cells are the words of the stored page text; which bullet is in
    which column is read from the page (the text alone loses the column boundaries)."""
    (t24, m24), (t25, m25), (t26, m26) = RBKC_CARING.values()
    rows = [
        (
            f"24. {t24}.",
            _html_cell([f"{t}." if not d else f"{t} by {d}." for t, d in m24[1:]],
                       first_paragraph=f"{m24[0][0]} by {m24[0][1]}."),
            "<td><p>Continuity to council services, without disruption, particularly the "
            "waste/recycling collection service.</p></td>",
        ),
        (
            f"25. {t25}.",
            _html_cell([f"{t} ({d})." for t, d in m25]),
            _html_cell([f"{t}." for t in RBKC_25_OUTCOMES]),
        ),
        (
            f"26. {t26}.",
            _html_cell([f"{t}." for t, _ in m26]),
            "<td><p>This will increase the opportunities for residents to transact with the "
            "Council online 24/7.</p></td>",
        ),
    ]  # fmt: skip
    body = "".join(f"<tr><td><p>{a}</p></td>{b}{c}</tr>" for a, b, c in rows)
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Caring and Competent: Our Deliverables | RBKC</title></head><body><main>"
        "<h1>Council Plan Action Plan 2025 to 2027</h1>"
        "<h2>Caring and Competent: Our Deliverables</h2>"
        "<table><thead><tr><th>Action</th><th>What we will do and when</th>"
        f"<th>What residents will see</th></tr></thead><tbody>{body}</tbody></table>"
        "</main></body></html>"
    )
    path = folder / "rbkc_caring_competent_deliverables.html"
    path.write_text(page, encoding="utf-8")
    return path


RBKC_FAIRER = {
    "16": (
        "Better engagement with local businesses, employers and Council contractors to support "
        "the creation of good jobs and other employment opportunities",
        [
            (
                "Implement of a proposal to support the ambitions of the Employment and Skills "
                "review",
                "Autumn 2025",
            ),
            (
                "Develop a multi-strand engagement plan across businesses, employers and with "
                "identified contractors",
                "",
            ),
            (
                "Transform informal local employer connections into a structured engagement "
                "network, with clear actions and protocols for both council staff and external "
                "partners focused specifically on creating employment pathways",
                "",
            ),
        ],
        [
            "An increased number of good job opportunities identified and shared with employment "
            "support providers helping residents into work.",
            "More meaningful work placements or experience opportunities created or identified "
            "and shared with employment support providers.",
        ],
    ),
    "17": (
        "New Homes Programme",
        [
            (
                "Deliver 600 new homes for the borough with a minimum of 300 social rent to "
                "directly address community\u2019s urgent housing needs",
                "",
            ),
            (
                "The New Homes Programme continues to make progress, with a total of 94 new "
                "homes scheduled for completion:",
                "",
            ),
            ("Silchester Arches \u2013 September 2025 (11)", "September 2025"),
            ("Barlby Road \u2013 June 2026 (83)", "June 2026"),
        ],
        [
            "Increasing the supply of affordable housing is crucial for addressing the "
            "borough's long-term housing needs.",
            "Promotion of sustainable environmental standards for new homes ensures that the "
            "development is both eco-friendly and beneficial for the community.",
        ],
    ),
}
RBKC_FAIRER_WRITTEN = {  # the bullets as the page writes them
    "16": [
        "Implement of a proposal to support the ambitions of the Employment and Skills review by "
        "Autumn 2025.",
        "Develop a multi-strand engagement plan across businesses, employers and with identified "
        "contractors.",
        "Transform informal local employer connections into a structured engagement network, with "
        "clear actions and protocols for both council staff and external partners focused "
        "specifically on creating employment pathways.",
    ],
    "17": [
        "Deliver 600 new homes for the borough with a minimum of 300 social rent to directly "
        "address community\u2019s urgent housing needs",
        "The New Homes Programme continues to make progress, with a total of 94 new homes "
        "scheduled for completion:",
        "Silchester Arches \u2013 September 2025 (11)",
        "Barlby Road \u2013 June 2026 (83)",
    ],
}


def build_rbkc_docx(folder: Path) -> Path:
    """The Fairer deliverables as a Word table (bulleted cells, nested bullets for the sites),
    the way councils write action plans in Word; words from the RBKC page."""
    document = Document()
    document.add_heading("Council Plan Action Plan 2025 to 2027", level=1)
    document.add_heading("Fairer: Our Deliverables", level=2)
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(
        table.rows[0].cells,
        ("Action", "What we will do and when", "What residents will see"),
        strict=True,
    ):
        cell.text = text
    for ref, (title, _, outcomes) in RBKC_FAIRER.items():
        cells = table.add_row().cells
        cells[0].text = f"{ref}. {title}."
        cells[1].text = ""
        for index, item in enumerate(RBKC_FAIRER_WRITTEN[ref]):
            paragraph = cells[1].paragraphs[0] if index == 0 else cells[1].add_paragraph()
            paragraph.text = item
            nested = item.startswith(("Silchester", "Barlby"))
            paragraph.style = document.styles["List Bullet 2" if nested else "List Bullet"]
        for index, item in enumerate(outcomes):
            paragraph = cells[2].paragraphs[0] if index == 0 else cells[2].add_paragraph()
            paragraph.text = item
            paragraph.style = document.styles["List Bullet"]
    path = folder / "rbkc_fairer_deliverables.docx"
    document.save(str(path))
    return path


def rbkc_docx_expected() -> frozenset[Fact]:
    actions = {ref: (title, ms) for ref, (title, ms, _) in RBKC_FAIRER.items()}
    expected = _rbkc_actions(actions, "Fairer")
    expected |= {
        ("action.success_criteria", ref, "\n".join(outcomes))
        for ref, (_, _, outcomes) in RBKC_FAIRER.items()
    }
    return frozenset(expected)


def build_rbkc_pdf(folder: Path) -> Path:
    """The RBKC deliverables page printed to PDF, as councils publish their plans: the same
    three-column table, ruled, with its cells' bullets wrapping over several lines."""
    page = build_rbkc_html(folder)
    path = folder / "rbkc_caring_competent_deliverables.pdf"
    style = weasyprint.CSS(
        string="@page{size:A4;margin:1.5cm} table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #000;padding:4px;font:9pt sans-serif;vertical-align:top}"
    )
    weasyprint.HTML(filename=str(page)).write_pdf(path, stylesheets=[style])
    return path
