"""The batch runner: the pipeline over every stored document not yet processed by its version.

A document that fails gets a Failure row (with the stage that failed) and the batch goes on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .config import Config
from .doc import Doc, Failure
from .errors import MarsadError
from .api import build_pipeline

Progress = Callable[[int, str], None]


@dataclass
class RunReport:
    run_id: int
    processed: int = 0
    failures: list[Failure] = field(default_factory=list)


def run_pending(store, config: Config | None = None, progress: Progress | None = None,
                command: str = "run") -> RunReport:
    config = config or Config()
    pipeline = build_pipeline(config)
    run_id = store.start_run(command, pipeline.version, config.to_dict())
    report = RunReport(run_id)
    for document in list(store.pending(pipeline.version)):
        try:
            doc = pipeline(Doc(document))
            store.save_result(doc, pipeline.version, run_id)
            report.processed += 1
        except MarsadError as e:
            failure = Failure(source=document.key or document.id, code=e.code, message=e.message,
                              stage=getattr(e, "stage", None),
                              document_id=document.id)
            store.add_failure(failure, run_id)
            report.failures.append(failure)
        if progress:
            progress(1, document.key or document.id[:12])
    store.finish_run(run_id, {"processed": report.processed, "failed": len(report.failures)})
    return report
