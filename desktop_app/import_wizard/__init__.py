"""File › Import responses…: the import wizard (see :mod:`.wizard`)."""

from desktop_app.import_wizard.wizard import ImportWizard

__all__ = ["ImportWizard"]
