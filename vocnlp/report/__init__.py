"""Analyst report: one self-contained HTML page built from the warehouse.

jinja2 and plotly (the ``report`` extra) are imported only when a report is built.
"""

from vocnlp.report.html import ReportOptions, build_report

__all__ = ["ReportOptions", "build_report"]
