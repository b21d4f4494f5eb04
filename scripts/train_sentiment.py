"""Train Rapport's sentiment model and validate it by source; write the shipped weights.

Usage::

    .venv/bin/python scripts/train_sentiment.py --corpus workplace_train.csv \
        [--ground-truth VADER_GT_FOLDER] [--out analysis/data/sentiment_model.npz] \
        [--no-write] [--save-outputs OUT.npz] [--set NAME=VALUE ...] [--tuning-only]
        [--sample FRACTION]

``--corpus`` is the training corpus: a UTF-8 CSV with columns ``text,label,source``
(``positive`` / ``negative``), 60,000 real employee-review pros and cons from 12 sources.
It is not part of the repository and never shipped; only the weights learned from it are.
Rapport's own labelled comments (``analysis/data/workplace_*.csv``) give the neutral class.

What it prints (every figure is 2-class macro-F1 with neutral predictions counted as
errors, as ``rapport eval-sentiment`` computes it, unless it says 3-class):

1. leave-one-source-out: for each of the 12 sources, a model trained on the 11 others
   (and Rapport's training comments) scores it; stock VADER and Rapport's lexicon beside;
2. the held-out group (:data:`HELD_OUT`): a model trained on the other 9 sources scores
   those 3 sources; this group is never used to choose anything;
3. Rapport's own comments: 5-fold out-of-fold figures on the training comments (what the
   shrink is chosen on), and the validation set, the labelled test split and the request
   test split (never trained on);
4. with ``--ground-truth``: Pearson r with the human means of VADER's four ground-truth
   sets (tweets, movie, amazon, nyt);
5. the shipped model: trained on all 12 sources and Rapport's training comments, with the
   confidence table from the out-of-source and out-of-fold scores of steps 1 and 3.

Every model is fitted deterministically (fixed seeds, liblinear), so a rerun writes the
same weights. Takes 10-20 minutes on two cores.

For research: ``--tuning-only`` prints only leave-one-source-out over the 9 sources outside
the held-out group (each trained on the other 8; what every setting was chosen on) and
writes no weights (``--save-outputs`` keeps its out-of-source ingredients); ``--set
NAME=VALUE`` changes a :class:`TrainingConfig` setting (e.g. ``--set polarity_c=4 --set
block_scales=1,0,0`` is the earlier model; ``--set min_sources=2`` keeps only the terms of
at least two sources or of Rapport's own comments); ``--sample 0.25`` keeps a quarter of each
source (label-balanced, seed 0) for a quick look.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from importlib import resources
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.sentiment.evaluation import evaluate  # noqa: E402
from analysis.sentiment.features import lexicon_features  # noqa: E402
from analysis.sentiment.labels import label_of  # noqa: E402
from analysis.sentiment.lexicon import lexicon_version  # noqa: E402
from analysis.sentiment.model import MODEL_FILE, SentimentModel, combine_score  # noqa: E402
from analysis.sentiment.model_file import save_model  # noqa: E402
from analysis.sentiment.scoring import rapport_analyzer, stock_analyzer  # noqa: E402
from analysis.sentiment.training import (  # noqa: E402
    CALIBRATION_EDGES,
    LabelledTexts,
    TrainingConfig,
    calibration_table,
    fit_model,
)

#: Sources never used to choose anything: the fixed held-out group.
HELD_OUT = ("glassdoor_honeywell_joeljogy", "indeed_chase_yichenz", "glassdoor_mk28468")
#: Shrink exponents tried on the out-of-fold own comments.
SHRINKS = (1.0, 1.5, 2.0, 3.0, 4.0, 6.0)
#: Blends whose ground-truth figures are printed (the setting is TrainingConfig.blend).
BLENDS = (0.6, 0.65, 0.7, 0.75, 0.8)
FOLDS = 5
#: A short comment for the figures of short texts: at most this many words (split on spaces).
SHORT_WORDS = 6
GROUND_TRUTH = {
    "tweets": "tweets_GroundTruth.txt",
    "movie": "movieReviewSnippets_GroundTruth.txt",
    "amazon": "amazonReviewSnippets_GroundTruth.txt",
    "nyt": "nytEditorialSnippets_GroundTruth.txt",
}


def read_corpus(path: Path) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Texts, labels and sources of the training corpus."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return (
        [r["text"] for r in rows],
        np.array([r["label"] for r in rows]),
        np.array([r["source"] for r in rows]),
    )


def own_rows(name: str) -> list[dict[str, str]]:
    """Rows of one of Rapport's labelled sets in ``analysis/data``."""
    path = resources.files("analysis") / "data" / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def own_sets() -> tuple[list[tuple[str, str]], dict[str, list[tuple[str, str]]]]:
    """Rapport's comments to train on, and the three checks never trained on."""
    labelled = own_rows("workplace_labelled.csv")
    train = [(r["text"], r["label"]) for r in labelled if r["split"] == "train"]
    for name in ("workplace_dev.csv", "workplace_dev2.csv", "workplace_dev3.csv"):
        train += [(r["text"], r["label"]) for r in own_rows(name)]
    change = own_rows("workplace_change.csv")
    checks = {
        "validation": [(r["text"], r["label"]) for r in own_rows("workplace_validation.csv")],
        "labelled test": [(r["text"], r["label"]) for r in labelled if r["split"] == "test"],
        "requests test": [
            (r["text"], r["label"])
            for r in own_rows("workplace_requests.csv")
            if r["split"] == "test"
        ],
        "change test": [(r["text"], r["label"]) for r in change if r["split"] == "test"],
    }
    return train, checks


