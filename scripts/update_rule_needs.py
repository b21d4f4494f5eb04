"""Write ``analysis/data/workplace_rule_needs.json``: the literal and whole-word needs of each
workplace rule.

Run after editing ``analysis/data/workplace_rules.yaml``, ``analysis/sentiment/rule_needs.py``
or ``analysis/sentiment/rule_words.py`` (raise ``NEEDS_VERSION`` with a change to how needs
are found; ``tests/analysis/test_rule_needs_file.py`` fails until then):

    .venv/bin/python scripts/update_rule_needs.py
"""

from __future__ import annotations

import json
from pathlib import Path

from analysis.sentiment.lexicon import WORKPLACE_RULE_NEEDS, WORKPLACE_RULES, rule_regexes
from analysis.sentiment.rule_needs import needs_table

DATA = Path(__file__).resolve().parent.parent / "analysis" / "data"


def main() -> None:
    regexes = rule_regexes((DATA / WORKPLACE_RULES).read_text(encoding="utf-8"))
    text = json.dumps(needs_table(regexes), indent=1, ensure_ascii=False, sort_keys=True)
    (DATA / WORKPLACE_RULE_NEEDS).write_text(text + "\n", encoding="utf-8")
    print(f"Wrote {WORKPLACE_RULE_NEEDS}: the needs of {len(regexes)} rules.")


if __name__ == "__main__":
    main()
