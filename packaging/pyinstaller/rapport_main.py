"""Entry script of the frozen Rapport bundle (PyInstaller): the `rapport` command.

``freeze_support`` must run first: the sentiment scorer starts worker processes with the
"spawn" method, and in a frozen program each worker is this executable started again with
multiprocessing's own arguments, which must not reach the command line parser.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from desktop_app.cli import console_main

    sys.exit(console_main())
