"""Conflict language: markers, orientation and score on realistic comments."""

from __future__ import annotations

import pytest

from analysis.conflict import (
    CONFLICT_VERSION,
    ConflictMarkersError,
    ConflictResult,
    analyse_conflict,
    analyse_conflicts,
    default_markers,
    parse_markers,
)
from surveys.progress import Cancelled

BLAME, SOLVING, NEUTRAL = "blame", "problem-solving", "neutral"

CASES = [
    # blame and us-versus-them
    ("They blamed us for the failed campaign.", BLAME, ("blame",)),
    ("Sales keeps blaming Marketing for every lost deal.", BLAME, ("blame",)),
    ("Whenever a launch slips it's their fault, never ours.", BLAME, ("their_fault",)),
    ("Operations told us it's not our problem and hung up.", BLAME, ("not_our_problem",)),
    ("They just throw it over the wall and walk away.", BLAME, ("over_the_wall",)),
    ("They always miss the deadline.", BLAME, ("they_always",)),
    ("They never answer the phone.", BLAME, ("they_never",)),
    ("It's very much us vs them with Operations.", BLAME, ("us_vs_them",)),
    ("Thanks to IT we missed the launch again.", BLAME, ("sarcastic_thanks",)),
    ("We will never get along with Sales, it's personalities.", BLAME, ("never_get_along",)),
    # escalation around a department
    ("We went over their heads to get the report fixed.", BLAME, ("over_heads",)),
    ("The request was escalated to the VP after a month.", BLAME, ("escalated",)),
    ("I had to get my manager involved before anything moved.", BLAME, ("manager_involved",)),
    # shadow tools
    ("Marketing bought our own tool because approvals take months.", BLAME, ("own_tool",)),
    ("We keep a spreadsheet on the side so we can actually work.", BLAME, ("side_spreadsheet",)),
    ("Half the team runs shadow IT now.", BLAME, ("shadow_it",)),
    ("We end up paying for tools on a credit card.", BLAME, ("shadow_it",)),
    ("So we put the licence on the company credit card.", BLAME, ("shadow_it",)),
    # words that only look like escalation or shadow tools (real reviews)
    ("Angry customers do de-escalate if you just listen.", NEUTRAL, ()),
    ("Some managers are in over their heads.", NEUTRAL, ()),
    ("We are pushed to sell credit cards to every customer.", NEUTRAL, ()),
    ("You also get a corporate credit card for client events.", NEUTRAL, ()),
    # gatekeeping
    ("IT is the department of no.", BLAME, ("department_of_no",)),
    ("Security keeps stonewalling every request we make.", BLAME, ("blocking",)),
    # problem solving
    ("We sat down together and found a fix.", SOLVING, ("sat_down_together",)),
    ("Ops and Sales worked it out in one call.", SOLVING, ("worked_it_out",)),
    ("Thanks to Priya in IT we launched on time.", SOLVING, ("thanks_to",)),
    ("Joint planning before the trade show paid off.", SOLVING, ("joint",)),
    ("The IT liaison really helped us with the migration.", SOLVING, ("helped_us",)),
    ("They asked what we need before building anything.", SOLVING, ("reciprocal",)),
    # negation and neutral text
    ("It wasn't their fault, the vendor was late.", NEUTRAL, ()),
    ("We don't blame them for the outage.", NEUTRAL, ()),
    ("We solve it together rather than blame.", SOLVING, ("worked_it_out",)),
    ("No joint planning at all this quarter.", NEUTRAL, ()),
    ("They always respond within a day.", NEUTRAL, ()),
    # a conflict that is over, or contrasted away, is not conflict language
    ("Since we plan launches together the blame has stopped.", NEUTRAL, ()),
    ("The finger pointing is gone and we talk every week.", NEUTRAL, ()),
    ("Meetings are about fixing things now, not who is to blame.", NEUTRAL, ()),
    ("The blame never stops.", BLAME, ("blame",)),
    ("The blame game has not stopped.", BLAME, ("blame",)),
    ("They blame us for everything until we stop asking.", BLAME, ("blame",)),
    ("Joint planning stopped after the spring campaign.", NEUTRAL, ()),
    # an end only wished for: the blame goes on (before: read as over, no marker)
    ("I wish the blame had stopped.", BLAME, ("blame",)),
    ("If only the finger pointing had ended before the launch.", BLAME, ("blame",)),
    # an end undone after it: the blame came back (before: read as over, no marker)
    ("The blame had stopped until the reorg.", BLAME, ("blame",)),
    ("The blame games had ended, but now they are back.", BLAME, ("blame",)),
    ("The blame had stopped. But now it is back.", BLAME, ("blame",)),
    ("The finger pointing had stopped, then the reorg started it all again.", BLAME, ("blame",)),
    ("The blame has stopped, and now we are back on track.", NEUTRAL, ()),
    ("The blame game has ended. Thanks again!", NEUTRAL, ()),
    # "stopped" just before the marker ends it too (before: blame), unless undone or wished
    ("We stopped blaming each other.", NEUTRAL, ()),
    ("Sales and IT have stopped the blame game.", NEUTRAL, ()),
    ("We stopped blaming each other until the reorg.", BLAME, ("blame",)),
    ("I wish they stopped blaming us.", BLAME, ("blame",)),
    ("Stop blaming us!", BLAME, ("blame",)),
    ("They need to stop blaming us.", BLAME, ("blame",)),
    # a negated stop is no end: the negation is the stop's, not the blame's (before: read
    # as "we don't blame them", no marker)
    ("We haven't stopped blaming them.", BLAME, ("blame",)),
    ("They don't stop blaming us.", BLAME, ("blame",)),
    ("They won't stop pointing fingers.", BLAME, ("blame",)),
    # a demand or a prospect is no end (before: "must stop" read as "has stopped")
    ("The blame must stop.", BLAME, ("blame",)),
    ("The blame game needs to stop.", BLAME, ("blame",)),
    ("The finger pointing has to end before the launch.", BLAME, ("blame",)),
    # trouble that did not happen is praise, not a sarcastic "thank you"
    ("No problems at all, thank you IT.", SOLVING, ("thanks_to",)),
    ("Never had an issue with them, thanks to Priya.", SOLVING, ("thanks_to",)),
    ("Nothing was too much trouble, thank you.", SOLVING, ("thanks_to",)),
    ("They never miss a deadline, thanks to Ana.", SOLVING, ("thanks_to",)),
    ("They never make mistakes.", NEUTRAL, ()),
    ("Thanks to IT we never hit a deadline.", BLAME, ("sarcastic_thanks",)),
    ("Thanks to IT nothing works and we wait weeks.", BLAME, ("sarcastic_thanks",)),
    ("Thank you for the new laptops, no manual and late again.", BLAME, ("sarcastic_thanks",)),
    # thanks for help given is thanks, whatever else the sentence says
    ("Thanks to Priya in IT for all the help over the last two weeks.", SOLVING, ("thanks_to",)),
    ("Thank you for staying late to fix the release.", SOLVING, ("thanks_to",)),
    ("Thank you for the quick turnaround this month.", SOLVING, ("thanks_to",)),
    ("Thanks to them the backlog is finally cleared.", SOLVING, ("thanks_to",)),
    ("Thanks to the new process, nothing gets lost any more.", SOLVING, ("thanks_to",)),
    ("Brilliant, thanks to IT we lost a whole day.", BLAME, ("sarcastic_thanks",)),
    ("Thanks to IT we waited three weeks for a laptop.", BLAME, ("sarcastic_thanks",)),
    ("The quarterly report is attached.", NEUTRAL, ()),
    ("", NEUTRAL, ()),
    # "IT" in capitals is the department (marker file version 10); "it" may be anything
    ("Sales is slow in winter, so we work around it.", NEUTRAL, ()),
    ("We work around IT with our own scripts.", BLAME, ("shadow_it",)),
    ("The road was closed, so we went around it.", NEUTRAL, ()),
    ("We went around IT to get the laptop.", BLAME, ("over_heads",)),
    ("We bought it without IT knowing.", BLAME, ("shadow_it",)),
    ("Marketing runs shadow it tools.", BLAME, ("shadow_it",)),
]


