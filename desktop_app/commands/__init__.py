"""One module per `rapport` subcommand. Each defines ``register(subparsers)``.

Modules without ``register`` are helpers the commands share: :mod:`.textcsv` (text CSV
files) and :mod:`.progress_printer` (the one way commands show progress). They stay Qt-free.

Command modules import heavy packages (the analysis engine, Qt) inside their ``run``
function, so `rapport --help` and the respondent start quickly.
"""