def labelled(pairs, scorer) -> LabelledTexts:
    texts = [t for t, _ in pairs]
    return LabelledTexts(texts, np.array([y for _, y in pairs]), lexicon_features(scorer, texts))


def heads_of(model: SentimentModel, data: LabelledTexts) -> np.ndarray:
    """``p``, ``q`` and the lexicon's compound per text (the score's ingredients)."""
    p, q = model.heads(data.texts, data.lexicon)
    return np.column_stack([p, q, data.lexicon[:, 0]])


def score(settings, parts: np.ndarray, shrink: float | None = None) -> np.ndarray:
    """Scores from the ingredients, with the blend and shrink of ``settings`` (a model or a
    :class:`TrainingConfig`), or another ``shrink``."""
    shrink = settings.shrink if shrink is None else shrink
    return combine_score(parts[:, 0], parts[:, 1], parts[:, 2], settings.blend, shrink)


def f1(given, scores, classes: int = 2) -> float:
    given = list(given)
    predicted = [label_of(float(s)) for s in scores]
    if classes == 2:
        keep = [i for i, g in enumerate(given) if g != "neutral"]
        given, predicted = [given[i] for i in keep], [predicted[i] for i in keep]
    return evaluate(given, predicted).macro_f1


def leave_sources_out(real: LabelledTexts, sources, own: LabelledTexts, config) -> dict:
    """Out-of-source ingredients of every real text (each source scored by the others)."""
    parts = np.zeros((len(real), 3))
    for source in sorted(set(sources), key=lambda s: -np.sum(sources == s)):
        start = time.perf_counter()
        out = sources == source
        model = fit_model(real.subset(~out), own, config)
        parts[out] = heads_of(model, real.subset(out))
        print(f"  left out {source} ({time.perf_counter() - start:.0f} s)", flush=True)
    return parts


def own_out_of_fold(real: LabelledTexts, own: LabelledTexts, config) -> np.ndarray:
    """Out-of-fold ingredients of Rapport's training comments (stratified folds, seed 0)."""
    from sklearn.model_selection import StratifiedKFold

    parts = np.zeros((len(own), 3))
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=0)
    for train, _test in folds.split(own.texts, own.labels):
        keep = np.zeros(len(own), bool)
        keep[train] = True
        model = fit_model(real, own.subset(keep), config)
        parts[~keep] = heads_of(model, own.subset(~keep))
    return parts


