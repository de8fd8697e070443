"""The batch runner: only unprocessed documents, a failing one recorded and retried, the rest processed."""
import pytest

from marsad.config import Config
from marsad.doc import Document
from marsad.export import export_jsonl
from marsad.pipeline import REGISTRY, stage
from marsad.runner import run_pending
from marsad.store import open_store

STAGES = ["normalise.v1", "language.v1", "segment.v1", "fragile.v1"]


@pytest.fixture
def fragile_stage():
    """A test stage that fails on a marker text, registered for one test only."""
    @stage("fragile.v1", requires=("tokens",))
    def fragile(doc):
        if "BOOM" in doc.text:
            raise RuntimeError("cannot read this one")
        return doc

    yield
    del REGISTRY["fragile.v1"]


def test_a_failing_document_is_recorded_and_the_batch_goes_on(tmp_path, fragile_stage):
    config = Config({"pipeline.stages": STAGES})
    with open_store(str(tmp_path / "r.db")) as s:
        for text in ("first text", "BOOM text", "third text"):
            s.add_document(Document(text))
        seen = []
        report = run_pending(s, config, progress=lambda n, what: seen.append(n))
        assert report.processed == 2 and len(report.failures) == 1 and seen == [1, 1, 1]
        failure = s.failures()[0]
        assert failure.stage == "fragile.v1" and failure.code == "E200" and "cannot read this one" in failure.message
        assert failure.document_id == Document("BOOM text").id
        assert s.run(report.run_id)["stats"] == {"processed": 2, "failed": 1}
        assert s.run(report.run_id)["config"]["pipeline.stages"] == STAGES
        again = run_pending(s, config)
        assert again.processed == 0 and len(again.failures) == 1  # the failed one is tried again, not lost


def test_only_documents_not_yet_processed_by_this_pipeline_are_run(tmp_path, fragile_stage):
    config = Config({"pipeline.stages": STAGES})
    with open_store(str(tmp_path / "r.db")) as s:
        s.add_document(Document("Clashes in Hama.", key="a"))
        s.add_document(Document("قصف على إدلب.", key="b"))
        assert run_pending(s, config).processed == 2
        s.add_document(Document("Clashes in Hama, updated.", key="a"))  # a new version of a
        s.add_document(Document("Shelling in Daraa.", key="c"))
        report = run_pending(s, config)
        assert report.processed == 2 and report.failures == []
        assert run_pending(s, config).processed == 0
        other = Config({"pipeline.stages": STAGES[:3]})  # another pipeline version: everything current again
        assert run_pending(s, other).processed == 3
        lines = []
        out = type("Out", (), {"write": lambda self, x: lines.append(x)})()
        assert export_jsonl(s, out) == 4  # one line per processed document (the old version of a included)
        assert {x.count("\n") for x in lines} == {1}
