"""The comments explorer, driven as HR would on the demo workspace."""

from __future__ import annotations

import math
import re

from PySide6.QtCore import Qt

from analysis.comment_search import fts_query
from analysis.comments_query import CommentFilter, select_groups
from desktop_app.context import Changes
from desktop_app.models.comments_model import COLUMNS, PAGE
from desktop_app.panels.comments_panel import CommentsPanel
from surveys.bands import format_share
from surveys.store import open_workspace


def _choose(box, text: str) -> None:
    index = box.findText(text)
    assert index >= 0, f"{text!r} not offered in {box.objectName()}"
    box.setCurrentIndex(index)


def _all_rows(panel):
    while panel.model.canFetchMore():
        panel.model.fetchMore()
    return panel.model.rows


def _shown_texts(panel) -> list[str]:
    column = 3
    return [
        panel.model.index(r, column).data(Qt.DisplayRole) for r in range(panel.model.rowCount())
    ]


def test_filters_by_pair_and_searches_the_redacted_text(open_panel, qtbot) -> None:
    panel = open_panel(CommentsPanel)
    assert panel.model.rowCount() == PAGE  # paged: only the first page is loaded
    _choose(panel.from_box, "Sales")
    _choose(panel.to_box, "IT")
    rows = _all_rows(panel)
    assert rows and {(r.from_dept, r.to_dept) for r in rows} == {("Sales", "IT")}
    assert panel.message.text().startswith(f"{len(rows)} comments shown.")
    _choose(panel.from_box, "All")
    _choose(panel.to_box, "All")
    qtbot.keyClicks(panel.search, "meeting")
    qtbot.waitUntil(lambda: panel.model.filter.search == "meeting", timeout=10_000)
    texts = [r.text for r in _all_rows(panel)]
    assert len(texts) >= 5 and all("meeting" in t.lower() for t in texts)


def test_sorting_by_sentiment_reorders_the_rows(open_panel) -> None:
    panel = open_panel(CommentsPanel)
    panel.table.sortByColumn(COLUMNS.index("sentiment"), Qt.AscendingOrder)
    scores = [r.sentiment for r in panel.model.rows]
    assert scores == sorted(scores) and scores[0] < 0


def test_correcting_a_label_is_stored_and_shown(open_panel, demo_workspace, qtbot) -> None:
    panel = open_panel(CommentsPanel)
    panel.table.selectRow(0)
    row = panel.model.row_at(0)
    target = "neutral" if row.label != "neutral" else "positive"
    with qtbot.waitSignal(panel.context.data_changed) as changed:
        qtbot.mouseClick(panel.label_buttons[target], Qt.LeftButton)
    assert changed.args == [Changes(labels=True), panel]
    db = open_workspace(demo_workspace)
    stored = db.execute(
        "SELECT label_corrected, label FROM comments WHERE id = ?", [row.id]
    ).fetchone()
    db.close()
    assert stored == (target, target)
    assert panel.model.index(0, COLUMNS.index("label")).data() == f"{target} (corrected)"
    assert panel.learn_status.text() == "1 correction; learning starts at 20."
    qtbot.mouseClick(panel.undo_button, Qt.LeftButton)
    db = open_workspace(demo_workspace)
    assert db.execute(
        "SELECT label_corrected, label FROM comments WHERE id = ?", [row.id]
    ).fetchone() == (None, row.label)
    db.close()


def _cell(panel, row: int, column: str) -> str:
    return panel.model.index(row, COLUMNS.index(column)).data(Qt.DisplayRole)


def test_review_next_offers_the_least_certain_labels_and_moves_on(open_panel, qtbot) -> None:
    panel = open_panel(CommentsPanel)
    qtbot.mouseClick(panel.review_button, Qt.LeftButton)
    first = panel.model.rows[:20]
    sure = [r.confidence for r in first]
    assert not any(r.corrected for r in first) and None not in sure
    assert sure == sorted(sure) and sure[0] < sure[-1] <= 1  # least certain first
    assert _cell(panel, 0, "confidence") == format_share(sure[0])  # "93 %", as elsewhere
    assert panel.table.currentIndex().row() == 0
    row = panel.model.row_at(0)
    target = "negative" if row.label != "negative" else "positive"
    with qtbot.waitSignal(panel.context.data_changed):
        qtbot.mouseClick(panel.label_buttons[target], Qt.LeftButton)
    assert _cell(panel, 0, "label") == f"{target} (corrected)"
    assert _cell(panel, 0, "confidence") == "HR"
    shown = panel.model.row_at(0).sentiment  # the score follows the correction
    assert (shown <= -0.05) if target == "negative" else (shown >= 0.05)
    assert panel.table.currentIndex().row() == 1  # on to the next least certain comment
    panel.table.sortByColumn(COLUMNS.index("confidence"), Qt.AscendingOrder)
    assert panel.table.horizontalHeader().isSortIndicatorShown()
    ordered = [r.confidence for r in panel.model.rows[:30] if not r.corrected]
    assert ordered == sorted(ordered) and ordered[0] == sure[1]


