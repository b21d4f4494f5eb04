"""The suggested mapping gets other tools' wordings right, and says how sure it is."""

from __future__ import annotations

import pytest

from surveys.importing import ImportProblems, load_mapping, parse_mapping, suggest_mapping
from surveys.importing.meaning import find_departments, match_item
from surveys.importing.suggest import confident_mapping
from tests.surveys.importing.helpers import CASES, DEPARTMENTS, fixture

#: Statements as other tools (or other people) word them, and the item each one means.
WORDINGS = {
    "it arrives in time": "timely",
    "they treat us with respect": "respect",
    "we work towards the same goals": "shared_goals",
    "when something goes wrong, they work with us to fix it": "problem_solving",
    "How often do you communicate with them?": "frequent",
    "How frequently are you in touch with this team?": "frequent",
    "They respond quickly to our requests": "timely",
    "They get back to us when we need them": "timely",
    "Requests are handled promptly": "timely",
    "They meet deadlines": "timely",
    "The information they give us is accurate": "accurate",
    "What they tell us is correct": "accurate",
    "Their information is reliable": "accurate",
    "When problems occur they help solve them rather than blame us": "problem_solving",
    "They don't point fingers": "problem_solving",
    "Issues are resolved together": "problem_solving",
    "They share our goals": "shared_goals",
    "We have common objectives": "shared_goals",
    "Our priorities are aligned": "shared_goals",
    "Everyone pulls in the same direction": "shared_goals",
    "They understand what our work involves": "shared_knowledge",
    "They know what we do": "shared_knowledge",
    "They are familiar with our processes": "shared_knowledge",
    "They value our contribution": "respect",
    "They are courteous": "respect",
    "We feel valued by them": "respect",
    "Overall, working with them is": "overall",
    "All things considered, how is the relationship?": "overall",
    "How satisfied are you with them in general?": "overall",
    "What one thing would make working with them better?": "comment",
    "Suggestions for improvement": "comment",
    "Any other comments": "comment",
    "I know who my liaison is": "knows_liaison",
    "Do you know your contact person there?": "knows_liaison",
    "How often do you meet with them?": "meeting_cadence",
}


@pytest.mark.parametrize(("text", "item"), sorted(WORDINGS.items()))
def test_statements_are_matched_by_meaning(text, item):
    match = match_item(text)
    assert match.item == item
    assert 0 < match.confidence <= 1


def test_the_four_wordings_of_the_issue_are_matched_with_high_confidence():
    for text in list(WORDINGS)[:4]:
        assert match_item(text).confidence >= 0.75, text


def test_rapports_own_template_wordings_map_to_their_items():
    from surveys.templates import builtin_templates

    for template in builtin_templates().values():
        for question in template.questions:
            assert match_item(question.text).item == question.item, question.text


def test_a_statement_about_nothing_matches_no_item():
    assert match_item("Please tick the box").item is None


def test_department_names_are_found_in_questions_and_row_labels():
    assert find_departments("How timely is IT?", DEPARTMENTS)[0][0] == "IT"
    assert find_departments("it arrives in time", DEPARTMENTS) == []
    assert find_departments("Working with the operations team [x]", DEPARTMENTS)[0][0] == (
        "Operations"
    )
    assert find_departments("Information Technology", DEPARTMENTS)[0][0] == "IT"


def _shape(mapping):
    """What a mapping decides, with scale tables by content rather than by name."""
    columns = {
        key: (rule.target, rule.item, tuple(sorted(mapping.scales.get(rule.scale, {}).items())))
        for key, rule in mapping.columns.items()
    }
    return {
        "columns": columns,
        "department": (mapping.department_column, mapping.department_fixed),
        "date": (mapping.date_column, mapping.date_format),
        "wave": (mapping.wave_fixed, mapping.wave_by),
        "response_id": mapping.response_id,
        "drop": set(mapping.drop),
    }


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_suggestion_is_the_checked_mapping(name):
    suggestion = suggest_mapping(fixture(name), DEPARTMENTS)
    checked = load_mapping(fixture(CASES[name][0]))
    assert _shape(suggestion.mapping) == _shape(checked)
    identity = [key for key, reason in suggestion.mapping.drop.items() if "identity" in reason]
    if name != "google.csv":
        assert identity, "every fixture but Google's has identity columns besides the e-mail"


def test_the_suggested_yaml_loads_back_into_the_same_mapping():
    for name in ("qualtrics.csv", "surveymonkey.xlsx", "forms.xlsx", "google.csv"):
        suggestion = suggest_mapping(fixture(name), DEPARTMENTS)
        again = parse_mapping(suggestion.to_yaml(), name)
        assert _shape(again) == _shape(suggestion.mapping)


