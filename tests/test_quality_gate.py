"""The quality gate: `marsad extract` on every development article, scored with ../shared/eval/score.py,
against the floors in eval/floors.json (overall, Arabic, English). Floors only go up."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, shared_path

FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text())
MARSAD = Path(sys.executable).with_name("marsad")


@pytest.fixture(scope="module")
def predictions(tmp_path_factory):
    dev = shared_path("eval", "dev")
    out = tmp_path_factory.mktemp("pred")
    for txt in sorted(dev.glob("*.txt")):
        published = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8")).get("published")
        cmd = [str(MARSAD), "extract", str(txt), "--format", "json"] + (["--published", published] if published else [])
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        assert res.returncode == 0, res.stderr
        (out / f"{txt.stem}.json").write_text(res.stdout, encoding="utf-8")
    return dev, out


def test_every_article_gives_valid_contract_json(predictions):
    dev, out = predictions
    for txt in sorted(dev.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        data = json.loads((out / f"{txt.stem}.json").read_text(encoding="utf-8"))
        for key in ("claims", "events", "places", "contradictions"):
            assert isinstance(data[key], list)
        ids = {c["id"] for c in data["claims"]}
        for c in data["claims"]:
            s, e = c["span"]
            assert 0 <= s < e <= len(text) and text[s:e] == c["text"]
            assert c["stance"] in ("assert", "deny")
        for p in data["places"]:
            assert text[p["span"][0]:p["span"][1]] == p["text"]
        for ev in data["events"]:
            assert set(ev["claims"]) <= ids
        for c in data["contradictions"]:
            assert set(c["claims"]) <= ids and c["kind"] in ("contradiction", "inconsistency")


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
