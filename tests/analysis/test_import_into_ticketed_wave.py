"""Eighth hostile round: the attack of issue 18 through HR's import instead of the inbox.

One person of Sales rates IT in the ticketed pulse wave 2026-10. A colleague hands HR
"the export of our other survey tool for October": four more Sales answers about IT (or
comments), in a file whose wave is 2026-10 too, as monthly exports' dates give it. The
import merged them into the pulse's wave without a word: the pair showed n = 5, and
``5·mean − 4·forged`` gave the one person's rating, which tickets exist to prevent."""

from __future__ import annotations

from analysis.pipeline import analyse_workspace
from desktop_app.cli import main
from surveys.ingest import ingest
from surveys.publish import close_wave
from surveys.store import open_workspace
from surveys.ticket_wait import deliver_ticketed
from tests.analysis.core_helpers import fake_engine
from tests.desktop_app.test_import_comment_exports import write_csv
from tests.surveys.ticket_helpers import make_world
from tests.surveys.transport_helpers import PASSPHRASE, submission

CSV_HEADER = "submission_id,wave,respondent_department,target_department,item,value\n"


def _pulse_with_one_rater(workspace, tmp_path):
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    world.request("victim", survey)
    world.sign()
    with world.person("victim"):
        deliver_ticketed(submission({"IT": {"timely": 2}}), survey, world.share, "Sales")
    ingest(workspace, world.share, PASSPHRASE)
    return survey.wave, world.share


def _stored(workspace) -> int:
    db = open_workspace(workspace)
    try:
        return db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
    finally:
        db.close()


def test_a_file_cannot_add_answers_to_a_ticketed_pulse_wave(workspace, tmp_path, capsys):
    wave, share = _pulse_with_one_rater(workspace, tmp_path)
    forged = tmp_path / "october.csv"
    forged.write_text(
        CSV_HEADER + "".join(f"x-{i},{wave},Sales,IT,timely,5\n" for i in range(4)),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["import-csv", str(workspace), str(forged)]) == 2
    err = capsys.readouterr().err
    assert f"wave {wave} is a pulse published with participation tickets" in err
    assert f"(for example {wave}-import)" in err
    assert _stored(workspace) == 1
    close_wave(workspace, share, wave)
    pair = analyse_workspace(workspace, engine=fake_engine()).pair("Sales", "IT")
    assert pair is None or pair.suppressed


def test_a_comment_export_cannot_add_to_a_ticketed_pulse_wave(workspace, tmp_path, capsys):
    wave, _share = _pulse_with_one_rater(workspace, tmp_path)
    rows = [["Question", "Comment", "Department", "Survey Date"]] + [
        ["What should IT start doing?", f"Idea {i}.", "Sales", f"{wave}-0{i + 1}"] for i in range(4)
    ]
    capsys.readouterr()
    assert main(["import", str(workspace), str(write_csv(tmp_path / "glint.csv", rows))]) == 2
    err = capsys.readouterr().err
    assert f"wave {wave} is a pulse published with participation tickets" in err
    assert _stored(workspace) == 1
    assert main(["import", str(workspace), str(tmp_path / "glint.csv"), "--wave", "glint-10"]) == 0
    assert _stored(workspace) == 5
