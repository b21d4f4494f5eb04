"""Where comments sit for topic discovery: TF-IDF weights and word vectors, numpy and SciPy.

1. **Vocabulary.** Terms (:mod:`analysis.topic_terms`) used by at least ``min_df`` and at
   most ``max_df`` of the fitting comments (:func:`document_limits`), the
   :data:`MAX_TERMS` most common at most.
2. **Weights.** Sublinear TF-IDF: a term's weight in a comment is ``1 + ln(count)``
   times ``1 + ln((1 + n) / (1 + df))``, so a repeated word counts less than twice and
   rare terms weigh more. (Okapi BM25 did as well within the noise between seeds; picked
   on three development corpora and scored on the fourth, sublinear TF-IDF was the pick
   for three of the four: see docs/themes.md.)
3. **Word vectors.** Positive pointwise mutual information of the :data:`PPMI_TERMS`
   most common terms, counted over comments (two terms co-occur when one comment uses
   both; a comment of ``m`` terms counts each of its pairs ``1 / (m - 1)``, so every term
   of it brings one unit of context, :func:`pair_counts`; the context counts are smoothed
   with the power :data:`CONTEXT_SMOOTHING`), then a randomized truncated SVD to at most
   :data:`DIMENSIONS` dimensions. Terms that are used
   together get similar vectors, so "delayed" and "late" land close even though a short
   comment rarely uses both, and words that go with every topic (left-over politeness,
   "flight" in complaints about flights) carry little direction.
4. **Comments.** A comment's coordinates are the TF-IDF-weighted sum of its terms' vectors,
   scaled to unit length (:meth:`Space.embed`). Corpora of :data:`SMALL_CORPUS` fitting
   comments or fewer have too few co-occurrences for word vectors; there each term is its
   own dimension (the TF-IDF rows, scaled to unit length).

Everything is plain numpy and ``scipy.sparse`` (no scikit-learn, whose import alone took
over a second of ``rapport analyze``) and seeded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from analysis.sparse_import import sparse

#: At most this many terms are counted (the most common ones).
MAX_TERMS = 20_000
#: Word vectors are learned for at most this many terms (the most common ones).
PPMI_TERMS = 6_000
#: Word-vector dimensions at most.
DIMENSIONS = 100
#: Context counts are raised to this power before PMI (damps rare contexts' high PMI).
CONTEXT_SMOOTHING = 0.75
#: Corpora with at most this many fitting comments use TF-IDF rows instead of word vectors.
SMALL_CORPUS = 25


def document_limits(n_docs: int, strict: bool = True) -> tuple[int, int]:
    """Least and most comments a term may be used by to be counted.

    Parameters
    ----------
    n_docs : int
        Fitting comments.
    strict : bool
        ``False`` keeps every term (the fallback when strict limits leave none).

    Returns
    -------
    tuple of int
        ``(min_df, max_df)``: ``min_df`` is 1 under 50 comments, else ``n/2000`` clamped to
        2..10; ``max_df`` is half the comments from 30 comments on.
    """
    if not strict:
        return 1, n_docs
    min_df = 1 if n_docs < 50 else max(2, min(10, n_docs // 2000))
    max_df = n_docs // 2 if n_docs >= 30 else n_docs
    return min_df, max_df


def learn_vocabulary(term_lists: Sequence[Sequence[str]], strict: bool = True) -> list[str]:
    """The counted terms of a fitting sample, in alphabetical order (see the module docs).

    Parameters
    ----------
    term_lists : sequence of sequence of str
        The terms of each fitting comment.
    strict : bool
        Apply :func:`document_limits` (``False`` keeps every term).

    Returns
    -------
    list of str
        Empty when no term passes.
    """
    df: Counter[str] = Counter()
    for terms in term_lists:
        df.update(set(terms))
    low, high = document_limits(len(term_lists), strict)
    kept = [t for t, c in df.items() if low <= c <= high]
    if len(kept) > MAX_TERMS:
        kept = sorted(kept, key=lambda t: (-df[t], t))[:MAX_TERMS]
    return sorted(kept)


def count_matrix(term_lists: Iterable[Sequence[str]], index: dict[str, int]) -> sparse.csr_matrix:
    """Term counts, one row per comment and one column per term of ``index``.

    Parameters
    ----------
    term_lists : iterable of sequence of str
        The terms of each comment; terms not in ``index`` are ignored.
    index : dict of str to int
        Column of each term.

    Returns
    -------
    scipy.sparse.csr_matrix of float32
    """
    indptr: list[int] = [0]
    indices: list[int] = []
    get = index.get
    for terms in term_lists:
        indices += [j for j in map(get, terms) if j is not None]
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (
            np.ones(len(indices), dtype=np.float32),
            np.asarray(indices, dtype=np.int32),
            np.asarray(indptr, dtype=np.int64),
        ),
        shape=(len(indptr) - 1, len(index)),
    )
    matrix.sum_duplicates()  # a term used twice counts 2
    return matrix


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """``matrix`` with every non-zero row scaled to unit length."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def randomized_svd(
    matrix, dims: int, seed: int, power_iterations: int = 2, oversample: int = 10
) -> tuple[np.ndarray, np.ndarray]:
    """The ``dims`` largest singular values and right singular vectors of ``matrix``.

    Halko, Martinsson and Tropp's randomized range finder with power iterations (each
    followed by a QR step, which keeps small singular directions from being lost).

    Parameters
    ----------
    matrix : ndarray or sparse matrix, shape (m, n)
    dims : int
        At most ``min(m, n)``.
    seed : int
        Seeds the random test matrix.
    power_iterations, oversample : int
        Accuracy settings; the defaults suit topic discovery (``topics-7``: two power
        iterations, which match four's topics at about 0.15 s less on 16,000 comments).

    Returns
    -------
    singular_values : ndarray, shape (dims,)
    right_vectors : ndarray, shape (dims, n)
    """
    rng = np.random.default_rng(seed)
    width = min(dims + oversample, min(matrix.shape))
    probe = rng.standard_normal((matrix.shape[1], width)).astype(np.float32)
    sample = np.asarray(matrix @ probe)
    for _ in range(power_iterations):
        sample = np.linalg.qr(sample)[0]
        sample = np.asarray(matrix @ np.linalg.qr(np.asarray(matrix.T @ sample))[0])
    basis = np.linalg.qr(sample)[0]
    small = np.asarray(matrix.T @ basis).T  # basis.T @ matrix, shape (width, n)
    _, values, right = np.linalg.svd(small, full_matrices=False)
    return values[:dims], right[:dims]