def test_review_next_order_is_fixed_and_ties_are_broken(open_panel, demo_workspace) -> None:
    from analysis.label_review import review_queue

    db = open_workspace(demo_workspace)
    try:
        first, again = review_queue(db, 50), review_queue(db, 50)
    finally:
        db.close()
    assert [r.id for r in first] == [r.id for r in again]
    panel = open_panel(CommentsPanel)
    panel.review_next()
    assert [r.id for r in panel.model.rows[:50]] == [r.id for r in first]


def _plant_small_group_comment(folder, text: str, status: str = "closed") -> None:
    """One respondent of Marketing comments on Operations in a later wave (a group of 1).

    The demo's waves are released and take no more answers, so the comment goes into a
    wave of its own (closed by default, so the explorer lists it).
    """
    db = open_workspace(folder)
    ids = dict(db.execute("SELECT name, id FROM departments").fetchall())
    with db.atomic():
        wave = db.execute(
            "INSERT INTO waves (name, opens, status) VALUES ('2026-11', '2026-11-02', ?)",
            [status],
        ).lastrowid
        db.execute(
            "INSERT INTO submissions(id, wave_id, department_id, day) VALUES (?, ?, ?, ?)",
            ["planted-1", wave, ids["Marketing"], "2026-10-05"],
        )
        db.execute(
            "INSERT INTO comments(submission_id, wave_id, from_id, to_id, text, redacted, "
            "sentiment, label, analysed_with) VALUES (?, ?, ?, ?, ?, ?, -0.6, 'negative', "
            "(SELECT MAX(analysed_with) FROM comments))",  # analysed with today's names
            ["planted-1", wave, ids["Marketing"], ids["Operations"], text, text],
        )
    db.close()


def test_a_comment_from_a_group_under_k_never_appears(open_panel, demo_workspace, qtbot) -> None:
    _plant_small_group_comment(demo_workspace, "Zanzibar forms are lost between us")
    panel = open_panel(CommentsPanel)
    assert all("Zanzibar" not in r.text for r in _all_rows(panel))
    qtbot.keyClicks(panel.search, "Zanzibar")
    panel.apply_filter()
    assert panel.model.rowCount() == 0
    assert "No comments match" in panel.message.text()
    _choose(panel.from_box, "Marketing")
    _choose(panel.to_box, "Operations")
    panel.search.clear()
    panel.apply_filter()
    assert all("Zanzibar" not in r.text for r in _all_rows(panel))


def test_a_filter_isolating_fewer_than_k_shows_a_message(open_panel, demo_workspace) -> None:
    panel = open_panel(CommentsPanel)
    db = open_workspace(demo_workspace)
    try:
        assert select_groups(db, CommentFilter(search="budget")).hidden_groups
    finally:
        db.close()
    panel.search.setText("budget")
    panel.apply_filter()
    assert panel.model.rowCount() == 0
    assert "fewer than 5 people" in panel.message.text()


def test_only_redacted_text_is_shown(open_panel, demo_workspace) -> None:
    panel = open_panel(CommentsPanel)
    db = open_workspace(demo_workspace)
    names = ["Ana Duarte", "Grace Okafor", "Jonas Weller", "Marek Novak", "Priya Raman"]
    raw_with_names = db.execute(
        "SELECT COUNT(*) FROM comments WHERE " + " OR ".join("text LIKE ?" for _ in names),
        [f"%{n.split()[0]}%" for n in names],
    ).fetchone()[0]
    db.close()
    assert raw_with_names > 0  # the demo does contain names ...
    texts = [r.text for r in _all_rows(panel)]
    assert any("[name]" in t for t in texts)  # ... and they are shown redacted
    for name in names:
        assert all(part not in t for t in texts for part in name.split())


def test_search_input_never_breaks_the_query() -> None:
    assert fts_query('"budget" OR (sales*') == '"budget"* "OR"* "sales"*'
    assert fts_query("  ") == ""


