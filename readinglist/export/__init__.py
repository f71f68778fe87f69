"""Exporting a reading list: Markdown for people, BibTeX, CSL-JSON, RIS and CSV for reference
managers and spreadsheets, and files that keep themselves up to date. No UI in here."""

from readinglist.export.bibtex import render_bibtex
from readinglist.export.files import default_export_name, write_export
from readinglist.export.formats import ExportFormat, export_papers, format_of, formats
from readinglist.export.keys import citation_keys
from readinglist.export.markdown import render_markdown

__all__ = [
    "ExportFormat",
    "citation_keys",
    "default_export_name",
    "export_papers",
    "format_of",
    "formats",
    "render_bibtex",
    "render_markdown",
    "write_export",
]
