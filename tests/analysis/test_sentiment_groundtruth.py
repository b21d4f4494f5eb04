"""Regression guard: workplace additions must not make general English worse (VADER's sets)."""

from __future__ import annotations

import math

import pytest

from analysis import sentiment
from tests.conftest import SHARED

GT = SHARED / "data" / "vader_gt"
FILES = [
    "tweets_GroundTruth.txt",
    "movieReviewSnippets_GroundTruth.txt",
    "amazonReviewSnippets_GroundTruth.txt",
    "nytEditorialSnippets_GroundTruth.txt",
]


def pearson(xs: list[float], ys: list[float]) -> float:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return sxy / math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))


@pytest.mark.skipif(not GT.is_dir(), reason=f"VADER ground-truth sets not found at {GT}")
@pytest.mark.parametrize("filename", FILES)
def test_pearson_r_no_more_than_001_below_stock_vader(filename):
    texts, means = [], []
    with (GT / filename).open(encoding="utf-8", errors="replace", newline="") as handle:
        for line in handle:
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) >= 3:
                means.append(float(fields[1]) / 4)
                texts.append(fields[2])
    assert len(texts) > 3000
    stock = [sentiment.stock_analyzer().polarity_scores(t)["compound"] for t in texts]
    ours = sentiment.score_texts(texts)
    assert pearson(ours, means) >= pearson(stock, means) - 0.01