def test_each_line_says_how_sure_it_is_and_what_to_check():
    text = suggest_mapping(fixture("qualtrics.csv"), DEPARTMENTS).to_yaml()
    line = next(ln for ln in text.splitlines() if ln.startswith("  Q3_2:"))
    assert "{target: IT, item: respect, scale: numbers_1_7}  # high 0.88" in line
    scale = next(ln for ln in text.splitlines() if ln.startswith("  numbers_1_7:"))
    assert scale.startswith("  numbers_1_7:  # CHECK: medium 0.60; numbers read as a 1-7 scale")
    assert text.count("CHECK:") == 1
    assert "RecipientEmail: identity (e-mail)" in text
    assert "IPAddress: identity (IP address)" in text
    assert "response_id: ResponseId  # hashed" in text
    comment = next(ln for ln in text.splitlines() if ln.startswith("  Q7:"))
    assert comment.startswith("  Q7: {target: IT, item: comment}  # high 0.96")


def test_answer_codes_and_unknown_departments_are_left_to_the_user():
    suggestion = suggest_mapping(fixture("limesurvey_codes.csv"), DEPARTMENTS)
    assert suggestion.mapping.department_values == {"a1": "?", "a2": "?", "a3": "?", "a4": "?"}
    text = suggestion.to_yaml()
    assert '    a1: "?"  # CHECK: which department?' in text
    with pytest.raises(ImportProblems) as caught:
        confident_mapping(fixture("limesurvey_codes.csv"), DEPARTMENTS)
    assert "needs a checked mapping" in caught.value.lines()[-1]


def test_unknown_answers_are_left_unset_not_skipped(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(
        "Team,How timely is IT?\nSales,Sometimes\nMarketing,Often\nOperations,Sometimes\n",
        encoding="utf-8",
    )
    suggestion = suggest_mapping(path, DEPARTMENTS, wave="2025-10")
    rule = suggestion.mapping.columns["How timely is IT?"]
    assert suggestion.mapping.scales[rule.scale] == {"often": "?", "sometimes": "?"}
    assert '    often: "?"  # CHECK' in suggestion.to_yaml()
    assert suggestion.decisions[f"scale:{rule.scale}"].check
    assert suggestion.decisions[f"scale:{rule.scale}"] in suggestion.to_check()


def test_confident_files_need_no_mapping_and_doubtful_ones_say_which_lines():
    assert confident_mapping(fixture("surveymonkey.xlsx"), DEPARTMENTS).columns
    with pytest.raises(ImportProblems) as caught:
        confident_mapping(fixture("qualtrics.csv"), DEPARTMENTS)
    lines = caught.value.lines()
    assert lines[0] == (
        f"{fixture('qualtrics.csv')}:1: scale numbers_1_7: not certain (0.60): numbers read "
        "as a 1-7 scale (answers seen: 1 to 7); if the question had another range, correct "
        "this table"
    )
    assert len(lines) == 2
    assert "rapport import --suggest-mapping" in lines[-1]


def test_without_a_workspace_departments_come_from_the_file(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(
        "Department,How timely is Pharmacy?,How timely is IT?\n"
        "Pharmacy,,Agree\nIT,Disagree,\nPharmacy,,Strongly agree\n",
        encoding="utf-8",
    )
    suggestion = suggest_mapping(path, wave="2025-10")
    targets = {rule.target for rule in suggestion.mapping.columns.values()}
    assert targets == {"Pharmacy", "IT"}
    assert "Departments were taken from the file" in suggestion.to_yaml()


def test_edits_are_the_users_decisions_and_keep_the_mapping_valid():
    suggestion = suggest_mapping(fixture("forms.xlsx"), DEPARTMENTS)
    key = "Overall, how would you rate working with IT?"
    suggestion.drop(key)
    assert key in suggestion.mapping.drop and key not in suggestion.mapping.columns
    suggestion.assign(key, "IT", "overall")
    rule = suggestion.mapping.columns[key]
    assert (rule.target, rule.item, rule.scale) == ("IT", "overall", "numbers_1_5")
    assert suggestion.decisions[key].note == "set by hand"
    for other in list(suggestion.mapping.columns):
        if other.startswith("Overall"):
            suggestion.drop(other)
    assert "numbers_1_5" not in suggestion.mapping.scales  # no column uses it any more
    assert "scale:numbers_1_5" not in suggestion.decisions
    suggestion.set_wave(fixed="2026-spring")
    again = parse_mapping(suggestion.to_yaml(), "edited.yaml")
    assert again.wave_fixed == "2026-spring" and again.wave_by is None
    assert _shape(again) == _shape(suggestion.mapping)
    assert suggestion.to_check() == []


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("ManagerEmail", "e-mail"),
        ("RecipientEmail", "e-mail"),
        ("E-mail address", "e-mail"),
        ("mobile_phone", "contact or device"),
        ("Telephone", "contact or device"),
        ("Phone number", "contact or device"),
        ("displayName", "name"),
        ("accountEmail", "e-mail"),  # Peakon's export field
        ("Account email", "e-mail"),
        # short questions that only mention a contact word are questions
        ("Phone support", ""),
        ("Email response time", ""),
        ("Email them", ""),
    ],
)
def test_short_field_names_that_hold_contacts_are_told_from_questions(header, reason):
    from surveys.importing.identity import identity_in_name
    from surveys.importing.layouts import Column

    assert identity_in_name(Column(0, header, header)) == reason
