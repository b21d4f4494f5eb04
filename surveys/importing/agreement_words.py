"""The agreement scale as survey tools word it in other languages (compared after
:func:`surveys.importing.text.fold`: lower case, no accents).

Microsoft Forms, Google Forms and Qualtrics export the answer as the respondent saw it, so
a form made in German exports ``Stimme voll und ganz zu``. These are the usual five-point
wordings (and their common variants) in German, French, Spanish, Italian, Dutch,
Portuguese and Polish; each maps to its place on Rapport's 1-5 agreement scale.
"""

from __future__ import annotations

# fmt: off
_WORDS: dict[str, int] = {
    # German
    "stimme uberhaupt nicht zu": 1, "stimme gar nicht zu": 1, "stimme nicht zu": 2,
    "stimme eher nicht zu": 2, "weder noch": 3, "teils teils": 3, "teils/teils": 3,
    "stimme eher zu": 4, "stimme zu": 4, "stimme voll und ganz zu": 5, "stimme voll zu": 5,
    # French
    "pas du tout d'accord": 1, "tout a fait en desaccord": 1, "fortement en desaccord": 1,
    "pas d'accord": 2, "plutot pas d'accord": 2, "en desaccord": 2,
    "ni d'accord ni pas d'accord": 3, "ni en accord ni en desaccord": 3, "neutre": 3,
    "plutot d'accord": 4, "d'accord": 4, "tout a fait d'accord": 5, "fortement d'accord": 5,
    # Spanish
    "totalmente en desacuerdo": 1, "muy en desacuerdo": 1, "en desacuerdo": 2,
    "ni de acuerdo ni en desacuerdo": 3, "de acuerdo": 4, "totalmente de acuerdo": 5,
    "muy de acuerdo": 5,
    # Italian
    "fortemente in disaccordo": 1, "completamente in disaccordo": 1,
    "per niente d'accordo": 1, "in disaccordo": 2, "ne d'accordo ne in disaccordo": 3,
    "neutrale": 3, "d'accordo": 4, "fortemente d'accordo": 5, "completamente d'accordo": 5,
    "pienamente d'accordo": 5,
    # Dutch
    "helemaal oneens": 1, "zeer oneens": 1, "oneens": 2, "neutraal": 3,
    "niet eens, niet oneens": 3, "eens": 4, "helemaal eens": 5, "zeer eens": 5,
    # Portuguese
    "discordo totalmente": 1, "discordo fortemente": 1, "discordo": 2,
    "nem concordo nem discordo": 3, "neutro": 3, "concordo": 4, "concordo totalmente": 5,
    "concordo fortemente": 5,
    # Polish
    "zdecydowanie sie nie zgadzam": 1, "nie zgadzam sie": 2, "nie mam zdania": 3,
    "zgadzam sie": 4, "zdecydowanie sie zgadzam": 5,
}
# fmt: on

#: The words above, and each with a typographic apostrophe (``d’accord``) as well.
AGREEMENT_ELSEWHERE: dict[str, int] = {
    **_WORDS,
    **{word.replace("'", "\u2019"): value for word, value in _WORDS.items() if "'" in word},
}
