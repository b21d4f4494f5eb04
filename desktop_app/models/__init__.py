"""What the HR panels display, as Qt item models and plain view data.

What belongs here: ``QAbstractItemModel`` subclasses over analysis results
(:mod:`analysis.results`) and over data read through :mod:`surveys` and :mod:`analysis`
(``*_model.py``), and small plain-data builders for a panel (``*_data.py``). No SQL, no
widgets, and no heavy package at import time.
"""