def baselines(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    stock = stock_analyzer().scorer
    rapport = rapport_analyzer().scorer
    return (
        np.array([stock.compound(t) for t in texts]),
        np.array([rapport.compound(t) for t in texts]),
    )


def print_source_table(title, real, sources, parts, model, base) -> None:
    stock, lexicon = base
    print(f"\n{title}")
    print("| source | texts | stock VADER | Rapport lexicon | learned model |")
    print("|---|---|---|---|---|")
    rows = []
    for source in sorted(set(sources), key=lambda s: -np.sum(sources == s)):
        m = sources == source
        y = real.labels[m]
        row = (f1(y, stock[m]), f1(y, lexicon[m]), f1(y, score(model, parts[m])))
        rows.append(row)
        print(f"| {source} | {m.sum():,} | " + " | ".join(f"{x:.3f}" for x in row) + " |")
    mean = np.mean(rows, axis=0)
    print("| mean over sources | | " + " | ".join(f"{x:.3f}" for x in mean) + " |")
    y = real.labels
    pooled = (f1(y, stock), f1(y, lexicon), f1(y, score(model, parts)))
    print(f"| all texts pooled | {len(y):,} | " + " | ".join(f"{x:.3f}" for x in pooled) + " |")
    short = np.array([len(t.split()) <= SHORT_WORDS for t in real.texts])
    ys, ours = y[short], score(model, parts[short])
    figures = (f1(ys, stock[short]), f1(ys, lexicon[short]), f1(ys, ours))
    print(
        f"| short texts (≤ {SHORT_WORDS} words) pooled | {short.sum():,} | "
        + " | ".join(f"{x:.3f}" for x in figures)
        + " |"
    )


def choose_shrink(model, own: LabelledTexts, own_parts, real: LabelledTexts, real_parts):
    """The shrink with the best mean of own 3-class (out-of-fold) and real 2-class figures."""
    print("\nShrink (how strongly the neutral head pulls a score to 0), band ±0.05:")
    print("| shrink | own comments, out-of-fold, 3-class | real, out-of-source, 2-class |")
    print("|---|---|---|")
    best, best_value = None, -1.0
    for shrink in SHRINKS:
        own_f1 = f1(own.labels, score(model, own_parts, shrink), 3)
        real_f1 = f1(real.labels, score(model, real_parts, shrink))
        print(f"| {shrink:g} | {own_f1:.3f} | {real_f1:.3f} |")
        if (own_f1 + real_f1) / 2 > best_value:
            best, best_value = shrink, (own_f1 + real_f1) / 2
    print(f"chosen shrink: {best:g}")
    return best


def print_checks(model, checks: dict[str, LabelledTexts]) -> None:
    print("\nRapport's own comments never trained on (accuracy is not shown; macro-F1):")
    print(
        "| set | texts | stock 2-class | lexicon 2-class | model 2-class "
        "| stock 3-class | lexicon 3-class | model 3-class |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, data in checks.items():
        stock, lexicon = baselines(data.texts)
        ours = model.scores(data.texts, data.lexicon)
        figures = [f1(data.labels, s, 2) for s in (stock, lexicon, ours)]
        figures += [f1(data.labels, s, 3) for s in (stock, lexicon, ours)]
        print(f"| {name} | {len(data)} | " + " | ".join(f"{x:.3f}" for x in figures) + " |")


def print_ground_truth(model, folder: Path, scorer, real: tuple) -> None:
    """Pearson r on VADER's ground truth; then the same and the real out-of-source macro-F1
    (the 9 tuning sources) for other blends, the evidence behind the blend setting."""
    print("\nVADER ground truth, Pearson r with the human mean:")
    print("| set | texts | stock VADER | Rapport lexicon | learned model |")
    print("|---|---|---|---|---|")
    sets = {}
    for name, filename in GROUND_TRUTH.items():
        texts, means = [], []
        with (folder / filename).open(encoding="utf-8", errors="replace", newline="") as h:
            for line in h:
                fields = line.rstrip("\r\n").split("\t")
                if len(fields) >= 3:
                    means.append(float(fields[1]) / 4)
                    texts.append(fields[2])
        stock, lexicon = baselines(texts)
        data = LabelledTexts(texts, np.array(means), lexicon_features(scorer, texts))
        sets[name] = (heads_of(model, data), data.labels)
        ours = score(model, sets[name][0])
        rs = [np.corrcoef(s, means)[0, 1] for s in (stock, lexicon, ours)]
        print(f"| {name} | {len(texts):,} | " + " | ".join(f"{r:.3f}" for r in rs) + " |")
    labels, parts = real
    print("\nBlend (the model's share against the lexicon's compound):")
    print("| blend | " + " | ".join(sets) + " | real, out-of-source, 2-class |")
    print("|---" * (len(sets) + 2) + "|")
    for blend in BLENDS:
        settings = TrainingConfig(blend=blend, shrink=model.shrink)
        rs = [np.corrcoef(score(settings, p), means)[0, 1] for p, means in sets.values()]
        real_f1 = f1(labels, score(settings, parts))
        print(f"| {blend:g} | " + " | ".join(f"{r:.3f}" for r in rs) + f" | {real_f1:.3f} |")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--ground-truth", type=Path)
    default_out = Path(__file__).resolve().parents[1] / "analysis" / "data" / MODEL_FILE
    parser.add_argument("--out", type=Path, default=default_out)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--save-outputs", type=Path)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--tuning-only", action="store_true")
    parser.add_argument("--sample", type=float, default=1.0, metavar="FRACTION")
    return parser.parse_args()


def config_from(settings: list[str]) -> TrainingConfig:
    """The shipped settings with ``NAME=VALUE`` changes (numbers, or tuples as ``1,0.5``)."""
    changes = {}
    for setting in settings:
        name, _, value = setting.partition("=")
        default = getattr(TrainingConfig(), name, None)
        if default is None or not value:
            raise SystemExit(
                f"--set {setting}: expected NAME=VALUE with NAME a TrainingConfig field"
            )
        if isinstance(default, tuple):
            changes[name] = tuple(float(v) for v in value.split(","))
        else:
            changes[name] = type(default)(value)
    return TrainingConfig(**changes)


def sample_rows(labels: np.ndarray, sources: np.ndarray, fraction: float) -> np.ndarray:
    """Indices of ``fraction`` of each source and label (seed 0), in corpus order."""
    rng = np.random.default_rng(0)
    keep = []
    for key in sorted(set(zip(sources, labels, strict=True))):
        rows = np.flatnonzero((sources == key[0]) & (labels == key[1]))
        keep.append(rng.choice(rows, max(1, round(len(rows) * fraction)), replace=False))
    return np.sort(np.concatenate(keep))


def tuning_sources_out(real: LabelledTexts, sources, own: LabelledTexts, config) -> dict:
    """Leave one source out over the sources outside the held-out group (never the group);
    returns the out-of-source ingredients and labels (for ``--save-outputs``)."""
    tune = ~np.isin(sources, HELD_OUT)
    data, tuned = real.subset(tune), sources[tune]
    parts = leave_sources_out(data, tuned, own, config)
    print_source_table(
        f"Leave one source out over the {len(set(tuned))} tuning sources "
        f"(train on {len(set(tuned)) - 1}, score the other; shrink {config.shrink:g}):",
        data,
        tuned,
        parts,
        config,
        baselines(data.texts),
    )
    return {"real": parts, "real_labels": data.labels, "sources": tuned, "tune": tune}


def _print_tables(model, real, sources, parts, base) -> None:
    """Every source's figures: left out one at a time, then the held-out group."""
    real_parts, group_parts = parts
    group = np.isin(sources, HELD_OUT)
    print_source_table(
        "Leave one source out (train on 11 sources, score the 12th):",
        real,
        sources,
        real_parts,
        model,
        base,
    )
    print_source_table(
        f"Held-out group (train on the other {len(set(sources)) - len(HELD_OUT)} sources):",
        real.subset(group),
        sources[group],
        group_parts,
        model,
        (base[0][group], base[1][group]),
    )


def _calibrate(model, real, own, tune, parts) -> None:
    """The confidence table, from the out-of-source and out-of-fold scores (not the group)."""
    real_parts, own_parts = parts
    all_scores = np.concatenate([score(model, real_parts[tune]), score(model, own_parts)])
    all_labels = np.concatenate([real.labels[tune], own.labels])
    share = len(own) / int(tune.sum())
    weights = np.concatenate([np.full(int(tune.sum()), share), np.ones(len(own))])
    model.calibration_edges = CALIBRATION_EDGES
    model.calibration = calibration_table(all_scores, all_labels, weights)


def _write(args, model, outputs: dict) -> None:
    if args.save_outputs:
        np.savez(args.save_outputs, **outputs)
    if not args.no_write:
        digest = save_model(model, args.out)
        size = args.out.stat().st_size
        print(
            f"\nwrote {args.out} ({size / 1e6:.2f} MB, {model.term_count:,} terms, digest {digest})"
        )


def main() -> None:
    args = _arguments()
    started = time.perf_counter()
    scorer = rapport_analyzer().scorer
    config = config_from(args.set)
    texts, labels, sources = read_corpus(args.corpus)
    if args.sample < 1:
        keep = sample_rows(labels, sources, args.sample)
        texts, labels, sources = [texts[i] for i in keep], labels[keep], sources[keep]
    real = LabelledTexts(texts, labels, lexicon_features(scorer, texts), sources)
    own_pairs, check_pairs = own_sets()
    own = labelled(own_pairs, scorer)
    print(f"{len(real):,} real texts from {len(set(sources))} sources, {len(own)} own comments")
    print(f"settings: {config}")
    if args.tuning_only:
        outputs = tuning_sources_out(real, sources, own, config)
        if args.save_outputs:
            np.savez(args.save_outputs, **outputs)
        print(f"done in {time.perf_counter() - started:.0f} s")
        return
    checks = {name: labelled(pairs, scorer) for name, pairs in check_pairs.items()}

    print("Leave one source out:")
    real_parts = leave_sources_out(real, sources, own, config)
    print("Own comments, out of fold:")
    own_parts = own_out_of_fold(real, own, config)
    print("Held-out group:")
    group = np.isin(sources, HELD_OUT)
    group_parts = heads_of(fit_model(real.subset(~group), own, config), real.subset(group))
    model = fit_model(real, own, config)
    tune = ~group  # the held-out group chooses nothing and calibrates nothing
    model.shrink = choose_shrink(model, own, own_parts, real.subset(tune), real_parts[tune])
    _print_tables(model, real, sources, (real_parts, group_parts), baselines(real.texts))
    print_checks(model, checks)
    if args.ground_truth:
        print_ground_truth(model, args.ground_truth, scorer, (real.labels[tune], real_parts[tune]))
    _calibrate(model, real, own, tune, (real_parts, own_parts))
    model.meta = {
        "lexicon_version": lexicon_version(),
        "trained_on": f"{len(real)} real texts from {len(set(sources))} sources, "
        f"{len(own)} Rapport comments",
        "config": config.__dict__ | {"shrink": model.shrink},
    }
    outputs = {"real": real_parts, "own": own_parts, "group": group_parts}
    outputs |= {"real_labels": real.labels, "own_labels": own.labels, "sources": sources}
    _write(args, model, outputs)
    print(f"done in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
