"""The sections of the HR window, one module per section.

What belongs here: each section as a :class:`~.base.Panel` subclass (listed, in order, in
:data:`desktop_app.main_window.PANELS`), the pair's page (:mod:`.pair_page`, shown over the
sections), and modules that split a large page (:mod:`.pair_actions`, :mod:`.pulses_publish`).
A panel reads through :mod:`surveys` and :mod:`analysis` (no SQL), starts long work as a job
through the :class:`~desktop_app.context.WorkspaceContext`, announces its writes with
``data_changed(Changes, initiator)`` and re-reads in ``_on_context_data_changed``.
Reusable pieces belong in :mod:`desktop_app.widgets` and :mod:`desktop_app.models`.
"""
