"""Rapport's desktop application: the Qt GUI and the `rapport` command line."""
