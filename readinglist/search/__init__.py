"""Finding papers: the query language (`query`), the filter index (`index`, `wordindex`) and
the sort orders (`sorting`)."""
