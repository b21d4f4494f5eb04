"""Build ``surveys/data/given_names.txt``: common given names redacted without HR's list.

The names come from the person providers of the ``Faker`` package (MIT licence, copyright
(c) 2012 Daniele Faraglia; the licence text is in Faker's distribution, ``LICENSE.txt``):
the given names of the locales in :data:`LOCALES`, Latin-script only (the Chinese and
Japanese lists through their romanised forms), and a few common names they lack
(:data:`EXTRA_NAMES`). Each name is folded as the name index folds
(:func:`surveys.text_fold.fold`), cut at spaces, hyphens and apostrophes, and kept when a
part has three Latin letters or more and is not a title or a particle. Faker is a build tool
only, never a dependency of Rapport::

    .venv/bin/pip install "Faker==40.63.0"
    .venv/bin/python scripts/build_given_names.py          # writes the file
    .venv/bin/python scripts/build_given_names.py --check  # exit 1 if it would change

The file has two sections. ``[given]``: names that are no English word, redacted whenever
written with a capital. ``[given words]``: names that are also English words (``grace``,
``mark``, ``will``), redacted only with a capital and not as the first word of a sentence.
A name is a word when it is in VADER's lexicon, an English stop word list (scikit-learn's
and Rapport's own), the ``[common]`` or ``[function]`` list of
``surveys/data/personal_words.txt``, or :data:`ENGLISH_WORDS` below (picked by hand from
the names a dictionary knows) and not in :data:`NOT_WORDS`. Names that are usually
something else in a workplace (months, places, products) are listed in ``[after a cue]``
of ``personal_words.txt`` and redacted only after a word such as "ask" or "thanks" (see
``docs/privacy.md``).
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import unicodedata
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from surveys.name_index import word_lists  # noqa: E402
from surveys.text_fold import fold  # noqa: E402

OUT = ROOT / "surveys" / "data" / "given_names.txt"
FAKER_VERSION = "40.63.0"
#: English, German, French, Spanish, Italian, Portuguese, Dutch, Nordic, Polish, Indian,
#: Pakistani, Nigerian (English, Yoruba, Igbo, Hausa), Chinese and Japanese (romanised).
LOCALES = (
    *("en_US", "en_GB", "en_IE", "en_IN", "en_NG", "en_PK", "yo_NG", "ig_NG", "ha_NG"),
    *("de_DE", "fr_FR", "es_ES", "it_IT", "pt_PT", "pt_BR", "nl_NL"),
    *("sv_SE", "no_NO", "da_DK", "fi_FI", "pl_PL", "zh_CN", "zh_TW", "ja_JP"),
)
ATTRIBUTES = ("first_names", "first_names_female", "first_names_male", "first_romanized_names")


def _listed(text: str) -> list[str]:
    return text.split()


#: Names that are everyday English words, beyond VADER's lexicon and the stop words.
ENGLISH_WORDS = _listed("""
albino amber angel aura autumn basil beau bent bill blessing bob bonnie brandy brit chin
christian clay comfort coral crystal dale dawn dean destiny diamond don drew earl ebony
ernest eve faith fang fay fen flora frank gala gem glen grace grant guy hardy harry hazel
heather holly hope hung hunter iris ivy jack jade jasmine jay jet joy lance lea lee lily
love lucky mar mare mark mason melody merle min misty nan nana nick patience patty peace
penny pierce puck raven ray robin rose rosemary rowan rune rut ruth sally sandy sari
sherry sol sue summer tanner ted terry tony valentine vega viola warren wen will willy
wolf carmine carter carol ace till par paw roar wan ante lore loot tome sine
ally bin pat rob
""")
#: Common given names the Faker lists lack: English short forms, and Indian, Nigerian and
#: Chinese names in everyday Latin spelling (picked by hand).
EXTRA_NAMES = _listed("""
will pat rob matt jess vicky phil nate gabe maddie ally lizzie millie lottie frankie
freddie archie alfie ollie kev steph becca bex tash nikki jools gemma
raj sunil amit anil deepak vikram sanjay suresh rahul ramesh rajesh mahesh dinesh ganesh
manoj vinod ashok arvind ajay vijay sandeep pradeep rakesh mukesh naveen praveen sachin
nitin sunita anita kavita savita geeta seema rekha meena usha lakshmi divya shreya
chidi chioma tunde bola femi kemi seun dapo bisi funmi gbenga kunle segun tope wale yemi
xin hong ling jie ying qing xiao yu-ting zhi hao bin
ruby poppy olive pearl violet scarlett hank lou
""")
#: Names VADER knows only as slang or another language (MIA, TIA, "amor"): names first.
NOT_WORDS = {"amor", "lowe", "mia", "tia"}
_PART = re.compile(r"[^\W\d_]{3,}")


def faker_names() -> set[str]:
    """Folded given-name parts of every locale in :data:`LOCALES`."""
    names: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ATTRIBUTES:
            for name in getattr(provider, attribute, ()):
                written = (
                    name[-1] if isinstance(name, tuple) else name
                )  # ja_JP: (kanji, kana, romaji)
                for part in re.split(r"[\s'-]+", fold(written)):
                    if _PART.fullmatch(part) and _latin(part):
                        names.update(_spellings(part))
    names.update(part for name in EXTRA_NAMES for part in name.split("-") if _PART.fullmatch(part))
    lists = word_lists()
    return names - lists["titles"] - lists["particles"] - lists["suffixes"]


#: Letters folding keeps, and how they are also written in plain letters.
_PLAIN_LETTERS = ({"ø": "o", "ł": "l", "æ": "ae", "đ": "d"}, {"ø": "oe"})


def _spellings(part: str) -> set[str]:
    """``part`` and its spellings in plain letters (``søren``, ``soren``, ``soeren``)."""
    return {part} | {part.translate(str.maketrans(table)) for table in _PLAIN_LETTERS}


def _latin(word: str) -> bool:
    """Whether every letter is a Latin one (``søren``, ``małgorzata``; not Arabic or Han)."""
    return all("LATIN" in unicodedata.name(ch, "") for ch in word)


def english_words() -> set[str]:
    """Words that, written as a name, are more often the word: see the module's description."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from analysis.sentiment.lexicon import vader_lexicon_text

    vader = {line.split("\t", 1)[0] for line in vader_lexicon_text().splitlines() if line}
    own = (ROOT / "analysis" / "data" / "stopwords.txt").read_text("utf-8")
    stop = {w for line in own.splitlines() for w in line.split("#", 1)[0].split()}
    lists = word_lists()
    words = vader | stop | set(ENGLISH_STOP_WORDS) | set(ENGLISH_WORDS)
    return (words | lists["common"] | lists["function"]) - NOT_WORDS


