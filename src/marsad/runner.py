"""The batch runner: the pipeline over every stored document not yet processed by its version.

A document that fails gets a Failure row (with the stage that failed) and the batch goes on; it is tried
again by the next run. The run's row records the pipeline version, the settings and the counts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .api import build_pipeline
from .config import Config
from .doc import Doc, Failure
from .errors import MarsadError, StoreError

Progress = Callable[[int, str], None]


@dataclass
class RunReport:
    run_id: int
    processed: int = 0
    failures: list[Failure] = field(default_factory=list)


def run_pending(store, config: Config | None = None, progress: Progress | None = None,
                command: str = "run") -> RunReport:
    """Process the documents the configured pipeline's version has not processed; record each failure."""
    config = config or Config()
    pipeline = build_pipeline(config)
    run_id = store.start_run(command, pipeline.version, config.to_dict())
    report = RunReport(run_id)
    complete = False
    try:
        for document in store.pending(pipeline.version):
            name = document.key or document.id[:12]
            try:
                doc = pipeline(Doc(document))
            except MarsadError as e:
                failure = Failure(source=e.source or document.key or document.id, code=e.code, message=e.message,
                                  stage=getattr(e, "stage", None), document_id=document.id)
            else:
                try:
                    store.save_result(doc, pipeline.version, run_id)
                    failure = None
                except StoreError:
                    raise  # the database itself failed: stop, don't record a failure per document
                except Exception as e:  # noqa: BLE001 (a result that cannot be saved is this document's failure)
                    failure = Failure(source=document.key or document.id, code=StoreError.code,
                                      message=f"cannot save the result: {type(e).__name__}: {e}", stage="store",
                                      document_id=document.id)
            if failure:
                store.add_failure(failure, run_id)
                report.failures.append(failure)
            else:
                report.processed += 1
            if progress:
                progress(1, name)
        complete = True
    finally:
        stats = {"processed": report.processed, "failed": len(report.failures)}
        if complete:
            store.finish_run(run_id, stats)
        else:  # interrupted (Ctrl-C, or the database failed): record how far it got, if the database lets us
            try:
                store.finish_run(run_id, {**stats, "interrupted": True})
            except MarsadError:
                pass
    return report
