"""The config file: defaults for whatever is bad, searches saved in place, the CLI view."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

from readinglist.config import load_config, save_search


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_file_is_the_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "none.toml")
    assert config.searches == {} and config.keys == {} and config.problems == []
    assert config.arxiv_interval == 3.0


def test_every_setting_is_read_in_order(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.toml",
        '[searches]\nfresh = "is:unread"\n"my thesis" = "tag:thesis"\n\n'
        '[keys]\ntoggle_star = "f"\n\n[export]\ndirectory = "~/exports"\n\n'
        '[arxiv]\ninterval = 5\n\n[[auto_export]]\nquery = "is:starred"\nformat = "bibtex"\n'
        'path = "out/starred.bib"\n',
    )
    config = load_config(path)
    assert list(config.searches) == ["fresh", "my thesis"]
    assert config.keys == {"toggle_star": "f"}
    assert config.export_dir == Path("~/exports").expanduser()
    assert config.arxiv_interval == 5.0
    assert [(a.query, a.format, a.path.name) for a in config.auto_exports] == [
        ("is:starred", "bibtex", "starred.bib")
    ]
    assert config.problems == []


def test_a_broken_file_is_one_line_naming_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", '[searches]\nfresh = "is:unread"\n[keys\n')
    config = load_config(path)
    assert config.searches == {}  # defaults stand in
    (problem,) = config.problems
    assert str(path) in problem and "line 3" in problem and "\n" not in problem


def test_bad_values_are_named_and_the_rest_kept(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.toml",
        '[searches]\ngood = "is:read"\nbad = 3\n[arxiv]\ninterval = 0.5\n'
        '[[auto_export]]\nquery = "x"\n',
    )
    config = load_config(path)
    assert config.searches == {"good": "is:read"}
    assert config.arxiv_interval == 3.0
    assert config.auto_exports == []
    assert len(config.problems) == 3
    assert all(str(path) in p for p in config.problems)


def test_saving_searches_keeps_the_file_and_replaces_in_place(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.toml", '# mine\n[searches]\na = "x"\nb = "y"\n\n[keys]\nquit = "Q"\n'
    )
    save_search("new one", 'tag:t OR "quoted \\ phrase"', path)
    save_search("a", "is:new", path)
    text = path.read_text()
    assert text.startswith("# mine\n")
    document = tomllib.loads(text)
    assert list(document["searches"].items()) == [
        ("a", "is:new"),
        ("b", "y"),
        ("new one", 'tag:t OR "quoted \\ phrase"'),
    ]
    assert document["keys"] == {"quit": "Q"}


def test_saving_into_a_new_file_makes_it_with_the_usual_mode(tmp_path: Path) -> None:
    path = tmp_path / "dir" / "config.toml"
    save_search("fresh", "is:new", path)
    assert load_config(path).searches == {"fresh": "is:new"}
    assert path.stat().st_mode & 0o777 == 0o644


def test_the_config_command_prints_path_and_settings(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", '[searches]\nfresh = "is:unread"\n')
    env = {"READINGLIST_CONFIG": str(path), "PATH": "/usr/bin:/bin"}
    run = [sys.executable, "-m", "readinglist", "config"]
    out = subprocess.run(run, capture_output=True, text=True, env=env, check=True).stdout
    assert json.loads(out)["searches"] == {"fresh": "is:unread"}
    only = subprocess.run([*run, "--path"], capture_output=True, text=True, env=env, check=True)
    assert only.stdout.strip() == str(path)
    write(path, "[searches\n")
    bad = subprocess.run(run, capture_output=True, text=True, env=env)
    assert bad.returncode == 1
    assert bad.stderr.count("\n") == 1 and str(path) in bad.stderr and "Traceback" not in bad.stderr


def test_the_arxiv_interval_comes_from_the_config_unless_the_environment_says(
    tmp_path: Path, monkeypatch
) -> None:
    from readinglist.arxiv.client import ENV_INTERVAL, default_interval

    path = write(tmp_path / "c.toml", "[arxiv]\ninterval = 7.5\n")
    monkeypatch.setenv("READINGLIST_CONFIG", str(path))
    monkeypatch.delenv(ENV_INTERVAL, raising=False)
    assert default_interval() == 7.5
    monkeypatch.setenv(ENV_INTERVAL, "0")
    assert default_interval() == 0
    write(path, "[arxiv]\ninterval = 1\n")  # below arXiv's rule: 3 s
    monkeypatch.delenv(ENV_INTERVAL)
    assert default_interval() == 3.0
