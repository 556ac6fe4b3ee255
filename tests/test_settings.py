from pathlib import Path

import pytest

from dotterel.errors import ConfigError
from dotterel.settings import SETTINGS, load_settings


def test_defaults_when_nothing_is_given(tmp_path: Path) -> None:
    s = load_settings(environ={}, cwd=tmp_path)
    for setting in SETTINGS:
        assert s[setting.name] == setting.default
        assert s.source_of(setting.name) == "default"


def test_every_setting_has_help_text() -> None:
    assert all(s.help.endswith(".") and len(s.help) > 15 for s in SETTINGS)
    assert len({s.name for s in SETTINGS}) == len(SETTINGS)


def test_layers_file_then_env_then_cli(tmp_path: Path) -> None:
    (tmp_path / "dotterel.toml").write_text('db = "file.duckdb"\nbatch_size = 8\nmax_bytes = 5\n')
    env = {"DOTTEREL_BATCH_SIZE": "16", "DOTTEREL_MAX_BYTES": "7"}
    s = load_settings(environ=env, cwd=tmp_path, overrides={"max_bytes": 9, "db": None})
    assert s.db == "file.duckdb" and s.source_of("db").endswith("dotterel.toml")
    assert s.batch_size == 16 and s.source_of("batch_size") == "DOTTEREL_BATCH_SIZE"
    assert s.max_bytes == 9 and s.source_of("max_bytes") == "command line"


def test_explicit_config_and_dotterel_table(tmp_path: Path) -> None:
    cfg = tmp_path / "other.toml"
    cfg.write_text('[dotterel]\ninclude = ["*.txt", "*.html"]\nstore_sentences = true\n')
    s = load_settings(config=cfg, environ={}, cwd=tmp_path)
    assert s.include == ["*.txt", "*.html"]
    assert s.store_sentences is True


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("0", False), ("Yes", True), ("off", False)]
)
def test_boolean_environment_values(tmp_path: Path, raw: str, expected: bool) -> None:
    s = load_settings(environ={"DOTTEREL_STORE_SENTENCES": raw}, cwd=tmp_path)
    assert s.store_sentences is expected


def test_list_from_environment_is_comma_separated(tmp_path: Path) -> None:
    s = load_settings(environ={"DOTTEREL_EXCLUDE": "*.pdf, drafts/*"}, cwd=tmp_path)
    assert s.exclude == ["*.pdf", "drafts/*"]


@pytest.mark.parametrize(
    ("content", "message"),
    [("bogus = 1\n", "unknown setting 'bogus'"),
     ("batch_size = 'many'\n", "needs an integer"),
     ("db = [\n", "not valid TOML")],
)
def test_bad_config_file_names_the_problem(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "dotterel.toml").write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_settings(environ={}, cwd=tmp_path)


def test_bad_environment_value_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="DOTTEREL_WORKERS"):
        load_settings(environ={"DOTTEREL_WORKERS": "two"}, cwd=tmp_path)


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(config=tmp_path / "nope.toml", environ={})
