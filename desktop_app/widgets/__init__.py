"""Reusable widgets of the HR window.

What belongs here: widgets that more than one panel could use and that know no workspace:
the heatmap, network view and charts painted with QPainter (QtCharts is not shipped),
colours, pickers, the welcome page and the job status bar. They take plain data (or a
model) and emit signals; reading the workspace is the panel's job.
"""
