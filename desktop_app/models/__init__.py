"""Qt item models over analysis results (:mod:`analysis.results`)."""
