"""One module per `rapport` subcommand. Each defines ``register(subparsers)``.

Modules without ``register`` are helpers the commands share, such as :mod:`.textcsv` (text
CSV files); they stay Qt-free.

Command modules import heavy packages (the analysis engine, Qt) inside their ``run``
function, so `rapport --help` and the respondent start quickly.
"""
