"""Loading the sentiment data: VADER's lexicon, Rapport's workplace lexicon and rules.

All of it is package data read through :mod:`importlib.resources`, so it works in a fresh
install and in a frozen bundle without NLTK's downloader or the current directory. VADER's
own lexicon comes from the ``vaderSentiment`` distribution (the file NLTK's
``vader_lexicon.zip`` holds); it is read here directly because NLTK 3.10 refuses to open
files outside its data path.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from analysis.sentiment.rule_needs import Needs, literal_needs, needs_from_table, needs_table
from analysis.sentiment.rule_words import WordNeeds, word_needs, words_from_table
from analysis.sentiment.vader_tables import VaderTables
from surveys.errors import RapportError

CODE_VERSION = "2"
WORKPLACE_LEXICON = "workplace_lexicon.tsv"
WORKPLACE_RULES = "workplace_rules.yaml"
#: The literal needs of the workplace rules' patterns (:func:`shipped_needs`).
WORKPLACE_RULE_NEEDS = "workplace_rule_needs.json"


@dataclass(frozen=True)
class Rule:
    """One workplace phrase rule: a compiled pattern over joined tokens and its valence.

    ``mutes_positive`` marks a sarcasm rule: when it matches, every positive valence left in
    the text after all rules is set to 0 ("Great, another reorg." is not praise).
    ``opener`` marks a praise opener ("Lovely to ...", "Thanks for ..."): it changes no
    valence itself, but if a rule with a negative valence also matches the comment, the
    comment's positive valences are muted as for ``mutes_positive`` (praise that opens a
    workplace complaint is sarcasm). ``needs`` is the literal text the pattern cannot match
    without (:func:`analysis.sentiment.rule_needs.literal_needs`, worked out from the
    pattern), which lets scoring skip the pattern on most comments; ``words`` the whole words
    it cannot match without (:func:`analysis.sentiment.rule_words.word_needs`, given by
    :func:`parse_rules`; ``None``, the default, skips nothing).
    """

    name: str
    pattern: re.Pattern[str]
    valence: float
    triggers: frozenset[str] = frozenset()
    mutes_positive: bool = False
    opener: bool = False
    needs: Needs | None = field(default=None, compare=False)
    words: WordNeeds | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.needs is None:
            object.__setattr__(self, "needs", literal_needs(self.pattern))

    def may_match(self, tokens: set[str]) -> bool:
        """Whether the rule is worth trying on a text with these lower-case tokens."""
        return not self.triggers or not self.triggers.isdisjoint(tokens)


def _data_text(name: str) -> str:
    return (resources.files("analysis") / "data" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def vader_lexicon_text() -> str:
    """Return the text of VADER's lexicon as shipped in the ``vaderSentiment`` package.

    Returns
    -------
    str
        The lexicon file: ``token TAB mean TAB sd TAB ratings`` lines.
    """
    return (resources.files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def vader_tables() -> VaderTables:
    """Return VADER's constants as NLTK defines them, from ``analysis/data/vader_constants.json``.

    ``scripts/snapshot_vader_constants.py`` writes the file from NLTK, and a test checks that
    it still matches the installed NLTK. Reading it instead of importing NLTK saves over a
    second of every analysis.
    """
    return VaderTables.from_json(json.loads(_data_text("vader_constants.json")))


def parse_workplace_lexicon(text: str, source: str = WORKPLACE_LEXICON) -> dict[str, float]:
    """Parse the workplace lexicon: ``token TAB valence [TAB note]``; ``#`` starts a comment.

    Parameters
    ----------
    text : str
        The file's text.
    source : str
        The file's name, used in error messages.

    Returns
    -------
    dict of str to float
        Lower-case token to valence on VADER's -4..4 scale.
    """
    lexicon: dict[str, float] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        try:
            valence = float(fields[1])
        except (IndexError, ValueError):
            raise RapportError(
                f"{source}, line {number}: expected 'token<TAB>valence', got {line!r}; "
                "fix the line (valence is a number from -4 to 4)."
            ) from None
        if not -4 <= valence <= 4:
            raise RapportError(f"{source}, line {number}: valence {valence} is outside -4..4.")
        lexicon[fields[0].strip().lower()] = valence
    return lexicon


def parse_rules(
    text: str,
    source: str = WORKPLACE_RULES,
    known: Mapping[str, Needs] | None = None,
    known_words: Mapping[str, WordNeeds | None] | None = None,
) -> list[Rule]:
    """Parse the workplace rules YAML (``classes`` and ``patterns``) into compiled rules.

    Parameters
    ----------
    text : str
        The YAML text.
    source : str
        The file's name, used in error messages.
    known : mapping, optional
        The literal needs of some regular expressions (:func:`shipped_needs`), taken
        instead of worked out from the pattern; the others are worked out.
    known_words : mapping, optional
        The whole-word needs of some regular expressions (:func:`shipped_words`, ``None``
        for those that have none), likewise.

    Returns
    -------
    list of Rule
        In file order; later rules override earlier ones on the same tokens.
    """
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    classes = {
        name: "|".join(str(item) for item in items)
        for name, items in (data.get("classes") or {}).items()
    }
    rules = []
    for entry in data.get("patterns") or []:
        name = entry.get("name", "?")
        try:
            regex = re.sub(r"\{(\w+)\}", lambda m: classes[m.group(1)], entry["regex"])
            triggers = frozenset(str(t).lower() for t in entry.get("triggers") or ())
            mutes = bool(entry.get("mutes_positive", False))
            opener = bool(entry.get("opener", False))
            valence = float(entry.get("valence", 0)) if opener else float(entry["valence"])
            needs = known.get(regex) if known else None
            pattern = re.compile(regex)
            words = (
                known_words[regex]
                if known_words is not None and regex in known_words
                else word_needs(pattern)
            )
            rules.append(Rule(name, pattern, valence, triggers, mutes, opener, needs, words))
        except KeyError as missing:
            raise RapportError(
                f"{source}: rule {name!r} refers to {missing} which is not defined; "
                "add it to `classes` or give the rule a `regex` and a `valence`."
            ) from None
        except re.error as error:
            raise RapportError(f"{source}: rule {name!r} has an invalid regex: {error}.") from None
    return rules


@lru_cache(maxsize=1)
def workplace_lexicon() -> dict[str, float]:
    """Return Rapport's workplace lexicon from package data (cached)."""
    return parse_workplace_lexicon(_data_text(WORKPLACE_LEXICON))


