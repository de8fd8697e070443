import pytest

from marsad.doc import Doc, Document
from marsad.errors import PipelineError, StageError
from marsad.pipeline import REGISTRY, Pipeline, stage


@pytest.fixture
def scratch_stages():
    before = dict(REGISTRY)
    yield
    REGISTRY.clear()
    REGISTRY.update(before)


def test_order_is_checked_when_the_pipeline_is_built():
    with pytest.raises(PipelineError, match="needs norm"):
        Pipeline(["segment.v1"])
    with pytest.raises(PipelineError, match="unknown stage 'nope.v1'"):
        Pipeline(["normalise.v1", "nope.v1"])
    p = Pipeline(["normalise.v1", "language.v1", "segment.v1"])
    assert p.names == ["normalise.v1", "language.v1", "segment.v1"]


def test_stage_names_must_be_versioned(scratch_stages):
    with pytest.raises(PipelineError, match="versioned"):
        stage("claims")


def test_version_changes_with_the_stages():
    a = Pipeline(["normalise.v1", "language.v1"]).version
    b = Pipeline(["normalise.v1", "language.v1", "segment.v1"]).version
    assert a != b and a == Pipeline(["normalise.v1", "language.v1"]).version


def test_a_failing_stage_is_reported_with_its_name(scratch_stages):
    @stage("boom.v1")
    def boom(doc):
        raise ValueError("bad input")

    with pytest.raises(StageError, match="stage boom.v1 failed: ValueError: bad input"):
        Pipeline(["boom.v1"])(Doc(Document("x")))


def test_a_stage_must_return_a_doc(scratch_stages):
    @stage("nothing.v1")
    def nothing(doc):
        return None

    with pytest.raises(StageError, match="returned NoneType"):
        Pipeline(["nothing.v1"])(Doc(Document("x")))


def test_stages_that_ran_are_recorded():
    doc = Pipeline(["normalise.v1", "language.v1"])(Doc(Document("نص")))
    assert doc.done == ["normalise.v1", "language.v1"]
    assert doc.document.language == "ar"
