"""The sentiment model's weights file: a compressed NPZ of plain arrays, never pickles.

:func:`save_model` writes a :class:`~analysis.sentiment.model.SentimentModel` (the
training script does, ``scripts/train_sentiment.py``) and returns the digest of its
weights, which names the model version in the comment cache; :func:`read_model` reads it
back with ``numpy.load(..., allow_pickle=False)`` and refuses another layout
(:data:`~analysis.sentiment.model.FORMAT`), other term blocks or other lexicon features.
The layout is described in ``docs/sentiment.md``.
"""

from __future__ import annotations

import hashlib
import io
import json

import numpy as np

from analysis.sentiment.features import BLOCKS, LEXICON_FEATURES
from analysis.sentiment.model import FORMAT, Head, SentimentModel, TermBlock


def save_model(model: SentimentModel, path) -> str:
    """Write ``model`` as a compressed NPZ file (no pickled objects) and return its digest.

    Parameters
    ----------
    model : SentimentModel
        The model; its ``meta`` is written with the digest of the weights added.
    path : str or Path
        The file to write.

    Returns
    -------
    str
        The first 12 hex digits of the SHA-256 of the weights (terms and numbers).
    """
    arrays = {
        "calibration_edges": model.calibration_edges.astype(np.float32),
        "calibration": model.calibration.astype(np.float32),
        "block_scales": np.array([b.scale for b in model.blocks], dtype=np.float64),
    }
    for block in model.blocks:
        arrays[f"{block.name}_terms"] = np.frombuffer(
            "\n".join(block.terms).encode("utf-8"), dtype=np.uint8
        )
        arrays[f"{block.name}_idf"] = block.idf.astype(np.float32)
        arrays[f"{block.name}_weights"] = block.weights.astype(np.float32)
        arrays[f"{block.name}_bigram_keys"] = block.bigrams[0].astype(np.int64)
        arrays[f"{block.name}_bigram_columns"] = block.bigrams[1].astype(np.int32)
    for name in ("polarity", "neutral"):
        head: Head = getattr(model, name)
        arrays[f"{name}_lexicon"] = head.lexicon.astype(np.float32)
        arrays[f"{name}_bias"] = np.array([head.bias], dtype=np.float64)
    arrays["combine"] = np.array([model.blend, model.shrink], dtype=np.float64)
    digest = hashlib.sha256()
    for name in sorted(arrays):
        digest.update(name.encode())
        digest.update(arrays[name].tobytes())
    meta = {**model.meta, "format": FORMAT, "digest": digest.hexdigest()[:12]}
    meta["blocks"] = [block.name for block in model.blocks]
    arrays["meta"] = np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), np.uint8)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    with open(path, "wb") as handle:
        handle.write(buffer.getvalue())
    model.meta = meta
    return meta["digest"]


def read_model(source) -> SentimentModel:
    """Read a model written by :func:`save_model` (never unpickles anything).

    Parameters
    ----------
    source : str, Path or binary file
        The NPZ file.

    Returns
    -------
    SentimentModel

    Raises
    ------
    ValueError
        If the file is not a sentiment model of this format.
    """
    with np.load(source, allow_pickle=False) as data:
        meta = json.loads(bytes(data["meta"]).decode("utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"sentiment model format {meta.get('format')!r}, expected {FORMAT}")
        if tuple(meta.get("blocks", ())) != BLOCKS:
            raise ValueError(
                f"sentiment model term blocks {meta.get('blocks')!r}, expected {BLOCKS}"
            )
        scales = data["block_scales"]
        blocks = [
            TermBlock(
                name,
                bytes(data[f"{name}_terms"]).decode("utf-8").split("\n"),
                data[f"{name}_idf"],
                data[f"{name}_weights"],
                float(scales[i]),
                (data[f"{name}_bigram_keys"], data[f"{name}_bigram_columns"].astype(np.int64)),
            )
            for i, name in enumerate(BLOCKS)
        ]
        heads = {
            name: Head(data[f"{name}_lexicon"], float(data[f"{name}_bias"][0]))
            for name in ("polarity", "neutral")
        }
        blend, shrink = (float(x) for x in data["combine"])
        model = SentimentModel(
            blocks=blocks,
            polarity=heads["polarity"],
            neutral=heads["neutral"],
            blend=blend,
            shrink=shrink,
            calibration_edges=data["calibration_edges"].astype(np.float64),
            calibration=data["calibration"].astype(np.float64),
            meta=meta,
        )
    if len(model.polarity.lexicon) != len(LEXICON_FEATURES):
        raise ValueError("sentiment model was trained on other lexicon features")
    return model