@pytest.mark.parametrize(("text", "orientation", "markers"), CASES)
def test_realistic_comments(text: str, orientation: str, markers: tuple[str, ...]) -> None:
    result = analyse_conflict(text)
    assert (result.orientation, result.markers) == (orientation, markers)


def test_mixed_comment_lists_every_marker_in_order_with_categories() -> None:
    result = analyse_conflict(
        "IT is the department of no. They always say it's not our problem, "
        "so we built our own system."
    )
    assert result.markers == ("department_of_no", "they_always", "not_our_problem", "own_tool")
    assert result.categories == ("gatekeeping", "us_vs_them", "blame", "shadow_tools")
    assert result.orientation == BLAME
    assert result.score == pytest.approx(0.982, abs=1e-3)
    assert result.is_conflict


def test_problem_solving_outweighs_an_earlier_blame() -> None:
    result = analyse_conflict(
        "They blamed us at first, but we sat down together and worked it out."
    )
    assert result.markers == ("blame", "sat_down_together", "worked_it_out")
    assert result.orientation == SOLVING
    assert result.score == 0.0


def test_score_grows_with_the_number_of_conflict_markers() -> None:
    one = analyse_conflict("They blamed us.")
    two = analyse_conflict("They blamed us and went over our heads.")
    assert 0 < one.score < two.score < 1
    assert one.score == pytest.approx(0.632, abs=1e-3)
    assert analyse_conflict("Nothing to report.") == ConflictResult(0.0, NEUTRAL)


