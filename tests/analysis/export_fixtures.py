"""A realistic analysis result for the export tests: 4 departments, 6 waves.

It is built by hand (not by the pipeline) so that the tests know every number. Its
quotes are redacted as the analysis stores them, and it also carries deliberate slips that
the exporters must catch: unredacted e-mail addresses, a phone number and a link in a
quote and in theme examples, a suppressed pair that still has scores, and a hotspot on
that suppressed pair quoting one of its comments.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from analysis.results import (
    AnalysisResult,
    Driver,
    Hotspot,
    PairResult,
    Participation,
    RecordedAction,
    ThemeSummary,
    TrendPoint,
    trend_key,
)
from surveys.model import DIMENSIONS

DEPARTMENTS = ["Sales", "IT", "Marketing", "Operations"]
WAVES = ["2025-11", "2026-01", "2026-03", "2026-05", "2026-07", "2026-09"]
WAVE = WAVES[-1]
PLANTED_EMAIL = "jordan.lee@example.com"
SUPPRESSED_COMMENT = "Only three of us in Marketing deal with Ops and Kim never answers"
HYPERLINK = '=HYPERLINK("[link]","Click for details")'  # a redacted comment, still a formula
UNREDACTED_LINK = "Our wiki is at http://evil.example/x but nobody reads it"
SUPPRESSED = ("Marketing", "Operations")

#: Index of each directed pair in the current wave (from, to) -> (index, n).
INDEX = {
    ("Sales", "IT"): (2.71, 31),
    ("IT", "Sales"): (3.86, 19),
    ("Sales", "Marketing"): (3.62, 28),
    ("Marketing", "Sales"): (3.44, 12),
    ("Sales", "Operations"): (3.12, 33),
    ("Operations", "Sales"): (3.05, 41),
    ("IT", "Marketing"): (3.71, 14),
    ("Marketing", "IT"): (3.28, 11),
    ("IT", "Operations"): (4.21, 17),
    ("Operations", "IT"): (4.12, 38),
    ("Operations", "Marketing"): (3.93, 9),
}


def _band(index: float) -> str:
    return "weak" if index < 3.5 else "strong" if index > 4.0 else "moderate"


def _dimensions(index: float, skew: int) -> dict[str, float]:
    offsets = [0.3, -0.5, 0.1, -0.3, 0.2, -0.1, 0.3]
    offsets = offsets[skew % 7 :] + offsets[: skew % 7]
    return {d: round(index + o, 2) for d, o in zip(DIMENSIONS, offsets, strict=True)}


def pairs() -> list[PairResult]:
    result = []
    for i, ((src, dst), (index, n)) in enumerate(INDEX.items()):
        result.append(
            PairResult(
                WAVE,
                src,
                dst,
                n,
                False,
                _dimensions(index, i),
                overall=index,
                index=index,
                ci_low=round(index - 0.2, 2),
                ci_high=round(index + 0.2, 2),
                band=_band(index),
                comment_count=max(0, n - 6),
                sentiment=round((index - 3.5) / 2, 2),
                negative_share=round(max(0.05, 0.8 - index / 5), 2),
                conflict_rate=round(max(0.0, 0.6 - index / 8), 2),
                themes=["responsiveness", "priorities and budget"],
            )
        )
    # A slip the exporters must catch: a suppressed pair that still carries scores.
    result.append(
        PairResult(
            WAVE,
            *SUPPRESSED,
            3,
            True,
            _dimensions(2.1, 3),
            overall=2.0,
            index=2.1,
            band="weak",
            comment_count=3,
            themes=["respect"],
        )
    )
    return result


def trend(src: str, dst: str, last: float, step: float) -> list[TrendPoint]:
    points = []
    for i, wave in enumerate(WAVES):
        value = round(last - step * (len(WAVES) - 1 - i), 2)
        n = 4 if (src, dst, i) == ("Sales", "IT", 1) else 20 + i
        points.append(TrendPoint(wave, None if n < 5 else value, n))
    return points


def hotspots() -> list[Hotspot]:
    sales_it = Hotspot(
        "Sales",
        "IT",
        WAVE,
        1,
        "one-sided",
        0.91,
        reasons=[
            "Index 2.7 is 0.9 below the organisation's 3.6",
            "Sales rates IT 1.2 lower than IT rates Sales",
            "Half of the comments use escalation language such as going over their heads",
            "Timeliness is the weakest dimension at 2.2",
        ],
        themes=["responsiveness", "process and approvals", "blame and accountability"],
        quotes=[
            "Three weeks for a report change, again. Mail [email] if you doubt it.",
            "Ring +44 20 7946 0958 or write to " + PLANTED_EMAIL + " and wait a week.",
            "When the CRM breaks we get a ticket number and silence; we end up asking our VP.",
            "They do help once the request finally lands with the right person.",
        ],
        actions=[
            "Agree a request intake with response times both sides accept",
            "Name an IT liaison for Sales and meet every two weeks",
        ],
    )
    feud = Hotspot(
        "Operations",
        "Sales",
        WAVE,
        2,
        "feud",
        0.84,
        reasons=[
            "Both directions are weak: 3.1 and 3.1",
            "Shared goals is 0.7 below the organisation",
            "38% of comments are negative",
        ],
        themes=["shared goals and outcomes", "priorities and budget"],
        quotes=[
            "Sales promises dates to clients before anyone checks capacity.",
            "We hear about big orders on the day they ship.",
        ],
        actions=[
            "Plan big client events jointly, four weeks ahead",
            "Set one shared client-outcome goal for the quarter",
        ],
    )
    disconnected = Hotspot(
        "Marketing",
        "IT",
        WAVE,
        3,
        "disconnected",
        0.66,
        reasons=[
            "Contact is rare: most say they talk quarterly or never",
            "Shared knowledge is 0.6 below the organisation",
        ],
        themes=["tools and shadow IT", "privacy and security"],
        quotes=[HYPERLINK, "We bought our own survey tool because nobody told us what exists."],
        actions=["Sit in on each other's routine planning meeting once a month"],
    )
    declining = Hotspot(
        "Sales",
        "Marketing",
        WAVE,
        4,
        "deteriorating",
        0.52,
        reasons=["Index fell from 4.0 to 3.6 since the last pulse (p = 0.03)"],
        themes=["blame and accountability"],
        quotes=["Campaign results get blamed on us every time."],
        actions=["Hold a reciprocal how-can-I-help-you conversation"],
    )
    leaked = Hotspot(
        *SUPPRESSED, WAVE, 5, "one-sided", 0.50, reasons=["Index 2.1"], quotes=[SUPPRESSED_COMMENT]
    )
    return [sales_it, feud, disconnected, declining, leaked]


def themes() -> list[ThemeSummary]:
    taxonomy = [
        ("responsiveness", 64, 0.27, 0.61),
        ("priorities and budget", 41, 0.17, 0.52),
        ("process and approvals", 37, 0.16, 0.49),
        ("communication and meetings", 29, 0.12, 0.4),
        ("blame and accountability", 22, 0.09, 0.77),
        ("tools and shadow IT", 17, 0.07, 0.41),
        ("shared goals and outcomes", 12, 0.05, 0.33),
        ("privacy and security", 8, 0.03, 0.38),
    ]
    result = [ThemeSummary(name, "taxonomy", c, s, neg) for name, c, s, neg in taxonomy]
    result[0].example = "Call me on +44 20 7946 0958 if the ticket is stuck, " + PLANTED_EMAIL
    result[1].example = HYPERLINK
    result[2].example = UNREDACTED_LINK
    result += [
        ThemeSummary(
            "licence, spreadsheet",
            "topic",
            19,
            0.08,
            0.5,
            terms=["licence", "spreadsheet", "tool", "shared drive"],
        ),
        ThemeSummary(
            "launch deadline, stock",
            "topic",
            14,
            0.06,
            0.3,
            terms=["launch deadline", "stock", "launch", "deadline"],
        ),
    ]
    return result


def analysis_result() -> AnalysisResult:
    """The fixture result (a new object on every call)."""
    trends = {
        trend_key("Sales", "IT"): trend("Sales", "IT", 2.71, 0.1),
        trend_key("Operations", "Sales"): trend("Operations", "Sales", 3.05, -0.05),
        trend_key("Marketing", "IT"): trend("Marketing", "IT", 3.28, 0.02),
    }
    actions = [
        RecordedAction("Sales", "IT", "Joint planning", "2026-05", "Priya", status="done"),
        RecordedAction("Operations", "Sales", "Shared outcome goal", "2026-07"),
    ]
    spots = hotspots()
    spots[0].recorded_actions = [actions[0]]
    return AnalysisResult(
        organisation="Northwind Health",
        wave=WAVE,
        waves=WAVES,
        departments=DEPARTMENTS,
        min_group=5,
        min_comment_group=5,
        pairs=pairs(),
        organisation_dimensions={d: 3.6 + 0.05 * i for i, d in enumerate(DIMENSIONS)},
        organisation_index=3.6,
        hotspots=spots,
        trends=trends,
        actions=actions,
        themes=themes(),
        participation=[
            Participation("Sales", 40, 34, 0.85),
            Participation("IT", 25, 19, 0.76),
            Participation("Marketing", 15, 12, 0.8),
            Participation("Operations", 60, 41, 0.683),
        ],
        drivers=[Driver("timely", 0.41, 0.72), Driver("respect", 0.22, 0.6)],
        improvements=["IT → Operations rose from 3.9 to 4.2 after the liaison meetings began"],
        suppressed_pairs=1,
        method={
            "index": "mean of the seven coordination dimensions (1 to 5) per directed pair, "
            "with a 95% confidence interval",
            "sentiment": "VADER with Rapport's workplace lexicon; negative below -0.05",
            "themes": "taxonomy phrases matched on stemmed tokens; other topics found with "
            "TF-IDF, LSA and k-means, number chosen by silhouette",
            "hotspots": "ranked on weakness against the organisation, negative comments, "
            "conflict language, asymmetry and decline since the last pulse",
        },
    )


def written_texts(folder: Path) -> dict[str, str]:
    """Every text part of ``deck.pptx``, ``tables.xlsx`` and the files in ``csv/`` under
    ``folder``, by name: what a reader of the exports could find."""
    texts = {}
    for name in ("deck.pptx", "tables.xlsx"):
        with zipfile.ZipFile(folder / name) as archive:
            for part in archive.namelist():
                texts[f"{name}:{part}"] = archive.read(part).decode("utf-8", "replace")
    for path in (folder / "csv").iterdir():
        texts[path.name] = path.read_text(encoding="utf-8-sig")
    return texts
