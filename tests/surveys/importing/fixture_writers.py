"""Write each tool's fixture export (see :mod:`tests.surveys.importing.fixture_people`).

Rebuild them all with ``.venv/bin/python -m tests.surveys.importing.fixture_writers``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tests.surveys.importing.fixture_people import (
    AGREE,
    DEPTS,
    HERE,
    Person,
    people,
    tidy,
    write_csv,
    write_xlsx,
)

# 1-5 written on another tool's scale so that Rapport's rescaling gives 1-5 back.
SEVEN = {1: 1, 2: 2, 3: 4, 4: 5, 5: 7}
ELEVEN = {1: 0, 2: 2, 3: 5, 4: 7, 5: 10}


def _month(p: Person) -> str:
    return p.when.strftime("%Y-%m")


def _us_time(when: dt.datetime) -> str:
    hour = when.hour % 12 or 12
    noon = "AM" if when.hour < 12 else "PM"
    return f"{when.month}/{when.day}/{when.year} {hour}:{when:%M:%S} {noon}"


# --------------------------------------------------------------------------- Qualtrics
QUALTRICS_STATEMENTS = (
    ("timely", "It arrives in time"),
    ("respect", "They treat us with respect"),
    ("shared_goals", "We work towards the same goals"),
    ("problem_solving", "When something goes wrong, they work with us to fix it"),
)


def qualtrics(folder: Path, name: str) -> set[str]:
    persons = people(11, 12, [i for i, _ in QUALTRICS_STATEMENTS], dt.datetime(2025, 10, 6, 9), 18)
    persons[4].empty = True  # started, chose a department, answered nothing
    meta = [
        "StartDate",
        "EndDate",
        "Status",
        "IPAddress",
        "Progress",
        "Duration (in seconds)",
        "Finished",
        "RecordedDate",
        "ResponseId",
        "RecipientLastName",
        "RecipientFirstName",
        "RecipientEmail",
        "ExternalReference",
        "LocationLatitude",
        "LocationLongitude",
        "DistributionChannel",
        "UserLanguage",
    ]
    texts = [
        "Start Date",
        "End Date",
        "Response Type",
        "IP Address",
        "Progress",
        "Duration (in seconds)",
        "Finished",
        "Recorded Date",
        "Response ID",
        "Recipient Last Name",
        "Recipient First Name",
        "Recipient Email",
        "External Data Reference",
        "Location Latitude",
        "Location Longitude",
        "Distribution Channel",
        "User Language",
    ]
    import_ids = [{"ImportId": k[0].lower() + k[1:]} for k in meta]
    import_ids[0]["timeZone"] = import_ids[1]["timeZone"] = "Europe/London"
    keys, questions = ["Q1"], ["Which department do you work in?"]
    import_ids.append({"ImportId": "QID1"})
    for q, target in enumerate(DEPTS, start=2):
        for s, (_, statement) in enumerate(QUALTRICS_STATEMENTS, start=1):
            keys.append(f"Q{q}_{s}")
            questions.append(f"Thinking about working with {target} - {statement}")
            import_ids.append({"ImportId": f"QID{q}_{s}"})
    for q, target in enumerate(DEPTS, start=6):
        keys.append(f"Q{q}")
        questions.append(f"What one thing would make working with {target} better?")
        import_ids.append({"ImportId": f"QID{q}_TEXT"})
    rows = [
        meta + keys,
        texts + questions,
        [json.dumps(i, separators=(",", ":")) for i in import_ids],
    ]
    identities = set()
    for p in persons:
        rid = f"R_{p.n:02d}xQ7kLm2Vb9sT{chr(65 + p.n)}"
        start = p.when - dt.timedelta(minutes=3)
        cells = [
            f"{start:%Y-%m-%d %H:%M:%S}",
            f"{p.when:%Y-%m-%d %H:%M:%S}",
            "IP Address",
            p.ip,
            "100" if not p.empty else "20",
            "187",
            "True" if not p.empty else "False",
            f"{p.when:%Y-%m-%d %H:%M:%S}",
            rid,
            p.last,
            p.first,
            p.email,
            f"EMP-{4100 + p.n}",
            f"51.50{p.n:02d}",
            f"-0.12{p.n:02d}",
            "email",
            "EN-GB",
            p.dept,
        ]
        for target in DEPTS:
            for item, _ in QUALTRICS_STATEMENTS:
                value = p.ratings.get((target, item))
                cells.append(str(SEVEN[value]) if value and not p.empty else "")
        cells += [p.comments.get(t, "") if not p.empty else "" for t in DEPTS]
        rows.append(cells)
        identities |= {
            p.ip,
            rid,
            p.last,
            p.first,
            p.email,
            f"EMP-{4100 + p.n}",
            f"51.50{p.n:02d}",
            f"{p.when:%H:%M:%S}",
        }
    write_csv(folder / f"{name}.csv", rows)
    write_csv(folder / f"{name}.tsv", rows, sep="\t", encoding="utf-16")
    tidy(folder / f"{name}.tidy.csv", persons, _month)
    return identities


# ------------------------------------------------------------------------ SurveyMonkey
def surveymonkey(folder: Path, name: str) -> set[str]:
    persons = people(
        23,
        14,
        ["timely", "frequent", "problem_solving"],
        dt.datetime(2025, 11, 3, 9),
        24,
        comment_targets=("IT",),
    )
    frequency = ("Never", "A few times a year", "Monthly", "Weekly", "Daily")
    persons[2].ratings[("Marketing", "timely")] = 0  # answered N/A
    head = [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
        "Custom Data 1",
        "Which department do you work in?",
    ]
    subs = [""] * 9 + ["Response"]
    blocks = (
        ("timely", "They get back to us when we need them.", AGREE),
        (
            "frequent",
            "How often do you talk with each of these departments about shared work?",
            frequency,
        ),
        (
            "problem_solving",
            "When something goes wrong, they help us fix it rather than blame us.",
            AGREE,
        ),
    )
    for _, question, _ in blocks:
        head += [question, "", "", ""]
        subs += list(DEPTS)
    head.append("Anything else you would like to tell us about working with IT?")
    subs.append("Open-Ended Response")
    identities = set()

    def rows_for(when_format) -> list[list]:
        rows = [head, subs]
        for p in persons:
            rid, collector = str(114203958200 + p.n * 37), "431209876"
            cells = [
                rid,
                collector,
                when_format(p.when - dt.timedelta(minutes=4)),
                when_format(p.when),
                p.ip,
                p.email,
                p.first,
                p.last,
                f"ward-{p.n}-north",
                p.dept,
            ]
            for item, _, words in blocks:
                for target in DEPTS:
                    value = p.ratings.get((target, item))
                    cells.append("N/A" if value == 0 else words[value - 1] if value else "")
            cells.append(p.comments.get("IT", ""))
            rows.append(cells)
            identities.update(
                {
                    rid,
                    collector,
                    p.ip,
                    p.email,
                    p.first,
                    p.last,
                    f"ward-{p.n}-north",
                    f"{p.when:%M:%S}",
                }
            )
        return rows

    keep = lambda p, t, i: p.ratings[(t, i)]  # noqa: E731 - N/A (0) is no answer
    write_xlsx(folder / f"{name}.xlsx", rows_for(_us_time))
    tidy(folder / f"{name}.tidy.csv", persons, _month, keep=keep)
    persons[5].comments["IT"] = 'Two things; faster answers,\nand one "owner" per request.'
    write_csv(folder / f"{name}_eu.csv", rows_for(lambda w: f"{w:%d/%m/%Y %H:%M:%S}"), sep=";")
    tidy(folder / f"{name}_eu.tidy.csv", persons, _month, keep=keep)
    return identities


# ------------------------------------------------------------------ Microsoft Forms
FORMS_STATEMENTS = (
    ("timely", "{t} replies quickly when we ask for something"),
    ("respect", "{t} respects the work we do"),
)


def forms(folder: Path, name: str) -> set[str]:
    persons = people(
        37,
        12,
        ["timely", "respect", "overall"],
        dt.datetime(2026, 3, 2, 9),
        20,
        comment_targets=("IT", "Operations"),
    )
    head = [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Last modified time",
        "Which team are you part of?",
    ]
    for _item, pattern in FORMS_STATEMENTS:
        head += [pattern.format(t=t) for t in DEPTS]
    head += [f"Overall, how would you rate working with {t}?" for t in DEPTS]
    head += [f"What one thing would make working with {t} better?" for t in ("IT", "Operations")]
    rows = [head]
    for p in persons:
        team = "IT department" if p.dept == "IT" and p.n % 2 else p.dept
        cells = [
            p.n,
            p.when - dt.timedelta(minutes=2),
            p.when,
            "anonymous",
            "anonymous",
            None,
            team,
        ]
        for item, _ in FORMS_STATEMENTS:
            for t in DEPTS:
                # Forms cannot hide a row: people rate their own department too.
                value = p.ratings.get((t, item)) or (4 if t == p.dept else None)
                cells.append(AGREE[value - 1] if value else None)
        for t in DEPTS:
            value = p.ratings.get((t, "overall")) or (5 if t == p.dept else None)
            cells.append(value)
        cells += [p.comments.get(t) for t in ("IT", "Operations")]
        rows.append(cells)
    write_xlsx(folder / f"{name}.xlsx", rows)
    tidy(folder / f"{name}.tidy.csv", persons, _month)
    return {"anonymous"}


# --------------------------------------------------------------------- Google Forms
def google(folder: Path, name: str) -> set[str]:
    persons = people(
        41,
        13,
        ["shared_knowledge", "accurate"],
        dt.datetime(2025, 9, 8, 9),
        16,
        comment_targets=("Marketing",),
    )
    for p in persons:  # the 0-10 question is asked about IT and Operations only
        for t in ("Sales", "Marketing"):
            p.ratings.pop((t, "accurate"), None)
    head = ["Timestamp", "Email Address", "Your department "]
    head += [f"They understand what our work involves [{t}]" for t in DEPTS]
    head += [f"How accurate is the information {t} gives you?" for t in ("IT", "Operations")]
    head.append("What one thing would make working with Marketing better?")
    rows = [head]
    identities = set()
    for p in persons:
        stamp = f"{p.when.month}/{p.when.day}/{p.when.year} {p.when.hour}:{p.when:%M:%S}"
        cells = [stamp, p.email, p.dept + " "]
        cells += [
            AGREE[v - 1] if (v := p.ratings.get((t, "shared_knowledge"))) else "" for t in DEPTS
        ]
        cells += [
            str(ELEVEN[v]) if (v := p.ratings.get((t, "accurate"))) else ""
            for t in ("IT", "Operations")
        ]
        cells.append(p.comments.get("Marketing", ""))
        rows.append(cells)
        identities.add(p.email)
    write_csv(folder / f"{name}.csv", rows, encoding="utf-8")
    tidy(folder / f"{name}.tidy.csv", persons, _month)
    return identities


# ------------------------------------------------------------------------ LimeSurvey
CADENCE = ("Never", "Quarterly", "Monthly", "Every two weeks", "Weekly")


def _lime_people() -> list[Person]:
    persons = people(
        53,
        12,
        ["meeting_cadence", "accurate"],
        dt.datetime(2026, 1, 12, 9),
        70,
        comment_targets=("Operations",),
    )
    for i, p in enumerate(persons):
        if p.dept != "IT":
            p.ratings[("IT", "knows_liaison")] = 1 + i % 2
    return persons


def _quarter(p: Person) -> str:
    return f"{p.when.year}-Q{(p.when.month - 1) // 3 + 1}"


def limesurvey_codes(folder: Path, name: str) -> set[str]:
    persons = _lime_people()
    head = [
        "id. Response ID",
        "submitdate. Date submitted",
        "lastpage. Last page",
        "startlanguage. Start language",
        "seed. Seed",
        "token. Access code",
        "G01Q01. Which department do you work in?",
    ]
    head += [
        f"G02Q02[SQ00{i}]. How often do you meet with each department? [{t}]"
        for i, t in enumerate(DEPTS, start=1)
    ]
    head += [
        f"G03Q03[SQ00{i}]. What they tell us is accurate. [{t}]"
        for i, t in enumerate(DEPTS, start=1)
    ]
    head += [
        "G04Q04. I know who our liaison in IT is.",
        "G05Q05. Any other comments about working with Operations?",
    ]
    rows = [head]
    identities = set()
    for p in persons:
        token = f"tk{p.n:02d}Hq2Lm9Zp"
        cells = [
            str(p.n),
            f"{p.when:%Y-%m-%d %H:%M:%S}",
            "3",
            "en",
            str(880000 + p.n * 13),
            token,
            f"A{DEPTS.index(p.dept) + 1}",
        ]
        for item in ("meeting_cadence", "accurate"):
            cells += [f"A{v}" if (v := p.ratings.get((t, item))) else "" for t in DEPTS]
        liaison = p.ratings.get(("IT", "knows_liaison"))
        cells.append({1: "N", 2: "Y"}.get(liaison, ""))
        cells.append(p.comments.get("Operations", ""))
        rows.append(cells)
        identities.add(token)
    write_csv(folder / f"{name}.csv", rows)
    tidy(folder / f"{name}.tidy.csv", persons, _quarter)
    return identities


def limesurvey_text(folder: Path, name: str) -> set[str]:
    persons = _lime_people()
    head = [
        "Response ID",
        "Date submitted",
        "Last page",
        "Start language",
        "Seed",
        "IP address",
        "Referrer URL",
        "Which department do you work in?",
    ]
    head += [f"How often do you meet with each department? [{t}]" for t in DEPTS]
    head += [f"What they tell us is accurate. [{t}]" for t in DEPTS]
    head += [
        "I know who our liaison in IT is.",
        "Any other comments about working with Operations?",
    ]
    rows = [head]
    identities = set()
    for p in persons:
        referrer = f"https://intranet.northfield-health.example/staff/{p.last.lower()}"
        cells = [p.n, p.when, 3, "en", 880000 + p.n * 13, p.ip, referrer, p.dept]
        cells += [
            CADENCE[v - 1] if (v := p.ratings.get((t, "meeting_cadence"))) else None for t in DEPTS
        ]
        cells += [AGREE[v - 1] if (v := p.ratings.get((t, "accurate"))) else None for t in DEPTS]
        liaison = p.ratings.get(("IT", "knows_liaison"))
        cells.append({1: "No", 2: "Yes"}.get(liaison))
        cells.append(p.comments.get("Operations"))
        rows.append(cells)
        identities |= {p.ip, referrer}
    write_xlsx(folder / f"{name}.xlsx", rows)
    tidy(folder / f"{name}.tidy.csv", persons, _quarter)
    return identities


# --------------------------------------------------------------------------- generic
QUALITY = ("Poor", "Fair", "Good", "Very good", "Excellent")


def generic(folder: Path, name: str) -> set[str]:
    persons = people(
        67,
        11,
        ["timely", "shared_goals"],
        dt.datetime(2025, 12, 1, 9),
        12,
        comment_targets=("Sales",),
    )
    head = ["Respondent", "Team", "Submitted on"]
    head += [f"How timely is {t}?" for t in DEPTS]
    head += [f"{t} shares our goals" for t in DEPTS]
    head.append("Comments on Sales")
    rows = [head]
    identities = set()
    for p in persons:
        cells = [f"{p.first} {p.last}", p.dept, f"{p.when:%d.%m.%Y}"]
        cells += [QUALITY[v - 1] if (v := p.ratings.get((t, "timely"))) else "" for t in DEPTS]
        cells += [AGREE[v - 1] if (v := p.ratings.get((t, "shared_goals"))) else "" for t in DEPTS]
        cells.append(p.comments.get("Sales", ""))
        rows.append(cells)
        identities.add(f"{p.first} {p.last}")
    write_csv(folder / f"{name}.csv", rows, encoding="utf-8")
    tidy(folder / f"{name}.tidy.csv", persons, _month)
    return identities


WRITERS = {
    "qualtrics": qualtrics,
    "surveymonkey": surveymonkey,
    "forms": forms,
    "google": google,
    "limesurvey_codes": limesurvey_codes,
    "limesurvey_text": limesurvey_text,
    "generic": generic,
}


def main() -> None:
    HERE.mkdir(parents=True, exist_ok=True)
    identities: set[str] = set()
    for name, writer in WRITERS.items():
        identities |= writer(HERE, name)
    text = "\n".join(sorted(v for v in identities if v)) + "\n"
    (HERE / "identities.txt").write_text(text, encoding="utf-8")
    print(f"wrote {len(WRITERS)} fixtures and {len(identities)} identity values to {HERE}")


if __name__ == "__main__":
    main()
