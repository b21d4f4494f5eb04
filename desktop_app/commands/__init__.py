"""One module per `rapport` subcommand. Each defines ``register(subparsers)``.

Command modules import heavy packages (the analysis engine, Qt) inside their ``run``
function, so `rapport --help` and the respondent start quickly.
"""
