"""Rapport's analysis engine: sentiment, conflict language, themes, relationships, hotspots.

Headless by contract: nothing here imports Qt. Public functions take plain data (or a
workspace path) and a ``progress`` callback (see :mod:`surveys.progress`).
"""
