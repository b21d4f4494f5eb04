"""General-English guard: the learned model keeps VADER's ground-truth correlations.

The floors are the issue's: at least the VADER paper's Pearson r on movie reviews (0.451)
and Amazon reviews (0.565), at least 0.47 on NYT editorials and 0.80 on tweets (stock
VADER: 0.422, 0.571, 0.490, 0.878). The model blends in the lexicon's score for this.
"""

from __future__ import annotations

import math

import pytest

from analysis import sentiment
from tests.conftest import SHARED

GT = SHARED / "data" / "vader_gt"
FLOORS = {
    "tweets_GroundTruth.txt": 0.80,
    "movieReviewSnippets_GroundTruth.txt": 0.451,
    "amazonReviewSnippets_GroundTruth.txt": 0.565,
    "nytEditorialSnippets_GroundTruth.txt": 0.47,
}


def pearson(xs: list[float], ys: list[float]) -> float:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return sxy / math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))


@pytest.mark.skipif(not GT.is_dir(), reason=f"VADER ground-truth sets not found at {GT}")
@pytest.mark.parametrize("filename", FLOORS)
def test_pearson_r_holds_the_floor(filename):
    texts, means = [], []
    with (GT / filename).open(encoding="utf-8", errors="replace", newline="") as handle:
        for line in handle:
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) >= 3:
                means.append(float(fields[1]) / 4)
                texts.append(fields[2])
    assert len(texts) > 3000
    assert pearson(sentiment.score_texts(texts), means) >= FLOORS[filename]
