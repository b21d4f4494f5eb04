"""The respondent window's look: calm, readable, spacious enough at 150 % scaling."""

STYLE_SHEET = """
QLabel#pageHeading { font-size: 17pt; font-weight: 600; margin: 0 0 4px 0; padding: 0; }
QLabel#stepLabel { color: #444; margin-right: 8px; }
QLabel#questionText { font-weight: 600; }
QLabel#questionHelp, QLabel#pageHint { color: #555; }
QLabel#privacyNote {
    background: #eef4fb; border: 1px solid #c9dbef; border-radius: 6px; padding: 10px;
}
QLabel#privacyWarning {
    background: #fff6dd; border: 1px solid #e8cf86; border-radius: 6px; padding: 8px;
}
QLabel#inlineError { color: #a4262c; font-weight: 600; }
QLabel#deliveryStatus { font-size: 12pt; }
QRadioButton, QCheckBox { spacing: 6px; padding: 3px 0; }
QPushButton { padding: 5px 16px; }
QRadioButton:focus, QCheckBox:focus { background: #dde9f7; border-radius: 4px; }
"""
