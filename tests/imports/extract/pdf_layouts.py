"""PDFs made at test time that imitate the layouts councils publish (no real PDF can be fetched
here: the search tools return text only). Each builder says which real layout it copies.

HTML is printed with WeasyPrint; a scanned page is drawn with Pillow; an encrypted PDF is
written by hand with the standard security handler (RC4, revision 2), since neither pypdf nor
pikepdf nor qpdf is installed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import weasyprint
from PIL import Image, ImageDraw

PAGE = """
@page { size: A4; margin: 1.8cm }
body { font-family: sans-serif; font-size: 9.5pt }
h1 { font-size: 18pt } h2 { font-size: 13pt }
table { border-collapse: collapse; width: 100% }
th, td { text-align: left; vertical-align: top; padding: 4pt 5pt }
"""
RULED = "th, td { border: 0.75pt solid #333 } thead th { background: #d9d9d9 }"
RAG = {"Red": "#ff0000", "Amber": "#ffc000", "Green": "#00b050", "Blue": "#0070c0"}


def print_html(html: str, path: Path, css: str = "") -> Path:
    """An HTML fragment printed to a PDF at ``path``."""
    weasyprint.HTML(string=f"<style>{PAGE}{css}</style>{html}").write_pdf(path)
    return path


# -- A quarterly KPI report, ruled (like Derby's "Annual Performance Results" tables and the
# quarterly performance scorecards many councils publish): a two-row header with the year over
# its quarter's actual and target, a portfolio row across the table, RAG status as a coloured
# cell, in some rows with no word in it.

KPI_ROWS = [
    # code, measure, 2022/23 actual, Q3 actual, Q3 target, status, status printed as text?
    (
        "HS 01",
        "Number of households in temporary accommodation",
        "412",
        "389",
        "400",
        "Green",
        True,
    ),
    ("HS 02", "Average days to re-let council homes", "38.2", "41.5", "35", "Red", False),
    (
        "HS 03",
        "Percentage of homes meeting the decent homes standard",
        "91%",
        "93.4%",
        "95%",
        "Amber",
        True,
    ),
    ("HS 04", "Affordable homes delivered (cumulative)", "164", "212", "180", "Green", False),
]


def kpi_report(path: Path) -> Path:
    """One page: a heading, a paragraph, then the KPI table under a portfolio heading."""
    rows = "".join(
        f"<tr><td>{code}</td><td>{name}</td><td>{last}</td><td>{actual}</td><td>{target}</td>"
        f"<td style='background:{RAG[status]}'>{status if shown else ''}</td></tr>"
        for code, name, last, actual, target, status, shown in KPI_ROWS
    )
    html = f"""
    <h1>Quarter 3 Performance Report 2023/24</h1>
    <p>This report shows the council's performance against its key indicators at the end of
    December 2023.</p>
    <h2>Housing</h2>
    <table>
      <thead>
        <tr><th rowspan=2>Code</th><th rowspan=2>Measure</th><th rowspan=2>2022/23</th>
            <th colspan=2>2023/24 Q3</th><th rowspan=2>Status</th></tr>
        <tr><th>Actual</th><th>Target</th></tr>
      </thead>
      <tbody>
        <tr><td colspan=6><b>Portfolio: Housing and Communities</b></td></tr>
        {rows}
      </tbody>
    </table>
    """
    return print_html(html, path, RULED)


# -- A delivery plan action table over three pages, ruled (like Derby's Council Delivery Plan
# 2022/23 and Derbyshire's Council Plan delivery plan): the header repeated on every page, the
# outcome merged down its actions, milestones as bullets in one cell, long actions wrapping, and
# rows broken by the page.

OUTCOMES = ["Cleaner air and lower CO2 emissions", "Sustainable waste and transport"]
ACTIONS = 8
LONG_ACTION = 3  # so long it is broken by the page


def action(number: int) -> str:
    """The text of action ``number``, unique words at its start and its end."""
    text = (
        f"Deliver action {number} of the delivery plan with our partners across the city, "
        "reviewing progress with the cabinet member every quarter and reporting to scrutiny "
        "on the results achieved for residents"
    )
    if number == LONG_ACTION:
        text += (
            ", then carry the programme on through consultation, design, procurement, "
            "construction and evaluation with the communities affected by each phase"
        ) * 12
    return f"{text}, ending with item {number}."


def milestones(number: int) -> list[str]:
    return [f"Milestone {number}.{m} agreed with partners" for m in (1, 2, 3)]


def delivery_plan(path: Path) -> Path:
    """Three pages of one action table, its header repeated on each page."""
    body = ""
    per_outcome = ACTIONS // len(OUTCOMES)
    for number in range(1, ACTIONS + 1):
        outcome = OUTCOMES[(number - 1) // per_outcome]
        first = (number - 1) % per_outcome == 0
        bullets = "".join(f"<li>{m}</li>" for m in milestones(number))
        body += (
            "<tr>"
            + (f"<td rowspan={per_outcome}>{outcome}</td>" if first else "")
            + f"<td>{number}</td><td>{action(number)}</td>"
            f"<td><ul>{bullets}</ul></td><td>Regeneration and Transport</td>"
            f"<td>March 202{4 + number % 2}</td></tr>"
        )
    html = f"""
    <h1>Council Delivery Plan 2023/24</h1>
    <h2>A green city</h2>
    <table>
      <thead><tr><th>Our outcomes</th><th>Ref</th><th>Our must do's</th><th>Key milestones</th>
        <th>Cabinet portfolio</th><th>Review deadline</th></tr></thead>
      <tbody>{body}</tbody>
    </table>
    """
    css = RULED + " ul { margin: 0; padding-left: 12pt } td:nth-child(3) { width: 40% }"
    return print_html(html, path, css + RUNNING)


# A running header and footer on every page, with the page number.
RUNNING = """
@page {
  @top-right { content: "Derby City Council Delivery Plan"; font-size: 8pt }
  @bottom-left { content: "Strategic Planning and Performance"; font-size: 8pt }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt }
}
"""


# -- An unruled performance summary (like the "Key performance measures" tables of cabinet
# reports, set with no borders): a two-row header with the year centred over two columns, each
# measure wrapping over two lines, its figures centred or set at the foot of the row (values on
# staggered baselines), and a source note under the table.

SUMMARY_ROWS = [
    ("CHN 03", "Cost per pre-school place in council nurseries", "£16.00K", "£15.20K", "Improving"),
    (
        "ENV 12",
        "Household waste sent for reuse, recycling and composting",
        "29.4%",
        "31.0%",
        "Declining",
    ),
    (
        "CUS 07",
        "Average days taken to process new housing benefit claims",
        "10.5 days",
        "12 days",
        "Improving",
    ),
]


def performance_summary(path: Path) -> Path:
    """One page with an unruled table between paragraphs."""
    rows = "".join(
        f"<tr><td>{code}</td><td style='width: 45%'>{name}</td>"
        f"<td style='vertical-align: middle'>{actual}</td>"
        f"<td style='vertical-align: bottom'>{target}</td><td>{trend}</td></tr>"
        for code, name, actual, target, trend in SUMMARY_ROWS
    )
    html = f"""
    <h2>Key performance measures</h2>
    <p>The measures below show progress towards the priority for the year to date.</p>
    <table>
      <tr><th rowspan=2>Code</th><th rowspan=2>Measure</th>
          <th colspan=2 style='text-align:center'>2023/24</th><th rowspan=2>Trend</th></tr>
      <tr><th>Actual</th><th>Target</th></tr>
      {rows}
    </table>
    <p>Source: council performance system, January 2024.</p>
    """
    return print_html(html, path, "td { padding: 5pt 8pt } th { padding: 3pt 8pt }")


# -- A council plan brochure page in two columns (like the priorities pages of the council plans
# councils design in InDesign): a title across the page, then headings, paragraphs, bulleted and
# numbered lists flowing down the left column and on into the right one.

PRIORITY_TEXT = (
    "We will work with residents, businesses and partners so that every part of the borough "
    "shares in its growth, with good jobs close to home and town centres people are proud of."
)


def two_column_plan(path: Path) -> Path:
    html = f"""
    <h1>Our Council Plan 2024 to 2028</h1>
    <div class=cols>
      <h2>A thriving economy</h2>
      <p>{PRIORITY_TEXT}</p>
      <ul><li>Support 200 new businesses to start up</li>
          <li>Deliver the town centre masterplan with our partners by March 2026</li></ul>
      <h2>Healthy communities</h2>
      <p>Healthy lives start in strong communities, so we will invest in leisure, parks and
      the support people need to live well at every age, working closely with the NHS.</p>
      <ol><li>Open two new leisure centres</li><li>Reduce smoking rates to below 10%</li></ol>
      <h2>A green borough</h2>
      <p>{PRIORITY_TEXT}</p>
      <p>We will plant 20,000 trees and make the council's own buildings carbon neutral.</p>
    </div>
    <p>This plan was approved by Full Council on 12 March 2024 and is reviewed every year.</p>
    """
    return print_html(html, path, ".cols { columns: 2; column-gap: 22pt }")


# -- A scanned page: a picture of a table and lines of text, with no text layer.


def scanned(path: Path) -> Path:
    image = Image.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(image)
    for row in range(12):
        draw.rectangle((60, 100 + 40 * row, 535, 140 + 40 * row), outline="black")
        draw.rectangle((70, 115 + 40 * row, 70 + 30 * (row % 5 + 3), 124 + 40 * row), fill="grey")
    image.save(path, "PDF", resolution=72)
    return path


# -- PDFs written by hand: one line of text, optionally encrypted.


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
FILE_ID = bytes(range(16))


def _md5(data: bytes) -> bytes:
    return hashlib.md5(data, usedforsecurity=False).digest()


def hand_made_pdf(path: Path, text: str, *, user_password: str | None = None) -> Path:
    """A one-page PDF saying ``text``; encrypted (RC4 40-bit) when a user password is given
    ("" is a PDF anyone can open whose owner restricted it, as councils' PDFs often are)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    trailer = b""
    if user_password is not None:
        permissions = -4  # all bits set but the two reserved low ones
        owner = _rc4(_md5(b"owner-secret" + PAD)[:5], (user_password.encode() + PAD)[:32])
        key = _md5(
            (user_password.encode() + PAD)[:32]
            + owner
            + permissions.to_bytes(4, "little", signed=True)
            + FILE_ID
        )[:5]
        user = _rc4(key, PAD)
        content = _rc4(_md5(key + (4).to_bytes(3, "little") + b"\0\0")[:10], content)
        objects[6] = (
            b"<< /Filter /Standard /V 1 /R 2 /O <"
            + owner.hex().encode()
            + b"> /U <"
            + user.hex().encode()
            + b"> /P "
            + str(permissions).encode()
            + b" >>"
        )
        trailer = b" /Encrypt 6 0 R"
    objects[4] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in sorted(objects))
    identity = b"<" + FILE_ID.hex().encode() + b">"
    out += (
        b"trailer\n<< /Size %d /Root 1 0 R /ID [%s %s]" % (len(objects) + 1, identity, identity)
        + trailer
        + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    )
    path.write_bytes(bytes(out))
    return path


