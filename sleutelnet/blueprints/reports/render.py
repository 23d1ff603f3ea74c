"""Rendering a snapshot: HTML (charts as the same server-side SVG as the composition pages, each followed by
its data table) and a tagged PDF (PDF/UA-1, document language set) with WeasyPrint."""
from __future__ import annotations

import hashlib
import os
from datetime import date, datetime

from flask import current_app
from flask_babel import format_date, gettext as _
from markupsafe import Markup

from ...platform import svg
from ...platform.i18n import format_datetime, in_language

CSS_PATH = os.path.join(os.path.dirname(__file__), "report_pdf.css")


def chart(section: dict) -> Markup | None:
    bars = [svg.Bar(row["label"], row.get("value"), row["text"]) for row in section.get("rows", [])]
    if not bars or section.get("chart") != "bar":
        return None
    top = max([b.value or 0 for b in bars] + [1])
    return svg.bar_chart(f"chart-{section['key']}", section["chart_title"], bars, max_value=svg.nice_max(top),
                         description=_("Counts below 5 are shown as \u201c< 5\u201d without a bar."))


def html(snapshot: dict, language: str) -> str:
    # straight from the Jinja environment: a worker has no request, so request-bound context processors
    # (current user, navigation) must not run
    template = current_app.jinja_env.get_template("reports/report_pdf.html")
    generated = datetime.fromisoformat(snapshot["generated_at"])
    period = {k: format_date(date.fromisoformat(v), "long") for k, v in snapshot["period"].items()}
    return template.render(s=snapshot, charts={sec["key"]: chart(sec) for sec in snapshot["sections"]},
                           language=language, generated=format_datetime(generated, "medium"), period=period)


def pdf(snapshot: dict, language: str) -> tuple[bytes, str]:
    """(PDF bytes, SHA-256 hex of them)."""
    from weasyprint import CSS, HTML

    with in_language(language):
        document = html(snapshot, language)
    data = HTML(string=document, base_url=os.path.dirname(__file__)).write_pdf(
        stylesheets=[CSS(filename=CSS_PATH)], pdf_variant="pdf/ua-1")
    return data, hashlib.sha256(data).hexdigest()