def pair_counts(binary: sparse.csr_matrix) -> sparse.csr_matrix:
    """How often two different terms are used by the same comment, by comment length.

    A comment using ``m`` counted terms gives each of them one unit of context, shared
    equally among its ``m - 1`` other terms: each pair in it counts ``1 / (m - 1)``. So a
    long comment, whose many pairs are mostly loosely related, weighs no more than a short
    one, and a comment with a single term counts nothing.

    Parameters
    ----------
    binary : scipy.sparse.csr_matrix, shape (n_docs, n_terms)
        1 where a comment uses a term.

    Returns
    -------
    scipy.sparse.csr_matrix of float32, shape (n_terms, n_terms)
        Symmetric, zero on the diagonal; row ``t`` sums to the number of comments with two
        or more terms that use ``t``.
    """
    others = np.maximum(np.diff(binary.indptr) - 1, 1).astype(np.float32)
    scaled = (sparse.diags(others**-0.5) @ binary).tocsr()
    # The transpose as CSR (from CSC): a CSR product, no conversion of its result; the
    # same sums in the same order as ``scaled.T @ scaled``.
    pairs = (scaled.tocsc().T @ scaled).tocsr()  # float32
    pairs.sort_indices()
    rows = np.repeat(np.arange(pairs.shape[0], dtype=np.int32), np.diff(pairs.indptr))
    pairs.data[rows == pairs.indices] = 0.0  # a term with itself
    pairs.eliminate_zeros()
    return pairs


