"""HR corrects N of an organisation's real comments: macro-F1 on the rest, before and after.

Used by ``bench/learned_labels_bench.py --simulate CORPUS.csv``. An "organisation" is one
source of the training corpus that the base model never saw: the base model is trained
(:func:`analysis.sentiment.training.fit_model`, the shipped settings) on the other
sources and Rapport's own training comments, and gets the shipped model's confidence
table. Then, for each way of choosing the comments HR corrects:

- ``random``: N comments drawn at random (5 seeds; the mean and the range are printed);
- ``review``: the N least certain comments first, as "Review next" and
  ``rapport labels suggest`` offer them (one run: the order is fixed);
- ``review, rounds of R``: the same, but HR corrects R comments, analyses again (the
  adapted model, where it is used, relabels the rest and gives their confidence, so the
  queue changes), corrects the next R least certain, and so on up to N;

the corrections get their true labels, :func:`analysis.sentiment.train_from_corrections`
adapts the base model to them (cross-validated against it, used only where better, as in
the product), and the labels Rapport then shows on the organisation's *other* comments are
compared with their true labels (2-class macro-F1, a neutral label counts as wrong, as in
``rapport eval-sentiment``). The base model's figure on the same "rest" is printed beside:
the review order leaves the hardest comments out of the rest, which alone raises it.

Training an organisation's base model takes one to three minutes. With ``base_cache`` (the
bench's ``--base-cache DIR``) each one is written to ``DIR`` in the weights' own format
(:func:`analysis.sentiment.model_file.save_model`, an NPZ of plain arrays) and read back
by later runs, under a name that changes with anything the base model depends on: the
organisation, the corpus file (size and modification time), ``MODEL_VERSION`` (the
lexicon, the rules and the shipped weights, whose shrink and confidence table the base
model takes), the training code and Rapport's own training comments. The model is always
used as read back from the file (float32 weights, as shipped), so a run that trains it and
a run that reuses it print the same figures.
"""

from __future__ import annotations

import csv
import hashlib
import statistics
import time
from functools import partial
from pathlib import Path

import numpy as np

#: Organisations simulated by default: the training script's held-out group, large enough
#: to leave a rest of thousands of comments.
DEFAULT_ORGANISATIONS = ("glassdoor_honeywell_joeljogy", "indeed_chase_yichenz")
SEEDS = range(5)
#: Corrections between two analyses in the "review order, rounds" simulation.
ROUND = 50


def _corpus(path: Path):
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return (
        [r["text"] for r in rows],
        np.array([r["label"] for r in rows]),
        np.array([r["source"] for r in rows]),
    )


def _base_model(texts, labels, sources, organisation):
    from train_sentiment import labelled, own_sets

    from analysis.sentiment import rapport_scorer
    from analysis.sentiment.features import lexicon_features
    from analysis.sentiment.model import load_model
    from analysis.sentiment.training import LabelledTexts, fit_model

    scorer = rapport_scorer()
    keep = sources != organisation
    chosen = [t for t, k in zip(texts, keep, strict=True) if k]
    real = LabelledTexts(chosen, labels[keep], lexicon_features(scorer, chosen))
    shipped = load_model()
    model = fit_model(real, labelled(own_sets()[0], scorer))
    model.shrink = shipped.shrink
    model.calibration_edges, model.calibration = shipped.calibration_edges, shipped.calibration
    return model