# -- A Word table styled with a shaded header and banded rows but no borders (the "Grid Table"
# styles many councils' performance reports use), its status as coloured text-free dots.

BANDED_ROWS = [
    ("PI 1", "Visits to libraries", "41,200", "40,000", "Green"),
    ("PI 2", "Visits to leisure centres", "88,950", "95,000", "Red"),
    ("PI 3", "Museum visits by school pupils", "3,120", "3,000", "Green"),
    ("PI 4", "Parks with a Green Flag award", "6", "7", "Amber"),
]


def banded_table(path: Path) -> Path:
    rows = "".join(
        f"<tr><td>{ref}</td><td>{name}</td><td>{actual}</td><td>{target}</td>"
        f"<td><span class=dot style='background:{RAG[status]}'></span></td></tr>"
        for ref, name, actual, target, status in BANDED_ROWS
    )
    html = f"""
    <h2>Culture and leisure</h2>
    <table><tr class=head><th>Ref</th><th>Indicator</th><th>Actual</th><th>Target</th>
      <th>RAG</th></tr>{rows}</table>
    """
    css = """
    tr.head th { background: #1f4e79; color: white }
    tr:nth-child(odd) td { background: #dce6f1 }
    .dot { display: inline-block; width: 9pt; height: 9pt; border-radius: 4.5pt }
    """
    return print_html(html, path, css)


