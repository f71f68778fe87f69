"""Which papers contain a piece of a word, without scanning every abstract.

Scanning 100,000 folded abstracts for a substring takes 100-200 ms; a keystroke has 50. So an
SQLite FTS5 table (built in C, in memory, by a worker thread) indexes the words of each
paper's text, and a query piece is looked up in its vocabulary instead: the papers holding
`mem` are those holding a word that contains `mem` (memory, remember, ...).

Exactness: the pieces looked up are runs of ASCII letters and digits, which FTS5's unicode61
tokenizer always keeps inside one word, so a run occurs in a text exactly when one of the
text's words contains it. Text is folded by the caller and indexed as is (no diacritic
removal), so FTS5's words are substrings of that text. The table is contentless: it holds
the words, not a second copy of the text.
"""

from __future__ import annotations

import sqlite3
import threading
from bisect import bisect_right
from collections.abc import Sequence

MAX_WORDS = 400  # a piece inside more words than this is common: scanning finds it early


class WordIndex:
    """FTS5 over a list of texts; `papers_with(piece)` -> their indices, or None to scan."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._lock = threading.Lock()
        self._db.execute(
            "CREATE VIRTUAL TABLE t USING fts5(x, content='', detail=none, columnsize=0,"
            " tokenize='unicode61 remove_diacritics 0')"
        )
        self._db.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(texts))
        self._db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, row)")
        rows = self._db.execute("SELECT term, doc FROM v").fetchall()
        self.words = [word for word, _count in rows]
        self._counts = [count for _word, count in rows]  # texts holding each word
        self._blob = "\n" + "\n".join(self.words) + "\n"
        self._starts = []  # where each word starts in the blob
        offset = 1
        for word in self.words:
            self._starts.append(offset)
            offset += len(word) + 1

    def has_piece(self, piece: str) -> bool:
        """Whether some text contains `piece` (ASCII letters/digits only)."""
        return piece in self._blob

    def papers_with(self, piece: str, limit: int) -> set[int] | None:
        """Indices of the texts containing `piece` (ASCII letters/digits only), or None when
        more than about `limit` texts may hold it: scanning is then the cheaper way."""
        found = self._words_containing(piece)
        if found is None:
            return None
        counts = [self._counts[i] for i in found]
        if counts and max(counts) + (sum(counts) - max(counts)) // 2 > limit:
            return None  # a guess at how many texts hold one of the words: they overlap
        return self.papers_with_words([self.words[i] for i in found])

    def papers_with_words(self, words: list[str], *, prefixes: bool = False) -> set[int]:
        """Indices of the texts holding any of `words` (or a word starting with one)."""
        if not words:
            return set()
        star = "*" if prefixes else ""
        expression = " OR ".join(f'"{word}"{star}' for word in words)
        with self._lock:
            rows = self._db.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,))
            return {row[0] for row in rows}

    def _words_containing(self, piece: str) -> list[int] | None:
        """Positions in `words` of the words containing `piece`; None when too many do."""
        blob, starts, found = self._blob, self._starts, []
        pos = blob.find(piece)
        while pos >= 0:
            number = bisect_right(starts, pos) - 1
            found.append(number)
            if len(found) > MAX_WORDS:
                return None
            pos = blob.find(piece, starts[number] + len(self.words[number]))
        return found

    def close(self) -> None:
        self._db.close()
