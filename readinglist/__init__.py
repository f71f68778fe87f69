"""readinglist: a terminal reading-list manager for research papers copied from listing pages."""

__version__ = "0.1.0"
