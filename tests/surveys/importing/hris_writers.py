"""Employee reports as HR systems export them, with the quirks HR's files really have.

Made-up people; the column names are those docs/import-hr.md lists as documented or assumed
for each system. Each writer returns the file's path; the tests read them through
``rapport roster import`` and ``rapport names import``.

Every file holds, besides the departments: names, e-mails, ids and a salary column, which
must never reach the workspace.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

#: Values of each file that must never be found in a workspace or its database file.
SECRETS = (
    "Amara Okafor",
    "Okafor, Amara",
    "amara.okafor@example.test",
    "E1001",
    "AB1001",
    "87500",
    "Lindqvist",
    "Wiśniewska",
    "Ngozi",
    "Gerhardt",
)


def workday(folder: Path) -> Path:
    """Workday's Excel export of a custom worker report: a title, a blank row, group headings
    merged across columns, the header, a worker on two positions (one Employee ID), a
    terminated worker, and a count row at the end."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "All Active and Terminated"
    sheet.append(["All Active and Terminated Workers - Northfield Health"])
    sheet.append([])
    sheet.append(["Worker", None, None, "Organizations", None, "Status", "Compensation"])
    sheet.merge_cells("A3:C3")
    sheet.merge_cells("D3:E3")
    sheet.append(
        [
            "Employee ID",
            "Worker",
            "Email - Primary Work",
            "Cost Center - Name",
            "Supervisory Organization",
            "Worker Status",
            "Annual Base Pay",
        ]
    )
    rows = [
        ("E1001", "Amara Okafor", "amara.okafor@example.test", "Sales", "Sales (Ngozi Eze)"),
        ("E1002", "Tomas Lindqvist", "tomas.lindqvist@example.test", "Sales", "Sales (Ngozi Eze)"),
        ("E1003", "Ngozi Eze", "ngozi.eze@example.test", "Sales", "Sales (Ngozi Eze)"),
        ("E1004", "Ravi Menon", "ravi.menon@example.test", "IT", "IT (Lena Gerhardt)"),
        ("E1005", "Lena Gerhardt", "lena.gerhardt@example.test", "IT", "IT (Lena Gerhardt)"),
        ("E1001", "Amara Okafor", "amara.okafor@example.test", "Sales", "Sales (Ngozi Eze)"),
        ("E1006", "Paul Baker", "paul.baker@example.test", "IT", "IT (Lena Gerhardt)"),
    ]
    for number, (eid, name, mail, cost, org) in enumerate(rows):
        status = "Terminated" if eid == "E1006" else "Active"
        sheet.append([eid, name, mail, cost, org, status, 87500 + number])
    sheet.append([])
    sheet.append(["Count: 7"])
    path = folder / "workday_workers.xlsx"
    book.save(path)
    return path


def bamboohr(folder: Path) -> Path:
    """BambooHR's custom report as CSV (UTF-8 with a byte-order mark, CRLF), current and
    former employees: Department and Division, Status Active or Inactive."""
    lines = [
        "Employee #,First Name,Last Name,Work Email,Department,Division,Location,Job Title,"
        "Status,Pay Rate",
        "E1001,Amara,Okafor,amara.okafor@example.test,Sales,Commercial,Leeds,Account lead,"
        "Active,87500 GBP",
        "E1002,Tomas,Lindqvist,tomas.lindqvist@example.test,Sales,Commercial,Leeds,"
        "Account lead,Active,61000 GBP",
        "E1004,Ravi,Menon,ravi.menon@example.test,IT,Operations,York,Engineer,Active,70000 GBP",
        "E1006,Paul,Baker,paul.baker@example.test,IT,Operations,York,Engineer,Inactive,65000 GBP",
        "E1007,Zofia,Wiśniewska,zofia.w@example.test,Marketing,Commercial,Leeds,Writer,Active,"
        "52000 GBP",
    ]
    path = folder / "bamboohr_report.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    return path


