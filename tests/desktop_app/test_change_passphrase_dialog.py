"""Change the key passphrase: a key file that cannot be written is said in the dialog."""

from __future__ import annotations

from surveys import keys

PASSPHRASE = "correct horse battery"


def test_a_key_file_that_cannot_be_written_is_said_and_nothing_changes(
    qtbot, tmp_path, monkeypatch
) -> None:
    """Writing the key again raised the share's OSError out of the dialog (only a
    RapportError was said): the dialog closed on nothing or the error reached the event
    loop. It is said in the dialog, which stays open, and the old passphrase still works."""
    from desktop_app.passphrase_dialog import ChangePassphraseDialog

    keys.ensure_keypair(tmp_path, PASSPHRASE)
    before = keys.key_path(tmp_path).read_bytes()

    def unreachable(*_args, **_kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(keys, "atomic_write", unreachable)
    dialog = ChangePassphraseDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.old_edit.setText(PASSPHRASE)
    dialog.new_edit.setText("a brand new passphrase")
    dialog.confirm_edit.setText("a brand new passphrase")
    dialog.accept()
    said = dialog.error.text()
    assert dialog.isVisible() and dialog.result() == 0
    assert "Input/output error" in said and str(keys.key_path(tmp_path)) in said
    assert "the passphrase was not changed" in said
    assert keys.key_path(tmp_path).read_bytes() == before
