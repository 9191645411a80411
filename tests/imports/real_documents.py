"""Other councils' and cities' real documents, and what a performance officer expects from each.

The cases of ``test_real_documents`` and ``bench/real_files.py``: real files under
``files/real`` (sources, licences and cuts in its README), and Word, Excel and HTML files built
from the words and figures of real ones in the layouts councils use (no binary can be had from
the text-only public sources). How a case is scored: ``real_facts``.
"""

from __future__ import annotations

from .real_facts import Case, real
from .real_measures import (
    CORPORATE_PLAN,
    KINGSTON_PLAN,
    NGOMA_YEAR,
    build_hart_xlsx,
    hart_expected,
    indicators_expected,
    kingston_expected,
    leeds_expected,
    leeds_kpis_expected,
    lgbf_expected,
    neet_expected,
    ngoma_expected,
    oflog_expected,
)
from .real_plans import (
    build_rbkc_docx,
    build_rbkc_html,
    build_rbkc_pdf,
    rbkc_docx_expected,
    rbkc_html_expected,
    rbkc_text_expected,
)

CASES = [
    Case("trafford_neet_cipfa.csv", "CSV: long rows per area and year, CIPFA neighbours",
         real("trafford_neet_cipfa.csv"), "Trafford Council", neet_expected()),
    Case("trafford_corporate_plan_indicators.md", "Markdown table: KPIs by priority",
         real("trafford_corporate_plan_indicators.md"), "Trafford Council", indicators_expected(),
         confirmed=CORPORATE_PLAN),
    Case("leeds2023_media_coverage_kpi.csv", "CSV: months down, measures across",
         real("leeds2023_media_coverage_kpi.csv"), "Leeds City Council", leeds_expected()),
    Case("ngoma_district_targets.md", "Markdown: targets per quarter in cells, ragged rows",
         real("ngoma_district_targets.md"), "Ngoma District", ngoma_expected(),
         confirmed=NGOMA_YEAR),
    Case("rbkc_caring_competent_deliverables.txt", "Web page text: numbered actions, dated "
         "bullets", real("rbkc_caring_competent_deliverables.txt"),
         "Royal Borough of Kensington and Chelsea", rbkc_text_expected()),
    Case("kingston_council_plan_safer.txt", "Web page text: bulleted KPI statements",
         real("kingston_council_plan_safer.txt"), "Royal Borough of Kingston upon Thames",
         kingston_expected(), confirmed=KINGSTON_PLAN),
    Case("lgbf_latest_values_aberdeen.csv", "CSV: LGBF long extract, keys and JSON columns",
         real("lgbf_latest_values_aberdeen.csv"), "Aberdeen City Council", lgbf_expected()),
    Case("leeds2023_kpi_tracker.md", "Markdown: KPI list then a table without outer pipes",
         real("leeds2023_kpi_tracker.md"), "Leeds City Council", leeds_kpis_expected()),
    Case("oflog_asc_carer_quality.csv", "CSV: every council's row, median column (held out)",
         real("oflog_asc_carer_quality.csv"), "Derby City Council", oflog_expected()),
    Case("rbkc_caring_competent_deliverables.html", "HTML table: action, milestones, outcomes",
         build_rbkc_html, "Royal Borough of Kensington and Chelsea", rbkc_html_expected(),
         real=False),
    Case("rbkc_caring_competent_deliverables.pdf", "PDF: the same table printed, cells wrapping",
         build_rbkc_pdf, "Royal Borough of Kensington and Chelsea", rbkc_html_expected(),
         real=False),
    Case("rbkc_fairer_deliverables.docx", "Word table: bulleted cells under a theme heading",
         build_rbkc_docx, "Royal Borough of Kensington and Chelsea", rbkc_docx_expected(),
         real=False),
    Case("hart_kpis_q1_2014_15.xlsx", "Excel: title row, merged two-row header, RAG fills",
         build_hart_xlsx, "Hart District Council", hart_expected(), real=False),
]  # fmt: skip
