"""Rapport's survey layer (the bottom one): the instrument, the workspace's data, transport.

What belongs here:

- the instrument and its contracts: :mod:`.model` (item ids, scales, bands, the frozen
  dataclasses every layer shares) and :mod:`.templates` (``templates/*.yaml``);
- the workspace store: :mod:`.store` (open and create, settings) and :mod:`.migrations`;
- every read and write of plain workspace data that the GUI needs, so the GUI holds no SQL:
  :mod:`.actions`, :mod:`.pulses`, :mod:`.departments`, :mod:`.waves`, the pulse programme
  (:mod:`.programme`, :mod:`.programme_calendar`) and survey templates loaded into a
  workspace (:mod:`.custom_templates`);
- getting responses in: the response CSV (:mod:`.csv_import` and its helpers), the demo
  workspace (:mod:`.demo` and its helpers), and team mode over a shared folder
  (:mod:`.transport`, :mod:`.publish`, :mod:`.published`, :mod:`.outbox`, :mod:`.intake`,
  :mod:`.ingest`, :mod:`.keys`, :mod:`.submission`, :mod:`.blind_rsa`);
- what every layer above shares: :mod:`.progress` (the progress callback, ``Cancelled``),
  :mod:`.errors` (``RapportError``, errors meant for people) and :mod:`.paths`.

It uses the standard library and small helpers only (sqlite-utils, PyYAML, cryptography;
openpyxl only when an Excel file is read, gmpy2 for blind signing):
never the analysis engine, scikit-learn, NLTK or Qt (import-linter contracts in
``pyproject.toml``; see ``docs/architecture.md``). Anything computed from responses
belongs in :mod:`analysis`.
"""

__version__ = "0.1.0"
