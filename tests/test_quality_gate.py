"""The quality gate: the installed `marsad extract` on every development article, scored with
../shared/eval/score.py, against the floors in eval/floors.json (overall, Arabic, English).

Floors only go up: they are set from measured scores, rounded down to 0.01."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, shared_path

FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text())
MARSAD = Path(sys.executable).with_name("marsad")
CHANNELS = {"telegram", "x", "facebook", "statement", "interview", "press_conference", "news_agency",
            "monitor_report", "tv", "unknown"}
EVENT_TYPES = {"armed_clash", "territory_taken", "withdrawal", "airstrike", "attack", "prisoner_release", "arrest",
               "statement_diplomatic", "agreement", "protest", "other"}


@pytest.fixture(scope="module")
def predictions(tmp_path_factory):
    dev = shared_path("eval", "dev")
    assert MARSAD.exists(), f"{MARSAD} is missing: install the package (make venv)"
    articles = sorted(dev.glob("*.txt"))
    assert articles, f"no articles in {dev}"
    out = tmp_path_factory.mktemp("pred")
    for txt in articles:
        published = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8")).get("published")
        cmd = [str(MARSAD), "extract", str(txt), "--format", "json"] + (["--published", published] if published else [])
        res = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=120)
        assert res.returncode == 0, f"{txt.name}: {res.stderr}"
        (out / f"{txt.stem}.json").write_text(res.stdout, encoding="utf-8")
    return dev, out


def in_range(span, text):
    return isinstance(span, list) and len(span) == 2 and 0 <= span[0] < span[1] <= len(text)


def test_every_article_gives_valid_contract_json(predictions):
    dev, out = predictions
    for txt in sorted(dev.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        data = json.loads((out / f"{txt.stem}.json").read_text(encoding="utf-8"))
        for key in ("claims", "events", "places", "contradictions"):
            assert isinstance(data[key], list), (txt.name, key)
        ids = {c["id"] for c in data["claims"]}
        assert len(ids) == len(data["claims"]), txt.name
        for c in data["claims"]:
            assert in_range(c["span"], text) and text[c["span"][0]:c["span"][1]] == c["text"], (txt.name, c)
            assert c["stance"] in ("assert", "deny") and c["channel"] in CHANNELS, (txt.name, c)
            assert c["speaker"] is None or isinstance(c["speaker"], str)
        for p in data["places"]:
            assert in_range(p["span"], text) and text[p["span"][0]:p["span"][1]] == p["text"], (txt.name, p)
            assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180
        for ev in data["events"]:
            assert ev["type"] in EVENT_TYPES and isinstance(ev["contested"], bool), (txt.name, ev)
            assert set(ev["claims"]) <= ids, (txt.name, ev)
            assert ev["place"] is None or {"name", "lat", "lon"} <= set(ev["place"])
        for c in data["contradictions"]:
            assert len(c["claims"]) == 2 and set(c["claims"]) <= ids, (txt.name, c)
            assert c["kind"] in ("contradiction", "inconsistency")


@pytest.mark.parametrize("lang", ["all", "ar", "en"])
def test_scores_stay_above_the_floors(predictions, lang):
    dev, out = predictions
    cmd = [sys.executable, str(dev.parent / "score.py"), str(dev), str(out), "--json"]
    if lang != "all":
        cmd += ["--lang", lang]
    scores = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    print(f"\ndev-set scores ({lang}): {json.dumps(scores)}")
    below = {k: (scores.get(k), floor) for k, floor in FLOORS[lang].items()
             if not (isinstance(scores.get(k), (int, float)) and scores[k] >= floor)}
    assert not below, f"below the floor (score, floor): {below}"
