"""One module per `rapport` subcommand, listed in :data:`desktop_app.cli.COMMANDS`.

Each module defines ``register(subparsers)``, which adds its subparser and sets
``func=run``; :mod:`~desktop_app.commands.selftest` adds the ``--self-test`` option
instead. Command modules import heavy packages (the analysis engine, Qt) inside their
``run`` function, so `rapport --help` and the respondent start quickly.

Modules without ``register`` are helpers the commands share: :mod:`.textcsv` (text CSV
files) and :mod:`.progress_printer` (the one way commands show progress). They stay Qt-free.
"""


class UserError(Exception):
    """An error whose message tells the user what is wrong and what to do.

    The command line prints it as one line and exits with status 2, as it does for
    :class:`surveys.errors.RapportError`.
    """