def base_cache_key(corpus: Path, organisation: str) -> str:
    """The file name of ``organisation``'s cached base model (see the module docstring)."""
    from analysis.sentiment import MODEL_VERSION

    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(MODEL_VERSION.encode())
    stat = Path(corpus).stat()
    digest.update(f"{Path(corpus).resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    code = ["analysis/sentiment/training.py", "analysis/sentiment/features.py"]
    code += ["scripts/train_sentiment.py"]
    for path in code + sorted(p.as_posix() for p in root.glob("analysis/data/workplace_*.csv")):
        digest.update((root / path).read_bytes())
    return f"{organisation}-{digest.hexdigest()[:12]}.npz"


def cached_base_model(cache: Path, key: str, train):
    """Read the base model ``cache / key``, or ``train()`` it, write it there and read it back."""
    from analysis.sentiment.model_file import read_model, save_model

    path = Path(cache) / key
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        save_model(train(), partial)
        partial.replace(path)
    return read_model(path)


def _f1(given, predicted) -> float:
    from analysis.sentiment.evaluation import evaluate

    return evaluate(list(given), list(predicted)).macro_f1


def _run(base, texts, labels, chosen, base_labels) -> dict:
    from analysis.sentiment import train_from_corrections
    from analysis.sentiment.learning import clear_feature_cache

    clear_feature_cache()
    rest = np.setdiff1d(np.arange(len(texts)), chosen)
    adapted = train_from_corrections(
        [texts[i] for i in chosen], [labels[i] for i in chosen], base=base
    )
    shown = [base_labels[i] for i in rest]
    if adapted is not None and adapted.use_model:
        shown = adapted.predict([texts[i] for i in rest])
    return {
        "base": _f1(labels[rest], [base_labels[i] for i in rest]),
        "shown": _f1(labels[rest], shown),
        "used": bool(adapted is not None and adapted.use_model),
        "cv": None if adapted is None else adapted.cv_macro_f1,
        "cv_base": None if adapted is None else adapted.base_macro_f1,
    }


def _review_rounds(base, texts, labels, base_labels, base_sure, n: int, size: int) -> dict:
    """HR corrects the ``size`` least certain comments, analyses again, and so on to ``n``."""
    from analysis.sentiment import train_from_corrections

    shown, sure = list(base_labels), np.asarray(base_sure, float)
    chosen = np.zeros(0, dtype=np.int64)
    scramble = (np.arange(len(texts)) * 2654435761) % 4294967296
    adapted = None
    while len(chosen) < n:
        done = set(chosen.tolist())
        order = [i for i in np.lexsort((scramble, sure)) if i not in done]
        chosen = np.concatenate([chosen, np.array(order[: min(size, n - len(chosen))])])
        adapted = train_from_corrections(
            [texts[i] for i in chosen], [labels[i] for i in chosen], base=base
        )
        shown, sure = list(base_labels), np.asarray(base_sure, float).copy()
        if adapted is not None and adapted.use_model:
            for i, (label, _score, confidence) in enumerate(adapted.predict_scored(texts)):
                shown[i], sure[i] = label, confidence
    rest = np.setdiff1d(np.arange(len(texts)), chosen)
    return {
        "base": _f1(labels[rest], [base_labels[i] for i in rest]),
        "shown": _f1(labels[rest], [shown[i] for i in rest]),
        "used": bool(adapted is not None and adapted.use_model),
        "cv": None if adapted is None else adapted.cv_macro_f1,
        "cv_base": None if adapted is None else adapted.base_macro_f1,
    }


def simulate(
    corpus: Path,
    organisations=DEFAULT_ORGANISATIONS,
    counts=(20, 50, 100, 200),
    base_cache: Path | None = None,
):
    """Print the simulation's table for each organisation (see the module docstring)."""
    from analysis.sentiment import label_of, rapport_scorer
    from analysis.sentiment.features import lexicon_features

    texts, labels, sources = _corpus(corpus)
    for organisation in organisations:
        start = time.perf_counter()
        train = partial(_base_model, texts, labels, sources, organisation)
        base = (
            cached_base_model(base_cache, base_cache_key(corpus, organisation), train)
            if base_cache
            else train()
        )
        mine = sources == organisation
        org_texts = [t for t, m in zip(texts, mine, strict=True) if m]
        org_labels = labels[mine]
        lexicon = lexicon_features(rapport_scorer(), org_texts)
        scores = base.scores(org_texts, lexicon)
        base_labels = [label_of(float(s)) for s in scores]
        sure = base.probabilities(scores)[
            np.arange(len(scores)),
            [("negative", "neutral", "positive").index(x) for x in base_labels],
        ]
        scramble = (np.arange(len(scores)) * 2654435761) % 4294967296
        review = np.lexsort((scramble, sure))
        print(
            f"\n{organisation}: {len(org_texts):,} comments; base model out of the box "
            f"{_f1(org_labels, base_labels):.3f} (trained without it; "
            f"{time.perf_counter() - start:.0f} s to train or read it)"
        )
        print(
            "| corrections | chosen | base on the rest | Rapport on the rest | gain "
            "| adapted model used | CV adapted vs base on the corrections |"
        )
        print("|---|---|---|---|---|---|---|")
        for n in counts:
            runs = [
                _run(
                    base,
                    org_texts,
                    org_labels,
                    np.random.default_rng(seed).choice(len(org_texts), n, replace=False),
                    base_labels,
                )
                for seed in SEEDS
            ]
            _print_row(n, f"random ({len(runs)} seeds)", runs)
        _print_row(
            counts[-1],
            "review order",
            [_run(base, org_texts, org_labels, review[: counts[-1]], base_labels)],
        )
        _print_row(
            counts[-1],
            f"review order, rounds of {ROUND}",
            [_review_rounds(base, org_texts, org_labels, base_labels, sure, counts[-1], ROUND)],
        )


def _print_row(n: int, how: str, runs: list[dict]) -> None:
    base = statistics.mean(r["base"] for r in runs)
    shown = [r["shown"] for r in runs]
    spread = f" ({min(shown):.3f}–{max(shown):.3f})" if len(runs) > 1 else ""
    cv = [(r["cv"], r["cv_base"]) for r in runs if r["cv"] is not None]
    cv_text = (
        f"{statistics.mean(c for c, _ in cv):.3f} vs {statistics.mean(b for _, b in cv):.3f}"
        if cv
        else "—"
    )
    print(
        f"| {n} | {how} | {base:.3f} | {statistics.mean(shown):.3f}{spread} | "
        f"{statistics.mean(shown) - base:+.3f} | {sum(r['used'] for r in runs)} of "
        f"{len(runs)} | {cv_text} |"
    )
