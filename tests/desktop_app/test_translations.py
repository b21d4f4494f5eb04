"""The English singular and plural forms (desktop_app/resources/translations/rapport_en.*)
are complete and compiled: every text with a count reads right for 1 and for 2."""

from __future__ import annotations

import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import update_translations as tools  # noqa: E402

needs_qt_tools = pytest.mark.skipif(
    not (
        Path(sys.executable).with_name("pyside6-lupdate").exists()
        or shutil.which("pyside6-lupdate")
    ),
    reason="Qt's translation tools are not installed",
)


def _messages(ts: Path) -> dict[tuple[str, str], list[str]]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            forms = [f.text or "" for f in message.iter("numerusform")]
            out[(context.findtext("name"), message.findtext("source"))] = forms
    return out


def test_every_text_with_a_count_has_both_english_forms() -> None:
    assert tools.missing_forms(tools.TS) == []
    messages = _messages(tools.TS)
    assert len(messages) >= 20
    for (context, source), (one, many) in messages.items():
        assert "%n" in many, (context, source)
        assert QCoreApplication.translate(context, source, "", 1) == one.replace("%n", "1")
        assert QCoreApplication.translate(context, source, "", 3) == many.replace("%n", "3")


@needs_qt_tools
def test_the_translation_file_lists_every_text_with_a_count(tmp_path) -> None:
    fresh = tmp_path / "rapport_en.ts"
    shutil.copy(tools.TS, fresh)
    tools.collect(fresh)  # as scripts/update_translations.py does, keeping the forms
    assert _messages(fresh) == _messages(tools.TS)


@needs_qt_tools
def test_the_compiled_file_is_up_to_date(tmp_path) -> None:
    compiled = tmp_path / "rapport_en.qm"
    tools.compile_forms(tools.TS, compiled)
    assert compiled.read_bytes() == tools.QM.read_bytes()