# -- An unruled list of measures running over two pages (like the appendices of quarterly
# performance reports), the header repeated, a measure's name broken by the page.

LONG_LIST = 28


def measure(number: int) -> str:
    return f"Percentage of residents satisfied with the service in neighbourhood {number}"


def unruled_over_pages(path: Path) -> Path:
    rows = "".join(
        f"<tr><td>KPI {n:02d}</td><td>{measure(n)}</td><td>{40 + n}.5%</td><td>{45 + n}%</td></tr>"
        for n in range(1, LONG_LIST + 1)
    )
    html = f"""
    <h2>Appendix A: all measures</h2>
    <table><thead><tr><th>Code</th><th>Measure</th><th>Actual</th><th>Target</th></tr></thead>
    <tbody>{rows}</tbody></table>
    """
    css = "td:nth-child(2) { width: 40% } td { padding: 7pt 5pt; orphans: 1; widows: 1 }"
    return print_html(html, path, css)


# -- A committee report (like Derbyshire's cabinet report on its Council Plan refresh): a
# centred title block in bold, numbered headings in bold at body size, justified paragraphs and
# items opened by a dash a tab away from their text (a hanging indent).

REPORT_ITEMS = [
    "Work alongside local communities, partners and businesses, providing strong leadership "
    "and the reassurance needed to direct people through the crisis.",
    "Build on our Derbyshire Spirit and harness the increased number of local volunteers.",
]


