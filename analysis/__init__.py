"""Rapport's analysis engine: everything computed from responses.

What belongs here:

- the pipeline (:mod:`.pipeline`, the one entry point) and what it runs: the per-comment
  analysis (:mod:`.comment_analysis`), sentiment (the :mod:`.sentiment` package), conflict
  language, themes and discovered topics, the relationship matrix, trends, hotspots,
  drivers and summaries;
- the result model (:mod:`.results`) and the result store (:mod:`.result_store`);
- the privacy gate (:mod:`.privacy`, the only code that redacts or decides what may be
  shown) and its settings (:mod:`.privacy_settings`);
- what the HR window reads about comments and themes (:mod:`.comments_query`,
  :mod:`.theme_pairs`, :mod:`.taxonomy_setting`, the themes form's model
  :mod:`.taxonomy_form`, the change since an action :mod:`.action_effects`), as plain data;
- exports, publishing and the pulse programme's runs (the :mod:`.export` package); data
  files in ``data/``.

Headless by contract: nothing here imports Qt or :mod:`desktop_app`, so the command line,
tests and the GUI's worker process use it alike. Public functions take plain data (or a
workspace path) and a ``progress`` callback (:mod:`surveys.progress`). Plain reads and
writes of workspace data with no analysis in them belong in :mod:`surveys`. See
``docs/architecture.md``.
"""
