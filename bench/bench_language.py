"""Throughput of the language layer, stage by stage, beside a bare pass over the same texts in the same process.

The language layer is what turns text into tokens, names and places: the stages normalise, language,
segment, mentions (gazetteer, actor dictionary, dates, numbers), names (the names models) and resolve
(geocoding). Each stage is timed over the whole corpus, then the two names taggers on their own.

Corpus: distinct texts, so that no cache sees a text twice in the cold pass: ANERcorp's last sixth
(../shared/data/ner, cut into documents of 20 sentences), the English CoNLL files of tests/cases, the
development articles of ../shared/eval/dev, and the demo samples. Without ../shared, the English files
and samples alone. The cold pass is the first over the corpus (word caches empty), the warm pass the
same texts again. One process, one core: figures are per core. The bare pass reads each text and
tokenises it with a regex; ratios say how many times its time a stage takes.

    python bench/bench_language.py [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import time
from pathlib import Path

# One core: the names model's encoder multiplies matrices with NumPy, whose BLAS would use them all.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from marsad.api import build_pipeline
from marsad.doc import Doc, Document
from marsad.ingest import read_source
from marsad.ner import EnglishNameTagger, NameTagger
from marsad.ner.corpus import read_anercorp, read_conll, split_anercorp
from marsad.samples import sample_paths

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED") or ROOT.parent / "shared")
TOKEN = re.compile(r"\w+|[^\w\s]")
LAYER = ("normalise.v1", "language.v1", "segment.v1", "mentions.v1", "names.v1", "resolve.v1")
DOC_SENTENCES = 20


def corpus() -> tuple[list[tuple[str, str | None]], list[list[str]], list[list[list[str]]]]:
    """(texts with publication dates, Arabic test sentences as words, English documents as sentences)."""
    texts: list[tuple[str, str | None]] = []
    arabic: list[list[str]] = []
    anercorp = SHARED / "data" / "ner" / "ANERCorp.txt"
    if anercorp.is_file():
        _, test = split_anercorp(read_anercorp(anercorp))
        arabic = [[w for w, _ in s] for s in test]
        for i in range(0, len(arabic), DOC_SENTENCES):
            texts.append((" ".join(w for s in arabic[i:i + DOC_SENTENCES] for w in s), None))
    english = [[[w for w, _ in s] for s in doc] for f in sorted((ROOT / "tests" / "cases").glob("*.conll"))
               for doc in read_conll(f)]
    texts += [(" ".join(w for s in doc for w in s), None) for doc in english]
    dev = SHARED / "eval" / "dev"
    for txt in sorted(dev.glob("*.txt")) if dev.is_dir() else []:
        gold = txt.with_suffix(".json")
        published = json.loads(gold.read_text(encoding="utf-8")).get("published") if gold.exists() else None
        texts.append((txt.read_text(encoding="utf-8"), published))
    for sample in sample_paths():
        texts += [(d.text, (d.published or "")[:10] or None) for d in read_source(str(sample)) if isinstance(d, Document)]
    return texts, arabic, english


def stage_pass(texts, stages) -> dict[str, float]:
    """Seconds per stage over all ``texts``, each stage applied to every document before the next."""
    docs = [Doc(Document(t, published=p)) for t, p in texts]
    out = {}
    for info in stages:
        start = time.perf_counter()
        docs = [info.fn(d) for d in docs]
        out[info.name] = time.perf_counter() - start
    out["tokens"] = sum(len(d.tokens) for d in docs)
    return out


def run() -> dict:
    texts, arabic, english = corpus()
    start = time.perf_counter()
    bare_tokens = sum(len(TOKEN.findall(t)) for t, _ in texts)
    bare_s = time.perf_counter() - start
    pipeline = build_pipeline()
    stages = [s for s in pipeline.stages if s.name in LAYER]
    load = time.perf_counter()
    pipeline(Doc(Document("تمهيد. Warm-up.")))  # gazetteer, actors and names models load once, outside the timing
    load_s = time.perf_counter() - load
    result = {"documents": len(texts), "characters": sum(len(t) for t, _ in texts), "bare_tokens": bare_tokens,
              "bare_tokens_per_s": round(bare_tokens / bare_s), "model_load_seconds": round(load_s, 2)}
    for label in ("cold", "warm"):
        times = stage_pass(texts, stages)
        tokens = times.pop("tokens")
        total = sum(times.values())
        result[label] = {"tokens": tokens, "layer_tokens_per_s": round(tokens / total),
                         "ratio_layer_over_bare": round(total / bare_s, 1),
                         "stages": {name: {"tokens_per_s": round(tokens / s), "share": round(s / total, 3)}
                                    for name, s in times.items()}}
    ar = NameTagger.load()
    for name, tag, sentences in (("ar_names_model", ar.tag_sentences, arabic),
                                 ("ar_context_encoder", ar.encoder.text_vectors if ar.encoder else None, arabic),
                                 ("en_recogniser", EnglishNameTagger.load().tag_sentences,
                                  [s for d in english for s in d])):
        if sentences and tag:
            start = time.perf_counter()
            tag(sentences)
            s = time.perf_counter() - start
            result[name] = {"tokens": sum(map(len, sentences)), "tokens_per_s": round(sum(map(len, sentences)) / s)}
    result["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    r = run()
    if args.json:
        print(json.dumps(r, indent=1))
        return
    print(f"{r['documents']} documents, {r['characters']} characters; bare pass {r['bare_tokens_per_s']} tokens/s/core")
    for label in ("cold", "warm"):
        p = r[label]
        print(f"{label}: language layer {p['layer_tokens_per_s']} tokens/s/core "
              f"({p['ratio_layer_over_bare']}x the bare pass) over {p['tokens']} tokens")
        for name, s in p["stages"].items():
            print(f"  {name:<14} {s['tokens_per_s']:>9} tokens/s/core  {100 * s['share']:5.1f}% of the layer")
    for name in ("ar_names_model", "ar_context_encoder", "en_recogniser"):
        if name in r:
            print(f"{name} alone (warm caches): {r[name]['tokens_per_s']} tokens/s/core over {r[name]['tokens']} tokens")
    print(f"max RSS {r['max_rss_mb']} MB; models loaded in {r['model_load_seconds']} s")
    if not (SHARED / "data").is_dir():
        print("(../shared is missing: ANERcorp and the dev articles were left out)", file=sys.stderr)


if __name__ == "__main__":
    main()
