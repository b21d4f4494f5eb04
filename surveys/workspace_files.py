"""The name of a workspace's database file, in a module of its own.

:mod:`surveys.store` re-exports it as ``DB_NAME``; the modules the store itself imports
(the workspace checks, the host lock) take it from here, since they cannot import the
store. Standard library only, nothing else.
"""

from __future__ import annotations

#: The workspace's SQLite database, in the workspace folder.
DB_NAME = "rapport.db"