def committee_report(path: Path) -> Path:
    items = "".join(f"<li>{item}</li>" for item in REPORT_ITEMS)
    html = f"""
    <p class=c><b>COUNTY COUNCIL</b></p><p class=c><b>CABINET</b></p><p class=c>9 July 2020</p>
    <p class=c><b>Report of the Executive Director<br>Commissioning, Communities and Policy</b></p>
    <p><b>1. Purpose of the Report</b></p>
    <p>To recommend the revised Council Plan refresh 2020/21 for approval by Full Council.</p>
    <p><b>2. Information and Analysis</b></p>
    <p class=j>The Council Plan sets out the future direction of the Council, the outcomes that
    the authority is seeking to achieve and priorities to focus effort and resource.</p>
    <p>The Plan will ensure the Council continues to:</p>
    <ul>{items}</ul>
    """
    css = """
    body { font-size: 11pt } p { margin: 0 0 9pt 0 } .c { text-align: center }
    .j { text-align: justify } ul { list-style: none; padding-left: 0 }
    li { padding-left: 18pt; text-indent: -18pt; margin-bottom: 6pt }
    li::before { content: "-"; display: inline-block; width: 18pt; text-indent: 0 }
    """
    return print_html(html, path, css)


# -- A landscape table printed sideways on a portrait page (like the delivery plan appendices
# of cabinet reports, turned to fit), under an upright title.

SIDEWAYS_ROWS = [
    (str(n), f"Deliver the sideways action number {n} with partners", f"Head of Service {n}")
    for n in range(1, 6)
]


def sideways_table(path: Path) -> Path:
    rows = "".join(
        f"<tr><td>{ref}</td><td>{action}</td><td>{lead}</td><td class=red>Red</td></tr>"
        for ref, action, lead in SIDEWAYS_ROWS
    )
    html = f"""
    <h1>Appendix B</h1>
    <div class=side><h2>Delivery plan</h2>
    <table><tr><th>Ref</th><th>Action</th><th>Lead</th><th>RAG</th></tr>{rows}</table></div>
    """
    css = (
        RULED
        + """
    .red { background: #ff0000 }
    .side { position: absolute; top: 60pt; left: 480pt; width: 640pt;
            transform: rotate(90deg); transform-origin: top left }
    """
    )
    return print_html(html, path, css)
