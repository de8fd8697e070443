import pytest

from marsad.config import Config
from marsad.doc import Document
from marsad.pipeline import REGISTRY, stage
from marsad.runner import run_pending
from marsad.store import open_store


@pytest.fixture
def fragile_stage():
    before = dict(REGISTRY)

    @stage("fragile.v1", requires=("tokens",))
    def fragile(doc):
        if "BOOM" in doc.text:
            raise RuntimeError("cannot read this one")
        return doc

    yield
    REGISTRY.clear()
    REGISTRY.update(before)


def test_a_failing_document_is_recorded_and_the_batch_goes_on(tmp_path, fragile_stage):
    config = Config({"pipeline.stages": ["normalise.v1", "language.v1", "segment.v1", "fragile.v1"]})
    with open_store(str(tmp_path / "r.db")) as s:
        for text in ("first text", "BOOM text", "third text"):
            s.add_document(Document(text))
        report = run_pending(s, config)
        assert report.processed == 2 and len(report.failures) == 1
        failure = s.failures()[0]
        assert failure.stage == "fragile.v1" and failure.code == "E200" and "cannot read this one" in failure.message
        again = run_pending(s, config)
        assert again.processed == 0 and len(again.failures) == 1  # the failed one is tried again, not lost
        assert s.run(report.run_id)["stats"] == {"processed": 2, "failed": 1}