def ppmi(binary: sparse.csr_matrix) -> sparse.csr_matrix:
    """Positive pointwise mutual information between terms used by the same comments.

    Parameters
    ----------
    binary : scipy.sparse.csr_matrix, shape (n_docs, n_terms)
        1 where a comment uses a term.

    Returns
    -------
    scipy.sparse.csr_matrix, shape (n_terms, n_terms)
        ``max(0, ln(c(a, b) N / (c(a) ctx(b))))`` for two different terms, where ``c(a, b)``
        is :func:`pair_counts`, ``c(a)`` its row sum, ``N`` the sum of all, and ``ctx``
        the row sums raised to :data:`CONTEXT_SMOOTHING` and rescaled to the same total.
    """
    pairs = pair_counts(binary)
    rows = np.repeat(np.arange(pairs.shape[0], dtype=np.int32), np.diff(pairs.indptr))
    data = pairs.data  # scaled in place: the matrix can hold millions of pairs
    own = np.bincount(rows, weights=data, minlength=pairs.shape[0])
    total = own.sum()
    context = own**CONTEXT_SMOOTHING
    context *= total / max(context.sum(), 1e-12)
    data *= (total / np.maximum(own, 1e-12)).astype(np.float32)[rows]
    data *= (1.0 / np.maximum(context, 1e-12)).astype(np.float32)[pairs.indices]
    np.log(data, out=data)
    np.maximum(data, 0.0, out=data)
    pairs.eliminate_zeros()
    return pairs


@dataclass
class Space:
    """How to weigh and place comments, learned from the fitting comments.

    ``vectors`` is ``None`` for a small corpus: comments are then placed by their unit
    TF-IDF rows.
    """

    names: list[str]  # the term of each column
    idf: np.ndarray  # inverse document frequency of each term
    vectors: np.ndarray | None  # word vector of each term, shape (n_terms, dims)

    @cached_property
    def index(self) -> dict[str, int]:
        """The column of each term."""
        return {name: i for i, name in enumerate(self.names)}

    def weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        """Sublinear TF-IDF weights of term ``counts`` (one row per comment)."""
        weights = counts.copy()
        weights.data = 1.0 + np.log(weights.data)
        return (weights @ sparse.diags(self.idf.astype(np.float32))).tocsr()

    def embed(self, counts: sparse.csr_matrix) -> np.ndarray:
        """Unit-length coordinates of comments (rows of term counts); zero rows stay zero."""
        weights = self.weigh(counts)
        coords = weights.toarray() if self.vectors is None else np.asarray(weights @ self.vectors)
        return unit_rows(coords).astype(np.float32)


def learn_space(counts: sparse.csr_matrix, names: list[str], seed: int) -> Space:
    """Inverse document frequencies and word vectors of the fitting comments' ``counts``.

    Parameters
    ----------
    counts : scipy.sparse.csr_matrix, shape (n_docs, n_terms)
        Term counts of the fitting comments (each with at least one term).
    names : list of str
        The term of each column.
    seed : int
        Seeds the SVD.

    Returns
    -------
    Space
    """
    n_docs = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    idf = 1.0 + np.log((1.0 + n_docs) / (1.0 + df))
    vectors = None
    if n_docs > SMALL_CORPUS:
        vectors = word_vectors(counts, df, seed)
    return Space(names, idf, vectors)


def word_vectors(counts: sparse.csr_matrix, df: np.ndarray, seed: int) -> np.ndarray | None:
    """Vectors of the :data:`PPMI_TERMS` most common terms (zero for the others).

    ``None`` when there are too few terms for more than one dimension.
    """
    n_terms = counts.shape[1]
    top = np.sort(np.argsort(-df, kind="stable")[:PPMI_TERMS])
    binary = counts[:, top].tocsr()
    binary.data[:] = 1.0
    pmi = ppmi(binary)
    dims = min(DIMENSIONS, len(top) - 1)
    if dims < 2 or pmi.nnz == 0:
        return None
    values, right = randomized_svd(pmi, dims, seed)
    vectors = np.zeros((n_terms, len(values)), dtype=np.float32)
    vectors[top] = (right.T * np.sqrt(values)).astype(np.float32)
    return vectors