def hibob(folder: Path) -> Path:
    """HiBob's People export (XLSX): a summary sheet in front, then the people, with
    Lifecycle status Employed, On leave or Terminated."""
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = "Summary"
    summary.append(["Report", "People data"])
    summary.append(["Rows", 5])
    people = book.create_sheet("People")
    people.append(
        ["Employee ID", "Display name", "Email", "Department", "Site", "Lifecycle status", "Salary"]
    )
    people.append(["E1001", "Amara Okafor", "amara.okafor@example.test", "Sales", "Leeds",
                   "Employed", 87500])  # fmt: skip
    people.append(["E1003", "Ngozi Eze", "ngozi.eze@example.test", "Sales", "Leeds", "On leave",
                   80000])  # fmt: skip
    people.append(["E1004", "Ravi Menon", "ravi.menon@example.test", "IT", "York", "Employed",
                   70000])  # fmt: skip
    people.append(["E1006", "Paul Baker", "paul.baker@example.test", "IT", "York", "Terminated",
                   65000])  # fmt: skip
    path = folder / "hibob_people.xlsx"
    book.save(path)
    return path


def personio(folder: Path) -> Path:
    """Personio's employee list export (XLSX): Status active, onboarding, leave, inactive;
    Department and Team."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Employees"
    sheet.append(["ID", "First name", "Last name", "Email", "Status", "Department", "Team",
                  "Fix salary"])  # fmt: skip
    rows = [
        ("11", "Amara", "Okafor", "active", "Sales", "Key accounts"),
        ("12", "Tomas", "Lindqvist", "onboarding", "Sales", "Key accounts"),
        ("13", "Ngozi", "Eze", "leave", "Sales", "Key accounts"),
        ("14", "Paul", "Baker", "inactive", "IT", "Service desk"),
        ("15", "Ravi", "Menon", "active", "IT", "Service desk"),
    ]
    for eid, first, last, status, dept, team in rows:
        mail = f"{first.lower()}.{last.lower()}@example.test"
        sheet.append([eid, first, last, mail, status, dept, team, 87500])
    path = folder / "personio_employees.xlsx"
    book.save(path)
    return path


def successfactors(folder: Path) -> Path:
    """SAP SuccessFactors' employee export (the user data file): system keys in row 1,
    labels in row 2, STATUS active or inactive."""
    lines = [
        "STATUS,USERID,USERNAME,FIRSTNAME,LASTNAME,EMAIL,DEPARTMENT,DIVISION",
        "Status,User ID,Username,First Name,Last Name,Email,Department,Division",
        "active,E1001,aokafor,Amara,Okafor,amara.okafor@example.test,Sales,Commercial",
        "active,E1004,rmenon,Ravi,Menon,ravi.menon@example.test,IT,Operations",
        "inactive,E1006,pbaker,Paul,Baker,paul.baker@example.test,IT,Operations",
        "active,E1007,zwisniewska,Zofia,Wiśniewska,zofia.w@example.test,Marketing,Commercial",
    ]
    path = folder / "successfactors_users.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def adp(folder: Path) -> Path:
    """ADP Workforce Now's employee report saved as plain "CSV" by Excel on Windows
    (Windows-1252): report titles above the header, Home Department Description, Position
    Status Active, Leave or Terminated, "Last, First" payroll names, and a total line."""
    lines = [
        "Employee Roster,,,,,",
        "As of 11/30/2026,,,,,",
        ",,,,,",
        "Position ID,Payroll Name,Home Department Code,Home Department Description,"
        "Position Status,Annual Salary",
        'AB1001,"Okafor, Amara",100,Sales,Active,87500',
        'AB1002,"Lindqvist, Tomas",100,Sales,Leave,61000',
        'AB1004,"Menon, Ravi",200,IT,Active,70000',
        'AB1006,"Baker, Paul",200,IT,Terminated,65000',
        'AB1008,"Dubois, Zoë",300,Café Operations,Active,41000',
        "Total Employees: 5,,,,,",
    ]
    path = folder / "adp_employees.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def subtotals(folder: Path) -> Path:
    """A headcount summary made with Excel's Subtotal: department rows, subtotal rows, a
    grand total."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Headcount by department, November 2026"])
    sheet.append(["Department", "Location", "Headcount"])
    sheet.append(["Sales", "Leeds", 30])
    sheet.append(["Sales Total", None, 30])
    sheet.append(["IT", "York", 19])
    sheet.append(["IT Total", None, 19])
    sheet.append(["Grand Total", None, 49])
    path = folder / "headcount_subtotals.xlsx"
    book.save(path)
    return path
