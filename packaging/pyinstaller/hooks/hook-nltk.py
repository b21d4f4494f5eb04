"""Rapport's hook for NLTK, used instead of the stock one from pyinstaller-hooks-contrib.

The stock hook copies every ``nltk_data`` folder it finds on the build machine (corpora of
hundreds of megabytes in a developer's home) into the bundle. Rapport uses no NLTK data:
VADER's lexicon comes from the vaderSentiment package, the tokeniser is a regular
expression and the stemmer is PyStemmer's, which carries its rules in code. Only NLTK's own package
files are collected, so the bundle is the same on every build machine.
"""

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("nltk", include_py_files=False)
hiddenimports = ["nltk.chunk.named_entity"]
