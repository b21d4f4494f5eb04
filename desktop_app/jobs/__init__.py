"""Long work away from the GUI thread: one job at a time, progress, a working Cancel.

What belongs here, one module per role:

* :mod:`~desktop_app.jobs.runner` (Qt): :class:`Job` and :class:`JobRunner`, which runs
  jobs one at a time, light ones on a worker thread, heavy ones in the worker process.
* :mod:`~desktop_app.jobs.worker` (no Qt): the worker process and its messages.
* :mod:`~desktop_app.jobs.outcome` (no Qt): :class:`Outcome`, the one vocabulary for how
  a job ended, and :func:`~desktop_app.jobs.outcome.run_work`, which turns work into one.
* :mod:`~desktop_app.jobs.throttle` (no Qt): the progress callback handed to the work,
  which raises ``Cancelled`` once Cancel was pressed and throttles reports.
* :mod:`~desktop_app.jobs.errors` (no Qt): :class:`UserFacingError`, a failure in words.

The contract every job keeps:

* A job receives the workspace *path* and plain data, never a connection or a widget (a
  SQLite connection belongs to its thread; a process job's arguments are pickled).
* Every signal of a :class:`Job` is emitted on the GUI thread, so any slot runs there.
  Heavy work never belongs in a ``succeeded`` slot: it would freeze the window.
* Closing the window cancels every job and ends the worker process
  (:meth:`JobRunner.shutdown`).

Import the names from their modules (``from desktop_app.jobs.runner import JobRunner``):
the worker process imports this package too, so it loads no Qt.
"""
