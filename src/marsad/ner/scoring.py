"""Entity-level precision, recall and F1 (exact span and type), with CoNLL's chunk rules.

A chunk starts at ``B-X``, or at ``I-X`` when the previous tag is not of type X (so a stray ``I-X``
after ``O`` counts as an entity, as conlleval counts it), and ends before the next tag that does not
continue it.
"""
from __future__ import annotations

from collections import Counter


def entities(tags: list[str]) -> set[tuple[int, int, str]]:
    """The ``(start, end, type)`` chunks of one BIO tag sequence (end exclusive)."""
    out: set[tuple[int, int, str]] = set()
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, t = tag.partition("-")
        continues = prefix == "I" and t == kind
        if start is not None and not continues:
            out.add((start, i, kind))
            start, kind = None, None
        if prefix in ("B", "I") and t and not continues:
            start, kind = i, t
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = 100.0 * tp / n_pred if n_pred else 0.0
    r = 100.0 * tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 2), "recall": round(r, 2), "f1": round(f, 2)}


def score(gold: list[list[str]], predicted: list[list[str]]) -> dict:
    """Overall and per-type scores in percent; ``per_type[X]`` also has the gold count ``support``."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold sequences but {len(predicted)} predicted")
    tp, n_pred, n_gold = Counter(), Counter(), Counter()
    for g, p in zip(gold, predicted):
        if len(g) != len(p):
            raise ValueError(f"sequence lengths differ: {len(g)} gold tags, {len(p)} predicted")
        ge, pe = entities(g), entities(p)
        n_gold.update(t for _, _, t in ge)
        n_pred.update(t for _, _, t in pe)
        tp.update(t for _, _, t in ge & pe)
    out = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    out["per_type"] = {t: {**_prf(tp[t], n_pred[t], n_gold[t]), "support": n_gold[t]}
                       for t in sorted(n_gold | n_pred)}
    return out
