"""The wizard's second page: check the mapping against a live preview of the first rows.

A table shows every column of the file and what it becomes (target department, item and
scale, with the suggestion's confidence), dropped and identity columns greyed, columns not
in the mapping in amber, lines to check in yellow. Targets, items and scale values are
edited in place. Below, the first responses are shown as Rapport will read them
(department, target, item, value), with every problem found so far by row and column. The
mapping can be saved for next year's file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop_app.import_wizard.column_fit import fit_columns
from desktop_app.import_wizard.date_choice import DateFormatChoice, wave_tip
from desktop_app.models.import_models import (
    ITEM,
    NOT_IMPORTED,
    TARGET,
    VALUE,
    ColumnsModel,
    DepartmentsModel,
    PreviewModel,
    ScalesModel,
    item_label,
)
from desktop_app.widgets.combo_delegate import ComboDelegate
from desktop_app.widgets.plain_text import wrapped_tip
from desktop_app.widgets.problem_list import problem_list
from desktop_app.widgets.tab_out import let_tab_leave
from surveys.model import ITEMS

#: Milliseconds between the last edit and the preview being read again.
PREVIEW_DELAY_MS = 150
_BY_MONTH, _BY_QUARTER, _FIXED = 0, 1, 2


def _table(model, name: str) -> QTableView:
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setEditTriggers(QAbstractItemView.AllEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    let_tab_leave(view)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    return view


class MappingPage(QWizardPage):
    """Check and edit the mapping; see the first rows as they will be imported."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Check the mapping"))
        self.setSubTitle(
            self.tr(
                "Each column of the file and what Rapport makes of it. Change a target or an "
                "item by clicking it; the preview below follows."
            )
        )
        self.suggestion = None
        self.problems_found: list[str] = []
        self.timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.refresh_preview)
        self.department = QComboBox(objectName="importDepartment")
        self.department.setAccessibleName(self.tr("Respondent's department"))
        self.department.setPlaceholderText(self.tr("Choose the column that names it"))
        self.wave = QComboBox(objectName="importWave")
        self.wave.addItems(
            [
                self.tr("By month of the date"),
                self.tr("By quarter of the date"),
                self.tr("One wave named:"),
            ]
        )
        self.wave.setAccessibleName(self.tr("Wave"))
        self.wave_name = QLineEdit(objectName="importWaveName", placeholderText="e.g. 2025-10")
        self.wave_name.setAccessibleName(self.tr("Wave name"))
        # What the dates give ("the dates give wave 2025-11"), while the wave comes from them.
        self.waves_seen = QLabel(objectName="importWavesSeen")
        self.date_format = DateFormatChoice()
        self.date_label = QLabel(self.tr("D&ates:"))
        self.date_label.setBuddy(self.date_format)
        self.columns_view = _table(None, "importColumns")
        self.departments_view = _table(None, "importDepartments")
        self.scales_view = _table(None, "importScales")
        self.preview_view = _table(PreviewModel(self), "importPreview")
        self.preview_view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self._preview_fitted = False
        self.problems = problem_list("importProblems", self.tr("Problems"))
        self.status = QLabel(objectName="importMappingStatus", wordWrap=True)
        self.save_button = QPushButton(self.tr("&Save mapping…"), objectName="importSaveMapping")
        self.save_button.clicked.connect(self._on_save_clicked)
        self.department.activated.connect(self._on_department_activated)
        self.wave.activated.connect(self._on_wave_changed)
        self.wave_name.editingFinished.connect(self._on_wave_changed)
        self.date_format.format_chosen.connect(self._on_date_format_chosen)
        self._layout()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Respondent's &department:"), self.department)
        wave_row = QHBoxLayout()
        wave_row.addWidget(self.wave)
        wave_row.addWidget(self.wave_name, 1)
        wave_row.addWidget(self.waves_seen, 1)
        wave_label = QLabel(self.tr("&Wave:"))
        wave_label.setBuddy(self.wave)
        form.addRow(wave_label, wave_row)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_format)
        date_row.addStretch(1)
        form.addRow(self.date_label, date_row)
        tabs = QTabWidget(objectName="importTabs")
        self.tabs = tabs
        self.tab_titles = (self.tr("&Columns"), self.tr("De&partments"), self.tr("Sca&les"))
        for view, title in zip(
            (self.columns_view, self.departments_view, self.scales_view),
            self.tab_titles,
            strict=True,
        ):
            tabs.addTab(view, title)
        below = QWidget()
        lower = QVBoxLayout(below)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(QLabel(self.tr("Preview: the first responses as Rapport will read them")))
        lower.addWidget(self.preview_view, 2)
        self.problems_label = QLabel(self.tr("Problems (row and column):"))
        lower.addWidget(self.problems_label)
        lower.addWidget(self.problems, 1)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(tabs)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    # ------------------------------------------------------------- wizard
    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        prepared = self.wizard().prepared
        self.suggestion = prepared.suggestion
        self.departments = prepared.departments
        columns = ColumnsModel(self.suggestion, self.departments, self)
        scales = ScalesModel(self.suggestion, self)
        answers = DepartmentsModel(self.suggestion, self.departments, self)
        for view, model, editable in (
            (self.columns_view, columns, (TARGET, ITEM)),
            (self.departments_view, answers, (1,)),
            (self.scales_view, scales, (VALUE,)),
        ):
            view.setModel(model)
            for column in editable:
                view.setItemDelegateForColumn(column, ComboDelegate(view))
            model.mapping_edited.connect(self._on_model_mapping_edited)
        self.columns_model, self.scales_model, self.answers_model = columns, scales, answers
        item_width = _item_width(self.columns_view)
        fit_columns(self.columns_view, (1,), {ITEM: item_width}, caps={5: 42})
        fit_columns(self.departments_view, (0,))
        fit_columns(self.scales_view, (3,), caps={1: 30})
        if not self._preview_fitted:  # the page may be shown again (Back, Next)
            fit_columns(self.preview_view, (5,), {4: item_width})
            self._preview_fitted = True
        self._fill_department()
        self._fill_wave()
        self._fill_date()
        self.refresh_preview()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return (
            self.suggestion is not None
            and not self.problems_found
            and not (self.suggestion.mapping.date_column and self.date_format.asking())
        )

    # ------------------------------------------------------- top controls
    def _fill_department(self) -> None:
        mapping = self.suggestion.mapping
        self.department.clear()
        for status in self.columns_model.rows:
            if status.status not in ("identity",):
                self.department.addItem(
                    self.tr("Column %1: %2")
                    .replace("%1", status.letter)
                    .replace("%2", " ".join(status.text.split())[:60]),
                    f"column:{status.key}",
                )
        for name in self.departments:
            self.department.addItem(
                self.tr("Everyone is from %1").replace("%1", name), f"fixed:{name}"
            )
        wanted = (
            f"column:{mapping.department_column}"
            if mapping.department_column
            else f"fixed:{mapping.department_fixed}"
        )
        # A column the file does not have (a saved mapping, a changed survey) is not shown
        # as the file's first column: the box asks for one.
        self.department.setCurrentIndex(self.department.findData(wanted))

    def _fill_wave(self) -> None:
        mapping = self.suggestion.mapping
        has_date = bool(mapping.date_column)
        for index in (_BY_MONTH, _BY_QUARTER):
            self.wave.model().item(index).setEnabled(has_date)
        choice = {"month": _BY_MONTH, "quarter": _BY_QUARTER}.get(mapping.wave_by or "", _FIXED)
        self.wave.setCurrentIndex(choice)
        self.wave_name.setText(mapping.wave_fixed or "")
        self._show_wave_name(choice == _FIXED)

    def _fill_date(self) -> None:
        has_date = bool(self.suggestion.mapping.date_column)
        self.date_label.setVisible(has_date)
        self.date_format.setVisible(has_date)
        if has_date:
            self.date_format.show_for(self.suggestion)

    def _on_date_format_chosen(self, fmt: str) -> None:
        self.suggestion.set_date_format(fmt)
        self._fill_wave()  # the dates read so may give other months: suggested again
        self._on_model_mapping_edited()

    def _show_wave_name(self, fixed: bool) -> None:
        # A name is typed only for one wave; otherwise the dates give it and it is shown.
        self.wave_name.setVisible(fixed)
        self.waves_seen.setVisible(not fixed)

    def _on_department_activated(self, index: int) -> None:
        kind, _, value = self.department.itemData(index).partition(":")
        if kind == "column":
            self.suggestion.set_department_column(value)
        else:
            self.suggestion.set_department_fixed(value)
        self._on_model_mapping_edited()

    def _on_wave_changed(self, *_args) -> None:
        choice = self.wave.currentIndex()
        self._show_wave_name(choice == _FIXED)
        if choice == _FIXED:
            self.suggestion.set_wave(fixed=self.wave_name.text().strip() or None)
        else:
            self.suggestion.set_wave(by="month" if choice == _BY_MONTH else "quarter")
        self._on_model_mapping_edited()

    # ------------------------------------------------------------ preview
    def _on_model_mapping_edited(self) -> None:
        for model in (self.columns_model, self.scales_model, self.answers_model):
            if model is not self.sender():
                model.refresh()
        self.timer.start()

    def refresh_preview(self) -> None:
        """Read the first responses again through the mapping as it is now."""
        from surveys.importing.preview import preview
        from surveys.read_options import reading_as

        prepared = self.wizard().prepared
        with reading_as(prepared.read):  # the encoding and worksheet chosen on the file page
            result = preview(
                prepared.path, prepared.layout, self.suggestion.mapping, self.departments
            )
        self.preview_view.model().show(result.answers)
        self._show_waves(result.waves)
        self.problems_found = result.problems
        self.problems.clear()
        mapping_file = Path(self.suggestion.mapping.source)
        self.problems.addItems(
            [
                _without_folder(_without_folder(p, prepared.path), mapping_file).replace(
                    "<mapping>:1: ", self.tr("Mapping: ")
                )
                for p in result.problems
            ]
        )
        # An empty box under the preview read as something missing, and took its rows.
        self.problems_label.setVisible(bool(result.problems))
        self.problems.setVisible(bool(result.problems))
        doubtful = len(self.suggestion.to_check())
        places = self._mark_places_to_check()
        self.status.setText(
            self.tr("%n problems to fix before importing.", "", len(result.problems))
            if result.problems
            else self._no_problems(result.responses)
            + (
                " "
                + self.tr("%n lines of the suggestion to check (yellow).", "", doubtful)
                + " "
                + self.tr("Where: %1.").replace("%1", ", ".join(places))
                if doubtful
                else ""
            )
        )
        if self.suggestion.mapping.date_column and self.date_format.asking():
            ask = self.tr("To go on, choose whether the dates are day or month first (Dates).")
            self.status.setText(f"{ask} {self.status.text()}")
        self.completeChanged.emit()

    def _no_problems(self, responses: int) -> str:
        """What the preview found when nothing is wrong: "the first 0 responses" was said of
        a file none of whose columns is imported yet."""
        if responses or self.suggestion.mapping.columns:
            return self.tr("No problems in the first %n responses.", "", responses)
        return self.tr(
            "No answers are imported yet: give a column a Target and an Item under Columns."
        )

    def _mark_places_to_check(self) -> list[str]:
        """Mark the tabs that hold a line to check; name every place that holds one."""
        to_check = self.suggestion.to_check()
        sections = {decision.section for decision in to_check}
        department = "department" in sections
        tabs = (
            sections & {"columns", "drop"},
            any(name not in self.departments for _answer, name in self.answers_model.rows)
            or (department and bool(self.answers_model.rows)),
            sections & {"scales"},
        )
        places = []
        notes = [d.note for d in to_check if d.section == "department" and d.note]
        self.department.setToolTip(notes[0] if notes else "")  # why to check it
        waves = [wave_tip(d.note) for d in to_check if d.section == "wave" and d.note]
        self.wave.setToolTip(wrapped_tip(waves[0] if waves else ""))  # "column B's dates..."
        if department:
            places.append(self.tr("the respondent's department (above)"))
        if "date" in sections:
            places.append(self.tr("the dates (above): day or month first"))
        if "wave" in sections:
            places.append(self.tr("the wave (above)"))
        for index, (title, marked) in enumerate(zip(self.tab_titles, tabs, strict=True)):
            self.tabs.setTabText(index, title + self.tr(" (check)") if marked else title)
            if marked:
                places.append(self.tr("the %1 tab").replace("%1", title.replace("&", "")))
        return places

    def _show_waves(self, waves: list[str]) -> None:
        shown = ", ".join(waves if len(waves) <= 4 else [*waves[:2], "…", waves[-1]])
        if self.suggestion.mapping.date_column and self.date_format.asking():
            waves = []  # the waves of a guess: said once day or month first is chosen
        if not waves:
            text = ""
        elif len(waves) == 1:
            text = self.tr("the dates give wave %1").replace("%1", shown)
        else:
            text = self.tr("the dates give waves %1").replace("%1", shown)
        self.waves_seen.setText(text)

    def _on_save_clicked(self) -> None:
        prepared = self.wizard().prepared
        default = str(prepared.path.with_suffix(".mapping.yaml"))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the mapping"), default, self.tr("Import mapping (*.yaml)")
        )
        if path:
            self.save_mapping(Path(path))

    def save_mapping(self, path: Path) -> None:
        """Write the mapping as it is now (commented YAML) to ``path``."""
        try:
            path.write_text(self.suggestion.to_yaml(), encoding="utf-8")
        except OSError as exc:
            self.status.setText(
                self.tr("Could not save %1: %2")
                .replace("%1", str(path))
                .replace("%2", exc.strerror or str(exc))
            )
            return
        self.status.setText(self.tr("Saved the mapping to %1.").replace("%1", str(path)))


def _item_width(view: QTableView) -> int:
    """Room for the longest item ("Communication frequency") or "(not imported)" and the
    editor's arrow: the Item column cut them ("problem_solv…")."""
    metrics = view.fontMetrics()
    texts = (NOT_IMPORTED, *(item_label(key) for key in ITEMS))
    widest = max(metrics.horizontalAdvance(text) for text in texts)
    return widest + metrics.height() * 2


def _without_folder(problem: str, path: Path) -> str:
    """``/long/path/file.csv:3: ...`` shown as ``file.csv:3: ...``."""
    return problem.replace(str(path), path.name, 1)
