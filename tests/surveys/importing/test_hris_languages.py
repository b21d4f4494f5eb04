"""Employee reports of HR systems set up in French, German, Spanish or Dutch (formats9).

An HR system shows its columns and statuses in the company's language, and its export
keeps them: "Statut" with "Congé parental" and "Sorti", "Beschäftigungsstatus" with
"Elternzeit" and "Ausgetreten". Rapport knew only English status headings and German,
French and Spanish "active"/"inactive": a French report's leavers were counted (its
"Statut" column was not read), and a German one was refused at every parent on leave.
Made-up people; names, e-mails and salaries never reach the workspace or the output.
"""

from __future__ import annotations

import pytest

from tests.surveys.importing.helpers import every_cell, new_workspace
from tests.surveys.importing.test_hris_rosters import headcounts, run

#: The made-up people's identifying cells, looked for in the workspace and the output.
SECRETS = ("Claire", "Martin", "claire.martin@", "Hartmann", "lena.h@", "54.000", "41000")

FRENCH = (  # a French HR system's CSV: semicolons, Windows-1252, "Statut"
    "Matricule;Nom;Prénom;Adresse e-mail;Statut;Service;Centre de coûts;Salaire annuel\r\n"
    "2001;Martin;Claire;claire.martin@example.test;Actif;Ventes;CC-410;41000\r\n"
    "2002;Bernard;Hugo;hugo.bernard@example.test;Congé parental;Ventes;CC-410;39000\r\n"
    "2003;Petit;Inès;ines.petit@example.test;Sorti;Informatique;CC-420;45000\r\n"
    "2004;Durand;Léo;leo.durand@example.test;Actif;Informatique;CC-420;47000\r\n"
    "2005;Moreau;Zoé;zoe.moreau@example.test;Retraité;Informatique;CC-420;52000\r\n"
)
GERMAN = (  # a German Personio-style report: "Beschäftigungsstatus", parental leave
    "ID;Vorname;Nachname;E-Mail;Beschäftigungsstatus;Abteilung;Kostenstelle;Jahresgehalt\r\n"
    "1001;Lena;Hartmann;lena.h@example.test;Aktiv;Vertrieb;4100;54.000\r\n"
    "1002;Jonas;Beck;jonas.b@example.test;Ausgetreten;Vertrieb;4100;51.000\r\n"
    "1003;Mia;Kraus;mia.k@example.test;Aktiv;IT;4200;61.000\r\n"
    "1004;Paul;Vogel;paul.v@example.test;Elternzeit;IT;4200;58.000\r\n"
    "1005;Emma;Roth;emma.r@example.test;Mutterschutz;Marketing;4300;49.000\r\n"
)
DUTCH = (  # a Dutch report: "Status dienstverband", "Met verlof", "Uit dienst"
    "Personeelsnummer,Naam,E-mailadres,Status dienstverband,Afdeling\r\n"
    "3001,Sanne de Vries,sanne@example.test,In dienst,Verkoop\r\n"
    "3002,Daan Jansen,daan@example.test,Uit dienst,Verkoop\r\n"
    "3003,Eva Bakker,eva@example.test,Met verlof,ICT\r\n"
)


@pytest.mark.parametrize(
    ("text", "encoding", "expected", "column"),
    [
        (FRENCH, "cp1252", {"Ventes": 2, "Informatique": 1}, "Statut"),
        (GERMAN, "utf-8-sig", {"Vertrieb": 1, "IT": 2, "Marketing": 1}, "Beschäftigungsstatus"),
        (DUTCH, "utf-8", {"Verkoop": 1, "ICT": 1}, "Status dienstverband"),
    ],
)
def test_statuses_in_the_reports_language(tmp_path, capsys, text, encoding, expected, column):
    path = tmp_path / "report.csv"
    path.write_bytes(text.encode(encoding))
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, "roster", "import", workspace, path)
    assert code == 0, err
    assert f'people who left or have not started (column "{column}")' in out
    if text != DUTCH:  # the cost centre is offered as another department column
        other = "Centre de coûts" if text == FRENCH else "Kostenstelle"
        assert f'(also found: "{other}")' in out
    counted = headcounts(workspace)
    assert {name: counted[name] for name in expected} == expected
    kept = " ".join(value for _, value in every_cell(workspace))
    assert [s for s in SECRETS if s in kept or s in out or s in err] == []


