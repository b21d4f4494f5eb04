"""Rapport's survey layer: the instrument, templates, the workspace store and transport.

This package uses only the standard library and small helpers (sqlite-utils, PyYAML,
cryptography). It never imports the analysis engine, scikit-learn or Qt.
"""

__version__ = "0.1.0"