@lru_cache(maxsize=1)
def workplace_rules() -> tuple[Rule, ...]:
    """Return Rapport's workplace rules from package data (cached)."""
    known, words = _shipped_tables()
    return tuple(parse_rules(_data_text(WORKPLACE_RULES), known=known, known_words=words))


def _shipped_tables() -> tuple[dict[str, Needs], dict[str, WordNeeds | None]]:
    try:
        table = json.loads(_data_text(WORKPLACE_RULE_NEEDS))
    except (OSError, ValueError):
        return {}, {}
    return needs_from_table(table), words_from_table(table)


def shipped_needs() -> dict[str, Needs]:
    """The literal needs shipped with the workplace rules (:data:`WORKPLACE_RULE_NEEDS`).

    Working them out parses every pattern a second time (about 0.03 s, half of reading the
    rules), which the sentiment worker would spend at its start. A regular expression that
    is not in the file (edited rules, or a file not brought up to date) has its needs worked
    out as before, so the file only saves time: ``tests/analysis/test_rule_needs_file.py``
    checks it is current, and ``scripts/update_rule_needs.py`` writes it.
    """
    return _shipped_tables()[0]


def shipped_words() -> dict[str, WordNeeds | None]:
    """The whole-word needs shipped with the workplace rules, as :func:`shipped_needs`."""
    return _shipped_tables()[1]


def shipped_needs_current() -> bool:
    """Whether :data:`WORKPLACE_RULE_NEEDS` is there and holds the needs of the shipped rules
    as :mod:`analysis.sentiment.rule_needs` works them out now (``rapport --self-test``).

    Nothing warns when the file is missing or out of date: a missing one slows the sentiment
    worker's start, and an out-of-date one (``rule_needs.py`` changed, the file not written
    again) could skip a rule's text. The check works every pattern out (a few hundredths of
    a second).
    """
    regexes = rule_regexes(_data_text(WORKPLACE_RULES))
    table = needs_table(regexes)
    return (
        bool(regexes)
        and shipped_needs() == needs_from_table(table)
        and shipped_words() == words_from_table(table)
    )


def rule_regexes(text: str) -> list[str]:
    """The regular expression of each rule of the rules YAML ``text``, classes filled in."""
    return [rule.pattern.pattern for rule in parse_rules(text)]


def lexicon_version() -> str:
    """Return the version of the lexicon path: the code version and a hash of its data.

    Any edit to VADER's lexicon, the workplace lexicon or the rules changes the version.
    The learned model's lexicon features depend on it, so the model records the version
    it was trained with (see :data:`analysis.sentiment.scoring.MODEL_VERSION`).
    """
    digest = hashlib.sha256()
    for text in (vader_lexicon_text(), _data_text(WORKPLACE_LEXICON), _data_text(WORKPLACE_RULES)):
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    return f"rapport-vader-{CODE_VERSION}-{digest.hexdigest()[:12]}"