def render(names: set[str], words: set[str]) -> str:
    """The file's text: a header, then ``[given]`` and ``[given words]``, each sorted."""
    header = [
        "# Common given names, redacted in comments even when HR's name list lacks them",
        "# (surveys/given_names.py; rules in docs/privacy.md). Generated: do not edit, rebuild",
        "# with scripts/build_given_names.py (which also says how and why). Folded, one a line.",
        f"# Source: the person providers of Faker {FAKER_VERSION} (MIT licence, copyright (c)",
        "# 2012 Daniele Faraglia), locales: " + " ".join(LOCALES[:9]),
        "# " + " ".join(LOCALES[9:]) + ".",
    ]
    plain = sorted(names - words)
    worded = sorted(names & words)
    return "\n".join([*header, "", "[given]", *plain, "", "[given words]", *worded, ""])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether it would change")
    args = parser.parse_args()
    try:
        installed = metadata.version("Faker")
    except metadata.PackageNotFoundError:
        print(f'Faker is not installed: .venv/bin/pip install "Faker=={FAKER_VERSION}"')
        return 2
    if installed != FAKER_VERSION:
        print(f"Faker {installed} is installed; the list is built from {FAKER_VERSION}:")
        print(f'.venv/bin/pip install "Faker=={FAKER_VERSION}"')
        return 2
    text = render(faker_names(), english_words())
    if args.check:
        same = OUT.exists() and OUT.read_text("utf-8") == text
        print(f"{OUT.relative_to(ROOT)} is {'up to date' if same else 'out of date'}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {text.count(chr(10)) - 9} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
