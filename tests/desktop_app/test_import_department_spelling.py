"""Departments as a roster spells them, and answers that spell them otherwise (formats8).

A roster brings "DevOps" and "IT Ops"; the next survey's answers say "devops " and
"IT OPS" (typed, or another tool's export), and a later wave's "sales" what the first
wave's "Sales " was. The import matched them without regard to case and spaces, but the
suggestion did not: "IT OPS" was a department to map by hand (CHECK, "?"), as it also
names "IT"."""

from __future__ import annotations

from desktop_app.cli import main
from tests.desktop_app.import_variant_helpers import run
from tests.surveys.importing.helpers import content, new_workspace

ROSTER = (
    "Employee ID,Worker,Cost Center - Name,Worker Status\r\n"
    "W-1,Noble McDonald,DevOps,Active\r\nW-2,Rich O'Neil-Smith,IT Ops,Active\r\n"
    "W-3,Ingrid van der Berg,DevOps,Active\r\nW-4,José Best,Sales,Active\r\n"
)
OCTOBER = (
    "Team,Date,How timely is IT Ops?,How timely is DevOps?\r\n"
    "devops ,2026-10-21,Good,\r\nIT OPS,2026-10-22,,Poor\r\nSales ,2026-10-23,Fair,Good\r\n"
)
NOVEMBER = OCTOBER.replace("2026-10", "2026-11").replace("Sales ,", "sales,")


def test_answers_in_another_case_are_the_rosters_departments(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    roster = tmp_path / "workday.csv"
    roster.write_text(ROSTER, encoding="utf-8-sig")
    assert main(["roster", "import", str(workspace), str(roster)]) == 0
    out = capsys.readouterr().out
    assert "  DevOps: 2 (new department)\n  IT Ops: 1 (new department)\n" in out
    for month, text in (("10", OCTOBER), ("11", NOVEMBER)):
        path = tmp_path / f"pulse-{month}.csv"
        path.write_text(text, encoding="utf-8")
        code, suggested, _ = run(capsys, "--suggest-mapping", path, "--workspace", workspace)
        assert code == 0 and "department:  # high 1.00\n" in suggested
        assert "values:" not in suggested
        code, out, err = run(capsys, workspace, path)
        assert code == 0, err
    assert content(workspace) == [
        (("2026-10", "DevOps"), (("IT Ops", "timely", "4"),)),
        (("2026-10", "IT Ops"), (("DevOps", "timely", "2"),)),
        (("2026-10", "Sales"), (("DevOps", "timely", "4"), ("IT Ops", "timely", "3"))),
        (("2026-11", "DevOps"), (("IT Ops", "timely", "4"),)),
        (("2026-11", "IT Ops"), (("DevOps", "timely", "2"),)),
        (("2026-11", "Sales"), (("DevOps", "timely", "4"), ("IT Ops", "timely", "3"))),
    ]
