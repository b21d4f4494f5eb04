"""The import wizard on a new workspace, shown: the ``wizard`` fixture that the wizard's
test files share (each imports :func:`shown_wizard`)."""

from __future__ import annotations

import pytest

from desktop_app.context import WorkspaceContext
from desktop_app.import_wizard import ImportWizard
from tests.surveys.importing.helpers import new_workspace


@pytest.fixture(name="wizard")
def shown_wizard(tmp_path, qtbot):
    context = WorkspaceContext()
    context.open(new_workspace(tmp_path / "ws"))
    dialog = ImportWizard(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    context.shutdown()