def test_learning_from_corrections_runs_in_the_worker_and_reports(
    open_panel, demo_workspace, qtbot
) -> None:
    panel = open_panel(CommentsPanel)
    db = open_workspace(demo_workspace)
    rows = db.execute(
        "SELECT id, sentiment FROM comments WHERE redacted IS NOT NULL ORDER BY id LIMIT 60"
    ).fetchall()
    with db.atomic():
        for comment_id, score in rows:
            label = "negative" if (score or 0) < 0 else "positive"
            db.execute("UPDATE comments SET label_corrected = ? WHERE id = ?", [label, comment_id])
    db.close()
    panel.context.data_changed.emit(Changes(labels=True), None)  # written by someone else
    qtbot.waitUntil(panel.learn_button.isEnabled, timeout=5000)
    assert panel.learn_status.text().startswith("60 corrections")
    qtbot.mouseClick(panel.learn_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: panel.learn_status.text().startswith("Learned from 60"), timeout=60000)
    assert "cross-validated macro-F1" in panel.learn_status.text()
    qtbot.waitUntil(panel.learn_button.isEnabled, timeout=5000)


def test_a_name_added_to_the_list_never_shows_before_the_analysis_ran(
    open_panel, demo_workspace
) -> None:
    from analysis.pipeline import analyse_workspace
    from analysis.privacy_settings import redaction_names, save_redaction_names

    panel = open_panel(CommentsPanel)
    word = re.compile(r"\bmeeting\b", re.IGNORECASE)
    assert any(word.search(r.text) for r in _all_rows(panel))
    db = open_workspace(demo_workspace)
    save_redaction_names(db, [*redaction_names(db), "Meeting"])
    db.close()
    panel.apply_filter()
    assert panel.model.rowCount() == 0  # every stored redaction is out of date
    analyse_workspace(demo_workspace)  # redacts every comment again, once
    panel.apply_filter()
    texts = [r.text for r in _all_rows(panel)]
    assert texts and not any(word.search(t) for t in texts)


def test_refreshes_on_another_panels_change_and_not_on_its_own(
    open_panel, demo_workspace, qtbot, monkeypatch
) -> None:
    from analysis.sentiment.comment_labels import correct_label

    panel = open_panel(CommentsPanel)
    reloads = []
    reload = panel.model.reload
    monkeypatch.setattr(panel.model, "reload", lambda: (reloads.append(1), reload())[1])

    panel.table.selectRow(0)
    first = panel.model.row_at(0)
    mark = "neutral" if first.label != "neutral" else "positive"
    qtbot.mouseClick(panel.label_buttons[mark], Qt.LeftButton)  # its own change
    assert reloads == [] and panel.model.row_at(0).label == mark  # shown in place, no re-read

    panel.context.data_changed.emit(Changes(actions=True), object())  # touches no comment
    assert reloads == []

    other = panel.model.row_at(1)
    label = "neutral" if other.label != "neutral" else "positive"
    db = open_workspace(demo_workspace)
    correct_label(db, other.id, label)  # written by another panel ...
    db.close()
    panel.context.data_changed.emit(Changes(labels=True), object())  # ... which says so
    assert reloads == [1]
    fresh = next(r for r in _all_rows(panel) if r.id == other.id)
    assert (fresh.label, fresh.corrected) == (label, True)


def test_no_filter_tells_what_a_hidden_group_wrote(open_panel, demo_workspace) -> None:
    # The demo's Marketing -> Sales group of 2026-05 wrote one comment (hidden: under k).
    # Searching a word of it, or choosing its sentiment, must say exactly what a word or
    # sentiment it does not have says: the hint about hidden groups is not an oracle.
    db = open_workspace(demo_workspace)
    text, label = db.execute(
        "SELECT c.redacted, c.label FROM comments c JOIN waves w ON w.id = c.wave_id "
        "JOIN departments df ON df.id = c.from_id JOIN departments dt ON dt.id = c.to_id "
        "WHERE w.name = '2026-05' AND df.name = 'Marketing' AND dt.name = 'Sales'"
    ).fetchone()
    db.close()
    assert "handover" in text and "zanzibar" not in text.lower()
    panel = open_panel(CommentsPanel)
    _choose(panel.wave_box, "2026-05")
    _choose(panel.from_box, "Marketing")
    _choose(panel.to_box, "Sales")
    messages = {}
    for word in ("handover", "zanzibar", ""):
        panel.search.setText(word)
        panel.apply_filter()
        assert panel.model.rowCount() == 0
        messages[word] = panel.message.text()
    assert messages["handover"] == messages["zanzibar"]
    assert "fewer than 5 people commented are hidden" in messages[""]
    panel.search.clear()
    said = set()
    for index in range(1, panel.sentiment_box.count()):
        panel.sentiment_box.setCurrentIndex(index)
        panel.apply_filter()
        said.add(panel.message.text())
    assert len(said) == 1, said


def test_an_open_waves_comments_give_no_hint(open_panel, demo_workspace) -> None:
    # A comment of a wave still open (analysed, so redacted) must not answer a search either.
    _plant_small_group_comment(demo_workspace, "Zanzibar pay cuts announced", status="open")
    panel = open_panel(CommentsPanel)
    messages = {}
    for word in ("Zanzibar", "Quagmire"):
        panel.search.setText(word)
        panel.apply_filter()
        messages[word] = panel.message.text()
    assert messages["Zanzibar"] == messages["Quagmire"]


