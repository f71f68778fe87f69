"""The user's own work on papers (read, starred, notes, tags).

`store` (StateStore: reads, changes, batches, undo, refresh) over per-device files: `journal`
(one fsynced line per change), `files` (the folded TinyDB file), `reader` (every device's files
merged), `records` (one paper's fields with their change times, and the merge), `devices` (this
machine's name, which file is whose), `tags` (the one tag rule), `undo` (what an action set).
`exchange` is `state export|import`; `health` is `doctor`; `legacy` reads the state.json of
earlier releases; `tinydb_file` is the atomic TinyDB storage the arXiv records use; `salvage`
recovers records from damaged files.
"""