def test_a_marker_counts_once_however_often_it_appears() -> None:
    assert analyse_conflict("Blame, blame, blame.").markers == ("blame",)
    assert analyse_conflict("Blame, blame, blame.").score == pytest.approx(0.632, abs=1e-3)


def test_typographic_quotes_and_case_do_not_matter() -> None:
    assert analyse_conflict("IT\u2019S NOT OUR PROBLEM, they said").markers == ("not_our_problem",)


def test_batch_matches_single_and_reports_progress() -> None:
    texts = [text for text, _, _ in CASES] * 3 + [None]
    reports: list[float] = []
    results = analyse_conflicts(texts, progress=lambda f, m: reports.append(f))
    assert results == [analyse_conflict(t) for t in texts]
    assert reports[-1] == 1.0 and reports == sorted(reports)


def test_batch_can_be_cancelled() -> None:
    def cancel(fraction: float, message: str) -> None:
        if fraction > 0.3:
            raise Cancelled

    with pytest.raises(Cancelled):
        analyse_conflicts(["They blamed us."] * 500, progress=cancel)


def test_version_follows_the_marker_file() -> None:
    assert CONFLICT_VERSION.startswith("conflict-")
    assert CONFLICT_VERSION.endswith(str(default_markers().version))
    assert len(default_markers().markers) >= 25


def test_resolution_cues_come_from_the_marker_file() -> None:
    base = "categories: {blame: {}}\nmarkers:\n  - {id: feud, category: blame, phrases: [feud]}\n"
    text = "The feud with Sales ended in March."
    plain = analyse_conflict(text, parse_markers(base))
    with_cues = analyse_conflict(text, parse_markers(base + "resolved_cues: ended\n"))
    assert (plain.markers, with_cues.markers) == (("feud",), ())


def test_praise_cues_come_from_the_marker_file() -> None:
    base = (
        "categories: {blame: {}}\nnegative_cues: late\n"
        "markers:\n  - {id: irony, category: blame, cue: required, phrases: [thank you]}\n"
    )
    text = "Thank you for staying late to fix it."
    plain = analyse_conflict(text, parse_markers(base))
    with_praise = analyse_conflict(text, parse_markers(base + "praise_cues: fix\n"))
    assert (plain.markers, with_praise.markers) == (("irony",), ())


def test_words_just_before_a_phrase_can_cancel_it() -> None:
    base = "categories: {blame: {}}\nmarkers:\n  - {id: esc, category: blame, phrases: [escalate]"
    text = "Staff de-escalate calmly; then we escalate to their boss."
    plain = parse_markers(base + "}\n")
    with_not_after = parse_markers(base + ", not_after: [de]}\n")
    assert analyse_conflict("They de-escalate calmly.", plain).markers == ("esc",)
    assert analyse_conflict("They de-escalate calmly.", with_not_after).markers == ()
    assert analyse_conflict(text, with_not_after).markers == ("esc",)


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("categories: {blame: {}}\nmarkers:\n  - phrases: [x]\n", "marker number 1 needs an 'id'"),
        (
            "categories: {blame: {}}\nmarkers:\n  - {id: a, category: oops, phrases: [x]}\n",
            "category 'oops'",
        ),
        ("categories: {blame: {}}\nmarkers:\n  - {id: a, category: blame}\n", "has no phrases"),
        (
            "categories: {blame: {}}\nmarkers:\n  - {id: a, category: blame, phrases: [x]}\n"
            "  - {id: a, category: blame, phrases: [y]}\n",
            "used twice",
        ),
    ],
)
def test_malformed_marker_files_are_explained(yaml_text: str, message: str) -> None:
    with pytest.raises(ConflictMarkersError, match=message):
        parse_markers(yaml_text)
