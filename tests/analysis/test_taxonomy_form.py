"""The themes form's model: drafts from YAML and back, checks as HR types, the version."""

from __future__ import annotations

import pytest

from analysis.taxonomy_form import (
    ThemeDraft,
    check_drafts,
    describe,
    drafts_from_yaml,
    drafts_to_yaml,
    split_entries,
)
from analysis.taxonomy_setting import shipped_taxonomy_text
from analysis.text import compile_phrase
from analysis.themes import TaxonomyError, has_word, taxonomy_from_yaml_text


def test_a_stray_line_can_no_longer_become_the_version() -> None:
    text = shipped_taxonomy_text().replace("version: 1\n", "version: 1\n ][\n")
    with pytest.raises(TaxonomyError) as caught:
        taxonomy_from_yaml_text(text, "taxonomy.yaml")
    assert "line 13, field 'version': '1 ][' is not a version" in str(caught.value)


def test_unknown_top_fields_and_every_bad_theme_are_listed_with_lines() -> None:
    text = (
        "version: 2\nthemez: []\nthemes:\n"
        "  - id: a\n    label: A\n    keywords: ['!!!']\n"
        "  - id: b\n    label: ''\n    keywords: [x]\n"
    )
    with pytest.raises(TaxonomyError) as caught:
        taxonomy_from_yaml_text(text, "t.yaml")
    assert [p.split(":")[0] for p in caught.value.problems] == [
        "t.yaml, line 2",
        "t.yaml, line 6, theme 'a', field 'keywords'",
        "t.yaml, line 8, theme 'b', field 'label'",
    ]
    assert "stems to nothing" in caught.value.problems[1]


def test_the_shipped_themes_go_through_the_form_unchanged() -> None:
    version, drafts = drafts_from_yaml(shipped_taxonomy_text(), "taxonomy.yaml")
    assert version == "1" and len(drafts) == 11 and check_drafts(drafts) == []
    again = taxonomy_from_yaml_text(drafts_to_yaml(drafts, version), "taxonomy.yaml")
    shipped = taxonomy_from_yaml_text(shipped_taxonomy_text(), "taxonomy.yaml")
    assert again.themes == shipped.themes and again.version == shipped.version


def test_new_themes_get_ids_from_their_names() -> None:
    drafts = [
        ThemeDraft("Vendor contracts", ["vendor"]),
        ThemeDraft("Vendor contracts!", ["po"], id=""),
        ThemeDraft("3rd party", phrases=["third party"]),
    ]
    taxonomy = taxonomy_from_yaml_text(drafts_to_yaml(drafts), "t.yaml")
    assert taxonomy.ids == ["vendor_contracts", "vendor_contracts_2", "theme_3rd_party"]
    assert taxonomy.theme("theme_3rd_party").phrases == ("third party",)


def test_problems_name_the_theme_and_the_field() -> None:
    drafts = [
        ThemeDraft("Budget", ["money", "Money"]),
        ThemeDraft("", ["x"]),
        ThemeDraft("budget ", ["cost"]),
        ThemeDraft("Nothing"),
        ThemeDraft("Marks", phrases=["?!", "* ..."]),
    ]
    found = [describe(p, drafts) for p in check_drafts(drafts)]
    assert found == [
        "Theme 1 “Budget”, keywords: “Money” is listed twice; keep one.",
        "Theme 2, name: The name is empty; type the name people will read.",
        "Theme 3 “budget”, name: Theme 1 has the same name; give each theme its own name.",
        "Theme 4 “Nothing”, keywords: It has no keywords and no phrases, so it can never match.",
        "Theme 5 “Marks”, phrases: “?!” has no word in it (it stems to nothing); remove it or "
        "write a word.",
        "Theme 5 “Marks”, phrases: “* ...” has no word in it (it stems to nothing); remove it "
        "or write a word.",
    ]
    assert check_drafts([]) and check_drafts([])[0].theme == -1


@pytest.mark.parametrize(
    "text", ["delay", "!!!", "?", "*", "...", "* ...", "sign-off", "IT's", "…", "ça va", "42", "_"]
)
def test_has_word_agrees_with_the_stemmer(text: str) -> None:
    assert has_word(text) == bool(compile_phrase(text))


def test_entries_split_on_commas_and_lines() -> None:
    assert split_entries("slow, late\n\n sign off ,\nwait") == ["slow", "late", "sign off", "wait"]


def test_a_keyword_nearly_every_comment_holds_is_a_problem_and_it_in_capitals_is_not() -> None:
    drafts = [ThemeDraft("Tools", ["it", "IT", "we", "crm"], phrases=["us and them"])]
    found = [describe(p, drafts) for p in check_drafts(drafts)]
    assert found == [
        "Theme 1 “Tools”, keywords: “it” is in nearly every comment, so the theme would fit "
        "almost all of them; remove it. For the acronym, write “IT”.",
        "Theme 1 “Tools”, keywords: “we” is in nearly every comment, so the theme would fit "
        "almost all of them; remove it.",
    ]  # "IT" is the department, and a phrase of common words says something of its own
    assert check_drafts([ThemeDraft("Tools", ["IT", "PM", "crm"])]) == []


def test_a_phrase_of_one_common_word_is_a_problem_as_the_keyword_is() -> None:
    """A one-word phrase matched nearly every comment, with twice a keyword's weight."""
    drafts = [ThemeDraft("Tools", ["laptop"], phrases=["it", "IT", "what we do", "the"])]
    found = [describe(p, drafts) for p in check_drafts(drafts)]
    assert found == [
        "Theme 1 “Tools”, phrases: “it” is in nearly every comment, so the theme would fit "
        "almost all of them; remove it. For the acronym, write “IT”.",
        "Theme 1 “Tools”, phrases: “the” is in nearly every comment, so the theme would fit "
        "almost all of them; remove it.",
    ]
