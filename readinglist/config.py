"""The user's settings: `config.toml` in the user config directory (READINGLIST_CONFIG overrides).

    [searches]            # saved searches, in order: keys 1..9 in the app, @name in any query
    fresh = "is:unread is:new"
    thesis = "tag:thesis OR author:kim"

    [keys]                # rebind an action by its binding id (the help screen lists the ids)
    toggle_star = "f"

    [export]
    directory = "~/papers/exports"

    [arxiv]
    interval = 3.0        # seconds between requests; arXiv asks for at least 3

    [[auto_export]]       # files rewritten after every change that affects them
    query = "is:starred"
    format = "bibtex"
    path = "~/thesis/starred.bib"

A broken file never stops the program: every problem is one line naming the file (and the
line, when TOML says which) and what is wrong, and the defaults stand in for what was bad.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from readinglist.atomicfile import atomic_write_bytes

ENV_CONFIG = "READINGLIST_CONFIG"
MIN_ARXIV_INTERVAL = 3.0
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class AutoExport:
    query: str
    format: str
    path: Path


@dataclass
class Config:
    path: Path
    searches: dict[str, str] = field(default_factory=dict)  # in the file's order
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> key(s), comma-separated
    export_dir: Path | None = None
    arxiv_interval: float = MIN_ARXIV_INTERVAL
    auto_exports: list[AutoExport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line each, for the user

    def effective(self) -> dict[str, Any]:
        """The settings in force, for `readinglist config`."""
        return {
            "file": str(self.path),
            "exists": self.path.exists(),
            "searches": dict(self.searches),
            "keys": dict(self.keys),
            "export_dir": str(self.export_dir) if self.export_dir else None,
            "arxiv_interval": self.arxiv_interval,
            "auto_export": [
                {"query": a.query, "format": a.format, "path": str(a.path)}
                for a in self.auto_exports
            ],
        }


def config_path() -> Path:
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir("readinglist", appauthor=False)) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """The settings; never raises: problems are collected in `Config.problems`."""
    path = path or config_path()
    config = Config(path=path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return config
    except OSError as error:
        config.problems.append(f"cannot read the config file {path}: {error.strerror}")
        return config
    try:
        document = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        config.problems.append(f"the config file {path} is not UTF-8 text: save it as UTF-8")
        return config
    except tomllib.TOMLDecodeError as error:
        config.problems.append(f"the config file {path} is not valid TOML: {error}; fix that line")
        return config
    _read_document(config, document)
    return config


def _read_document(config: Config, document: dict[str, Any]) -> None:
    name = config.path
    known = {"searches", "keys", "export", "arxiv", "auto_export"}
    for key in document:
        if key not in known:
            config.problems.append(f"{name}: unknown setting [{key}] ignored")
    config.searches = _string_table(config, document.get("searches"), "searches")
    config.keys = _string_table(config, document.get("keys"), "keys")
    export = _table(config, document.get("export"), "export")
    directory = export.get("directory")
    if isinstance(directory, str) and directory.strip():
        config.export_dir = Path(directory).expanduser()
    elif directory is not None:
        config.problems.append(f"{name}: [export] directory must be a path in quotes")
    arxiv = _table(config, document.get("arxiv"), "arxiv")
    interval = arxiv.get("interval")
    if isinstance(interval, int | float) and not isinstance(interval, bool):
        if interval < MIN_ARXIV_INTERVAL:
            config.problems.append(
                f"{name}: [arxiv] interval {interval} is below arXiv's {MIN_ARXIV_INTERVAL:g} s; "
                f"using {MIN_ARXIV_INTERVAL:g}"
            )
        config.arxiv_interval = max(float(interval), MIN_ARXIV_INTERVAL)
    elif interval is not None:
        config.problems.append(f"{name}: [arxiv] interval must be a number of seconds")
    config.auto_exports = _auto_exports(config, document.get("auto_export"))


def _table(config: Config, value: Any, title: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        config.problems.append(f"{config.path}: [{title}] must be a table")
        return {}
    return value


def _string_table(config: Config, value: Any, title: str) -> dict[str, str]:
    table = _table(config, value, title)
    good = {}
    for key, item in table.items():
        if isinstance(item, str) and item.strip():
            good[key] = item.strip()
        else:
            config.problems.append(f"{config.path}: [{title}] {key} must be text in quotes")
    return good


def _auto_exports(config: Config, value: Any) -> list[AutoExport]:
    if value is None:
        return []
    if not isinstance(value, list):
        config.problems.append(f"{config.path}: auto_export must be [[auto_export]] tables")
        return []
    exports = []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) and item.get(k).strip() for k in ("format", "path")
        ):
            config.problems.append(
                f"{config.path}: [[auto_export]] number {number} needs format and path in quotes"
            )
            continue
        query = item.get("query", "")
        exports.append(
            AutoExport(
                query=query if isinstance(query, str) else "",
                format=item["format"].strip(),
                path=Path(item["path"]).expanduser(),
            )
        )
    return exports


def toml_key(name: str) -> str:
    return name if _BARE_KEY.match(name) else json.dumps(name, ensure_ascii=False)


def save_search(name: str, query: str, path: Path | None = None) -> Path:
    """Add (or replace) a saved search in the config file, keeping the rest of it as written.

    TOML has no writer in the standard library, so the line is placed by text: after the last
    line of the [searches] table, or in a new table at the end. JSON strings are TOML strings.
    """
    path = path or config_path()
    line = f"{toml_key(name)} = {json.dumps(query, ensure_ascii=False)}"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        text = ""
    lines = text.splitlines()
    start = next((i for i, raw in enumerate(lines) if raw.strip() == "[searches]"), None)
    if start is None:
        lines += ([""] if lines and lines[-1].strip() else []) + ["[searches]", line]
    else:
        end = start + 1
        while end < len(lines) and not lines[end].lstrip().startswith("["):
            end += 1
        body = lines[start + 1 : end]
        same = [i for i, raw in enumerate(body) if _defines(raw, name)]
        if same:  # saved again under its name: replaced where it stands
            body[same[0]] = line
        else:
            while body and not body[-1].strip():
                body.pop()
            body += [line, *([""] if end < len(lines) else [])]
        lines[start + 1 : end] = body
    candidate = "\n".join(lines) + "\n"
    tomllib.loads(candidate)  # never write a file we could not read back
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, candidate.encode(), public=True)
    return path


def _defines(raw: str, name: str) -> bool:
    key = raw.split("=", 1)[0].strip()
    return "=" in raw and (key == name or key == json.dumps(name, ensure_ascii=False))