def test_a_french_statut_of_categories_is_no_leaver(tmp_path, capsys):
    """French reports also head the employee category "Statut" (Cadre, Non cadre, ETAM):
    every such row is someone working there, not an unknown status to refuse."""
    path = tmp_path / "categories.csv"
    path.write_text(
        "Matricule,Statut,Service\n1,Cadre,Ventes\n2,Non cadre,Ventes\n3,ETAM,Achats\n",
        encoding="utf-8",
    )
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, "roster", "import", workspace, path)
    assert code == 0, err
    assert headcounts(workspace)["Ventes"] == 2 and headcounts(workspace)["Achats"] == 1


def test_a_french_statut_of_categories_beside_the_status_leaves_out_leavers(tmp_path, capsys):
    """review60: with the category "Statut" before "Statut du salarié" (Actif, Sorti), the
    category was read as the status, and a leaver counted."""
    path = tmp_path / "report.csv"
    path.write_text(
        "Matricule,Statut,Statut du salarié,Service\n1,Cadre,Actif,Ventes\n"
        "2,Non cadre,Sorti,Ventes\n3,ETAM,Actif,Achats\n",
        encoding="utf-8",
    )
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, "roster", "import", workspace, path)
    assert code == 0, err
    assert 'people who left or have not started (column "Statut du salarié")' in out
    assert headcounts(workspace)["Ventes"] == 1 and headcounts(workspace)["Achats"] == 1


@pytest.mark.parametrize(
    ("text", "column"),
    [  # review60: a Dutch report's kind of contract was refused as unknown statuses
        (
            "Personeelsnummer,Naam,Afdeling,Dienstverband\n1,Sanne de Vries,Verkoop,Vast\n"
            "2,Daan Jansen,Verkoop,Tijdelijk\n3,Eva Bakker,ICT,Oproepkracht\n",
            None,
        ),
        (
            "Personeelsnummer,Afdeling,Dienstverband,Status dienstverband\n"
            "1,Verkoop,Vast,In dienst\n2,Verkoop,Tijdelijk,Uit dienst\n3,ICT,Vast,Met verlof\n",
            "Status dienstverband",
        ),
        (
            "ID,Abteilung,Beschäftigungsstatus\n1,Verkoop,Unbefristet\n2,Verkoop,Teilzeit\n"
            "3,ICT,Befristet\n",
            None,
        ),
    ],
)
def test_a_kind_of_contract_is_someone_working_there(tmp_path, capsys, text, column):
    path = tmp_path / "report.csv"
    path.write_text(text, encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, "roster", "import", workspace, path)
    assert code == 0, err
    counts = headcounts(workspace)
    assert counts["ICT"] == 1 and counts["Verkoop"] == (1 if column else 2)
    if column:
        assert f'people who left or have not started (column "{column}")' in out


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("Personeelsnummer,Voornaam,Achternaam\n1,Sanne,de Vries\n2,Daan,Jansen\n", '"Voornaam"'),
        ("Naam\nSanne de Vries\nDaan Jansen\n", 'column A "Naam"'),
    ],
)
def test_a_dutch_staff_list_is_read_by_its_headings(tmp_path, capsys, text, columns):
    """A Dutch list's "Naam" was read as a bare list's first person (so the word "naam",
    name, was redacted from every comment), and "Voornaam"/"Achternaam" were not known."""
    path = tmp_path / "medewerkers.csv"
    path.write_text(text, encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, "names", "import", workspace, path)
    assert code == 0, err
    assert "Stored 2 names" in out and columns in out and "no header row" not in out


def test_someone_on_holiday_works_there(tmp_path, capsys):
    """review60: a Portuguese report's "Férias" (on holiday) was refused as unknown."""
    path = tmp_path / "report.csv"
    path.write_text(
        "Matrícula,Departamento,Situação\n1,Vendas,Ativo\n2,Vendas,Férias\n3,TI,Desligado\n",
        encoding="utf-8",
    )
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, "roster", "import", workspace, path)
    assert code == 0, err
    assert headcounts(workspace)["Vendas"] == 2
