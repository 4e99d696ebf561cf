"""Reports: ``make(folder_or_county, kind, period, …) -> Report`` builds a report as data
(build.py: figures.py computes the figures, problems.py words the rules' findings, awards.py
ranks award candidates, deputy_record.py a deputy's year); render.py writes it as Markdown with
a sandboxed Jinja2 template and wording.py's Chinese style, docx.py turns that Markdown into a
Word file laid out per GB/T 9704."""

from lingbi_cli.reports.build import SUMMED, check_period, choose, default_date, make, records_for
from lingbi_cli.reports.data import BLANK_MARK, Blank, Column, ColumnKind, Report, ReportKind, Table
from lingbi_cli.reports.explain import explain

__all__ = [
    "BLANK_MARK",
    "SUMMED",
    "Blank",
    "Column",
    "ColumnKind",
    "Report",
    "ReportKind",
    "Table",
    "check_period",
    "choose",
    "default_date",
    "explain",
    "make",
    "records_for",
]
