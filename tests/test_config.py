import pytest

from marsad.config import SETTINGS, Config, settings_markdown
from marsad.errors import ConfigError


def test_defaults_and_file_overrides(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert Config.load()["ingest.max_bytes"] == 20_000_000
    (tmp_path / "marsad.toml").write_text('[store]\ndb = "x.db"\n[ingest]\nmax_bytes = 10\n')
    c = Config.load()
    assert c.db == "x.db" and c["ingest.max_bytes"] == 10
    assert c.to_dict()["store.db"] == "x.db"


def test_unknown_or_mistyped_settings_are_configuration_errors(tmp_path):
    with pytest.raises(ConfigError, match="unknown setting 'store.dbb'"):
        Config({"store.dbb": "x"})
    with pytest.raises(ConfigError, match="must be int"):
        Config({"ingest.max_bytes": "big"})
    bad = tmp_path / "bad.toml"
    bad.write_text("[store\n")
    with pytest.raises(ConfigError, match="cannot read"):
        Config.load(bad)
    with pytest.raises(ConfigError, match="not found"):
        Config.load(tmp_path / "missing.toml")


def test_settings_reference_lists_every_setting():
    md = settings_markdown()
    assert all(f"`{s.name}`" in md for s in SETTINGS)
