"""Reusable widgets of the HR window, painted with QPainter (QtCharts is not shipped)."""
