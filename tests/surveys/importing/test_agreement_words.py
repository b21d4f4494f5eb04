"""The agreement scale worded in other languages (a form made in German, French...):
known words, so the scale needs no checking."""

from __future__ import annotations

import pytest

from surveys.importing.scales import normalise_answer, scale_kind, suggest_scale
from tests.desktop_app.import_variant_helpers import run
from tests.surveys.csv_helpers import rows
from tests.surveys.importing.helpers import new_workspace

LADDERS = {
    "German": (
        "Stimme überhaupt nicht zu",
        "Stimme nicht zu",
        "Weder noch",
        "Stimme zu",
        "Stimme voll und ganz zu",
    ),
    "French": (
        "Pas du tout d’accord",
        "Pas d'accord",
        "Ni d'accord ni pas d'accord",
        "D’accord",
        "Tout à fait d'accord",
    ),
    "Spanish": (
        "Totalmente en desacuerdo",
        "En desacuerdo",
        "Ni de acuerdo ni en desacuerdo",
        "De acuerdo",
        "Totalmente de acuerdo",
    ),
    "Italian": (
        "Fortemente in disaccordo",
        "In disaccordo",
        "Né d'accordo né in disaccordo",
        "D'accordo",
        "Fortemente d'accordo",
    ),
    "Dutch": ("Helemaal oneens", "Oneens", "Neutraal", "Eens", "Helemaal eens"),
    "Portuguese": (
        "Discordo totalmente",
        "Discordo",
        "Nem concordo nem discordo",
        "Concordo",
        "Concordo totalmente",
    ),
    "Polish": (
        "Zdecydowanie się nie zgadzam",
        "Nie zgadzam się",
        "Nie mam zdania",
        "Zgadzam się",
        "Zdecydowanie się zgadzam",
    ),
}


@pytest.mark.parametrize("language", LADDERS)
def test_each_ladder_is_the_agreement_scale_for_certain(language) -> None:
    ladder = LADDERS[language]
    suggestion = suggest_scale("timely", ladder)
    assert (suggestion.name, suggestion.confidence, suggestion.unknown) == ("agreement", 1.0, [])
    assert [suggestion.values[normalise_answer(word)] for word in ladder] == [1, 2, 3, 4, 5]
    assert scale_kind(ladder) == "agreement"


def test_a_sheet_answered_in_german_imports_without_a_mapping(tmp_path, capsys) -> None:
    german = LADDERS["German"]
    path = tmp_path / "umfrage.csv"
    path.write_text(
        "Team,Submitted,IT replies in time,Sales replies in time\r\n"
        f"Sales,2025-12-01,{german[4]},\r\n"
        f"Operations,2025-12-02,{german[0]},{german[2]}\r\n",
        encoding="utf-8-sig",
        newline="",
    )
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path)  # the suggestion is certain
    assert code == 0, err
    assert sorted(rows(workspace, "SELECT value FROM answers")) == [(1,), (3,), (5,)]
