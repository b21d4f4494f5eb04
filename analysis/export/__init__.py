"""Exports of an analysis: an editable PowerPoint deck, an XLSX workbook and CSV files.

Every writer applies the anonymity rules again (:func:`exportable`) before it writes, and
callers record each file in the workspace's export log with :func:`log_export`.
"""

from analysis.export.files import ExportError
from analysis.export.log import ExportRecord, export_history, log_export
from analysis.export.pptx import build_deck, write_deck
from analysis.export.run import check_outputs, export_workspace, write_exports
from analysis.export.safety import exportable, neutralise, scrub
from analysis.export.tables import TABLE_NAMES, build_tables, write_csv, write_xlsx

__all__ = [
    "TABLE_NAMES",
    "ExportError",
    "ExportRecord",
    "build_deck",
    "build_tables",
    "check_outputs",
    "export_workspace",
    "export_history",
    "exportable",
    "log_export",
    "neutralise",
    "scrub",
    "write_csv",
    "write_deck",
    "write_exports",
    "write_xlsx",
]
