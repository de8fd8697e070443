"""Throughput and memory of `extract`, beside a bare pass over the same texts in the same process.

Corpus: the development articles of ../shared/eval/dev (when present) and every document of the demo
samples, repeated to --docs documents. The bare pass reads each text and tokenises it with a regex; the ratio says
how many times the bare pass's time the pipeline takes. One process, one core: figures are per core.
Peak memory: the process's max RSS (getrusage) and the tracemalloc peak of a separate traced pass (not
timed: tracing slows Python down).

    python bench/bench_extract.py [--docs 1000] [--traced 200]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import marsad
# One core: the names model's encoder multiplies matrices with NumPy, whose BLAS would use them all.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from marsad.api import build_pipeline
from marsad.doc import Document
from marsad.ingest import read_source
from marsad.samples import sample_paths

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED") or ROOT.parent / "shared")
TOKEN = re.compile(r"\w+|[^\w\s]")
SAMPLE_DATE = "2025-03-16"


def corpus_files(folder: Path) -> list[tuple[Path, str | None]]:
    """(text file, publication date): the dev articles with their gold dates, and every document of the
    demo samples (text, Telegram, X, JSONL), written to ``folder`` one text a file."""
    files = []
    dev = SHARED / "eval" / "dev"
    for txt in sorted(dev.glob("*.txt")) if dev.is_dir() else []:
        gold = txt.with_suffix(".json")
        published = json.loads(gold.read_text(encoding="utf-8")).get("published") if gold.exists() else None
        files.append((txt, published))
    for sample in sample_paths():
        for item in read_source(str(sample)):
            if isinstance(item, Document):
                path = folder / f"sample_{len(files):03d}.txt"
                path.write_text(item.text, encoding="utf-8")
                files.append((path, (item.published or SAMPLE_DATE)[:10]))
    return files


def bare(files) -> int:
    tokens = 0
    for path, _ in files:
        tokens += len(TOKEN.findall(path.read_text(encoding="utf-8")))
    return tokens


def extract(files) -> int:
    tokens = 0
    for path, published in files:
        doc = marsad.extract(path.read_text(encoding="utf-8"), published)
        tokens += len(doc.tokens)
    return tokens


def timed(fn, files) -> tuple[float, int]:
    start = time.perf_counter()
    tokens = fn(files)
    return time.perf_counter() - start, tokens


def run(n_docs: int, n_traced: int, folder: Path) -> dict:
    base = corpus_files(folder)
    files = (base * (n_docs // len(base) + 1))[:n_docs]
    build_pipeline()
    extract(base)  # load lexicons, gazetteer and actors once, outside the timing
    bare_s, bare_tokens = timed(bare, files)
    extract_s, tokens = timed(extract, files)
    tracemalloc.start()
    extract(files[:n_traced])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "documents": len(files), "distinct_texts": len(base),
        "characters": sum(len(p.read_text(encoding="utf-8")) for p, _ in files),
        "tokens_pipeline": tokens, "tokens_regex": bare_tokens,
        "extract_seconds": round(extract_s, 3), "bare_seconds": round(bare_s, 4),
        "extract_docs_per_s_per_core": round(len(files) / extract_s, 1),
        "extract_tokens_per_s_per_core": round(tokens / extract_s),
        "extract_ms_per_doc": round(1000 * extract_s / len(files), 2),
        "bare_docs_per_s_per_core": round(len(files) / bare_s, 1),
        "bare_tokens_per_s_per_core": round(bare_tokens / bare_s),
        "ratio_extract_over_bare": round(extract_s / bare_s, 1),
        "tracemalloc_peak_mb": round(peak / 2**20, 2), "traced_documents": min(n_traced, len(files)),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000, help="corpus size (default 1000)")
    ap.add_argument("--traced", type=int, default=200, help="documents in the traced (memory) pass")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        r = run(args.docs, args.traced, Path(tmp))
    rows = [("documents (distinct texts)", f"{r['documents']} ({r['distinct_texts']})"),
            ("extract: documents/s/core", r["extract_docs_per_s_per_core"]),
            ("extract: tokens/s/core", r["extract_tokens_per_s_per_core"]),
            ("extract: ms/document", r["extract_ms_per_doc"]),
            ("bare: documents/s/core", r["bare_docs_per_s_per_core"]),
            ("bare: tokens/s/core", r["bare_tokens_per_s_per_core"]),
            ("ratio extract/bare", f"{r['ratio_extract_over_bare']}x"),
            ("peak memory: max RSS", f"{r['max_rss_mb']} MB"),
            ("peak memory: tracemalloc", f"{r['tracemalloc_peak_mb']} MB over {r['traced_documents']} documents")]
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    out = {"marsad": marsad.__version__, "python": sys.version.split()[0], "machine": platform.machine(),
           "processor": platform.processor(), "cpus": os.cpu_count(), "result": r}
    dest = ROOT / "bench" / "out"
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "bench_extract.json").write_text(json.dumps(out, indent=1) + "\n")
    print(f"written to {dest / 'bench_extract.json'}")


if __name__ == "__main__":
    main()
