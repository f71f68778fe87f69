"""Exporting a reading list: Markdown for people, BibTeX for papers. No UI in here."""

from readinglist.export.bibtex import render_bibtex
from readinglist.export.files import default_export_name, write_export
from readinglist.export.markdown import render_markdown

__all__ = ["default_export_name", "render_bibtex", "render_markdown", "write_export"]