def test_the_theme_filter_names_topics_with_a_capital(open_panel) -> None:
    panel = open_panel(CommentsPanel)
    box = panel.theme_box
    topics = [box.itemText(i) for i in range(box.count()) if box.itemText(i).startswith("Topic: ")]
    assert topics, "the demo has discovered topics"
    # "Topic: sales, committing, deal" read as two sentences glued; the filter's key is kept
    assert all(not name[len("Topic: ")].islower() for name in topics)
    assert all(
        str(box.itemData(i)).startswith("topic:")
        for i in range(box.count())
        if box.itemText(i).startswith("Topic: ")
    )


def test_an_empty_table_unfolded_shows_its_column_titles_whole(qtbot, workspace) -> None:
    """A new workspace has no comments. Folded on a narrow window and unfolded on a wide
    one, the name columns were Qt's 26-pixel minimum: "Wav", "rom", ".bou"."""
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(700, 600)
    window.show()
    assert window.open_workspace(str(workspace))
    window.show_section("comments")
    columns = window.panel("comments").columns
    qtbot.waitUntil(lambda: columns.folded, timeout=5_000)
    window.resize(1400, 800)
    qtbot.waitUntil(lambda: not columns.folded, timeout=5_000)
    header = columns.view.horizontalHeader()
    for column in columns.caps:
        title = columns.view.model().headerData(column, Qt.Horizontal)
        assert header.sectionSize(column) >= columns.content_width(column), title
        assert header.sectionSize(column) > header.minimumSectionSize(), title


def test_scrolling_to_the_end_takes_few_queries_each_page_longer(open_panel, monkeypatch) -> None:
    """Every page sorts the whole selection again in SQLite (0.1–0.7 s of the GUI thread on
    160,000 comments): pages of a fixed length took 800 such queries to reach the end of a
    big organisation's comments. Later pages double the rows loaded, and no row is lost
    or repeated on the way."""
    from desktop_app.models import comments_model, comments_reads

    panel = open_panel(CommentsPanel)
    everything = [r.id for r in _all_rows(panel)]
    monkeypatch.setattr(comments_model, "PAGE", 3)
    queries = []
    real = comments_reads.fetch_rows

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        queries.append(args[4])
        return real(*args, **kwargs)

    monkeypatch.setattr(comments_reads, "fetch_rows", counted)
    panel.model.reload()
    assert panel.model.rowCount() == 3
    ids = [r.id for r in _all_rows(panel)]
    assert ids == everything and len(everything) > 60
    assert len(queries) <= math.ceil(math.log2(len(everything) / 3)) + 1
    assert queries[:4] == [3, 3, 6, 12]


def test_fitting_the_columns_measures_a_page_not_every_loaded_row(open_panel, monkeypatch) -> None:
    """The columns are fitted again at every page loaded and every label corrected; Qt
    measured up to 1,000 rows of every column each time (1.5 s of the GUI thread per N, U
    or P once the analyst had scrolled down a big organisation's comments)."""
    panel = open_panel(CommentsPanel)
    rows = _all_rows(panel)
    assert len(rows) > PAGE + 100
    measured = set()
    real = type(panel.model).data

    def counted(model, index, role=Qt.DisplayRole):  # noqa: ANN001, ANN202
        measured.add(index.row())
        return real(model, index, role)

    monkeypatch.setattr(type(panel.model), "data", counted)
    panel.columns.fit()
    assert measured and len(measured) <= PAGE + 30  # a page, and the rows on screen


def test_a_fit_measures_each_column_once_and_asks_only_for_the_roles_shown(
    open_panel, monkeypatch
) -> None:
    """Each measure asks the model for a page of rows in every role: the capped columns
    were measured twice a fit and the comment once more, and every role was compared with
    Qt's enums in turn (0.3 s of CPU per fit on 163,000 comments; see
    bench/comments_filter_bench.py)."""
    panel = open_panel(CommentsPanel)
    measured = []
    real = type(panel.columns).content_width
    monkeypatch.setattr(
        type(panel.columns), "content_width", lambda s, c: (measured.append(c), real(s, c))[1]
    )
    panel.columns.fit()
    assert sorted(measured) == sorted(set(measured))
    index = panel.model.index(0, COLUMNS.index("label"))
    assert index.data(Qt.DecorationRole) is None and index.data(Qt.SizeHintRole) is None
    assert index.data(Qt.TextAlignmentRole) is None
    figure = panel.model.index(0, COLUMNS.index("sentiment"))
    assert figure.data(Qt.TextAlignmentRole) == int(Qt.AlignRight | Qt.AlignVCenter)
