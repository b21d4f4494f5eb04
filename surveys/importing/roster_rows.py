"""What an HR system's employee report holds besides departments (``rapport roster import``).

The exports HR has (Workday, BambooHR, HiBob, Personio, SAP SuccessFactors, ADP) are
made for people, not programs:

- a title and blank rows above the header, or a row of group headings merged across
  columns (``Employee`` over the name columns), or a report's filters (``Department |
  All``): :func:`find_header` takes the fullest of the first :data:`HEADER_ROWS` rows
  that name a department column;
- a second header row of labels under the first (SuccessFactors' user data file has its
  system keys, ``STATUS, USERID, ... DEPARTMENT``, then ``Status, User ID, ...
  Department``): :func:`is_label_row`;
- totals and subtotals (``Total``, ``Grand Total``, Excel's ``Sales Total``, or
  ``Sales Count`` and ``Grand Count`` when its Subtotal counts people): :func:`is_total`;
- employees who left (a status column: ``Terminated``, ``Inactive``): :func:`status_of`;
- one person on two rows (two positions, or two reports pasted together): :class:`People`
  tells them apart by an employee id, e-mail or account, compared as keyed digests in
  memory and never stored.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from surveys.importing.text import plain

#: Department columns, most likely first: a file with ``Department`` and ``Division``
#: (BambooHR), or ``Cost Center - Name`` and ``Supervisory Organization`` (Workday), is
#: read by the first kind it has; the summary names the others.
DEPARTMENTS = (
    re.compile(
        r"(home |primary )?(department|dept)( name| description| title)?|abteilung|"
        r"departement|departamento|afdeling|reparto|avdelning"
    ),
    re.compile(
        r"team( name)?|(business |org(anisation|anization|anizational|anisational)? ?)unit"
        r"( name)?|organisationseinheit|function|service|ward|unit|group"
    ),
    re.compile(
        r"(cost (centre|center)|kostenstelle)( name| description)?|centre de couts|"
        r"centro de (coste|costo|custo)s?|centro di costo|kostenplaats"
    ),
    # Workday often names a supervisory organisation after its manager ("Sales (Jane
    # Doe)"): read it only when nothing better is there.
    re.compile(r"supervisory org(anization|anisation)?( name)?|organi[sz]ation( name)?|division"),
    # An Excel pivot table of headcounts: its first column's heading.
    re.compile(r"row labels|zeilenbeschriftungen|etiquettes de lignes|etiquetas de fila"),
)
DEPARTMENT = re.compile("|".join(f"(?:{p.pattern})" for p in DEPARTMENTS))

#: How many rows from the top may hold a title, notes or group headings above the header.
HEADER_ROWS = 20

STATUS = re.compile(
    r"((employee|employment|worker|position|lifecycle|user|account|active|hr|personnel) )?"
    r"status|active|is active|lifecycle|employment state|"
    # French, German, Spanish, Italian, Dutch and Portuguese reports (not a bare "Estado" or
    # "Stato": a state or a country)
    r"statut( (du salarie|du collaborateur|de l employe|d emploi|du contrat))?|"
    r"(beschaftigungs|mitarbeiter|personal|vertrags)status|"
    r"estado (del empleado|laboral|del empleo)|situacion laboral|"
    r"stato (del dipendente|occupazionale|lavorativo)|"
    r"(status )?dienstverband|status medewerker|situacao( funcional)?|"
    r"status do (funcionario|colaborador)"
)
PERSON_ID = re.compile(
    r"(employee|worker|person|personnel|staff|user|emp)( ?(id|number|no|nr|code|key|#))|"
    r"userid|empid|id|associate id|personalnummer|personnel number|person id external|"
    # in French, Spanish, Italian, Dutch and Portuguese reports
    r"matricule|matricola|personeelsnummer|medewerkernummer|"
    r"numero (d employe|de empleado|de funcionario|dipendente)|"
    r"id (empleado|dipendente|colaborador|medewerker)"
)
EMAIL = re.compile(
    r"((work|business|primary|company) )?e ?mail( address)?|email id|"
    r"(adresse )?e ?mail( professionnel(le)?)?|e ?mail ?adres(se)?|"
    r"(correo|correo electronico)( corporativo)?|(indirizzo )?e ?mail|"
    r"(endereco de )?e ?mail"
)

#: Statuses of someone who works for the organisation now (Personio counts ``onboarding``
#: and ``leave`` as active; people on leave belong to their department).
_CURRENT = re.compile(
    r"active|aktiv|actif|activo|employed|current|yes|y|true|1|enabled|onboarding|"
    r"probation|on probation|"
    r"hired|(.* )?leave( of absence)?( .*)?|furlough(ed)?|suspended|notice|on notice|"
    r"working|regular|permanent|temporary|full time|part time|"
    # in other languages: working, on leave (parental, maternity, unpaid), on probation
    r"beschaftigt|angestellt|elternzeit|mutterschutz|beurlaubt|karenz|sonderurlaub|"
    r"ruhend|(in )?probezeit|"
    r"en poste|(en )?conge( .*)?|(en )?periode d essai|suspendu|"
    r"activa|de licencia|licencia( .*)?|excedencia( .*)?|(en )?periodo de prueba|"
    r"attivo|attiva|in servizio|(in )?congedo( .*)?|(in )?aspettativa|"
    r"actief|in dienst|(met )?verlof|(ouderschaps|zwangerschaps|bevallings)verlof|"
    r"ativo|ativa|em licenca|licenca( .*)?|afastado|afastada|"
    # on holiday (a Portuguese "Situação" says "Férias")
    r"(on )?(vacation|holiday)|(im )?urlaub|(en )?vacances|(de )?vacaciones|(in )?ferie|"
    r"(em )?ferias|(met )?vakantie|"
    # French reports head the employee category "Statut" (every such person works there)
    r"cadre|non cadre|etam|employe|employee|ouvrier|agent de maitrise|cdi|cdd|interim|"
    r"stagiaire|apprenti|alternant|"
    # the kind of contract, as English "permanent", "temporary", "part time": a Dutch
    # "Dienstverband", a German, Spanish, Italian or Portuguese employment type
    r"vast|vaste (aanstelling|dienst)|tijdelijk|bepaalde tijd|onbepaalde tijd|oproep(kracht)?|"
    r"fulltime|parttime|nul ?uren( contract)?|min max( contract)?|stagiair|uitzendkracht|"
    r"vollzeit|teilzeit|befristet|unbefristet|minijob|werkstudent(in)?|auszubildende[r]?|"
    r"indefinido|temporal|(a )?(tiempo|jornada) (completo|completa|parcial)|"
    r"(a )?tempo (pieno|parziale|determinato|indeterminato)|efetivo|efetiva|temporario|"
    r"temporaria|estagiario|estagiaria|clt"
)
#: Statuses of someone who has left, or has not started.
_GONE = re.compile(
    r"inactive|inaktiv|inactif|inactivo|not active|terminated|termed|former( employee)?|"
    r"ex employee|left|leaver|"
    r"withdrawn|retired|deceased|discarded|dormant|separated|exited|resigned|dismissed|"
    r"offboarded|no|n|false|0|disabled|pending|future|pre ?hire|not started|deleted|"
    # in other languages: left, retired, dismissed
    r"ausgetreten|ausgeschieden|ehemalig(e|er)?( mitarbeiter(in)?)?|im ruhestand|"
    r"pensioniert|sorti|sortie|parti|partie|ancien salarie|ancienne salariee|"
    r"retraite|retraitee|licencie|licenciee|demissionnaire|inactiva|dado de baja|"
    r"dada de baja|cesado|cesada|jubilado|jubilada|despedido|despedida|ex empleado|"
    r"inattivo|inattiva|cessato|cessata|dimesso|dimessa|pensionato|pensionata|"
    r"ex dipendente|inactief|uit dienst|vertrokken|gepensioneerd|oud medewerker|inativo|"
    r"inativa|desligado|desligada|demitido|demitida|aposentado|aposentada|ex funcionario"
)
_TOTALS = re.compile(
    r"(grand |sub ?)?totals?|grand count|sum|summe|gesamt(summe)?|total (general|generale)|totaal|"
    r"suma|totale|somme|insgesamt|overall|all departments|all employees"
)

#: Pay columns: never departments.
PAY = re.compile(
    r"(annual |base |monthly |fix(ed)? )?(salary|pay|wage|compensation|bonus)( amount)?|"
    r"gehalt|jahresgehalt|salaire|salario"
)


@dataclass(frozen=True)
class Header:
    """The header row found, and what lies above it."""

    line: int
    cells: list[str]
    #: Rows above the header (a title, notes, group headings), not read.
    skipped: int


def find_header(
    rows: Iterator[tuple[int, list[str]]], is_header: Callable[[list[str]], bool]
) -> tuple[Header | None, list[tuple[int, list[str]]]]:
    """The header among the first :data:`HEADER_ROWS` rows, and the rows read past it, to
    be read as data.

    Of the rows ``is_header`` takes, the first of the fullest is the header: a report's
    filter block above it (``Department | All``) or a row of group headings merged across
    columns (``Worker`` over three columns) names a department column too, in fewer
    cells than the header under it. With no header, ``None`` and the rows read (the
    caller reports the first).
    """
    seen: list[tuple[int, list[str]]] = []
    for line, cells in rows:
        seen.append((line, cells))
        if len(seen) >= HEADER_ROWS:
            break
    found = [(index, _filled(cells)) for index, (_, cells) in enumerate(seen) if is_header(cells)]
    if not found:
        return None, seen
    fullest = max(filled for _, filled in found)
    index = next(index for index, filled in found if filled == fullest)
    line, cells = seen[index]
    return Header(line, _stripped(cells), index), seen[index + 1 :]


def _stripped(cells: list[str]) -> list[str]:
    return [cell.strip() for cell in cells]


def _filled(cells: list[str]) -> int:
    return sum(1 for cell in cells if cell.strip())


def names_column(wanted: str | None) -> Callable[[list[str]], bool]:
    """A header test: the row names ``wanted``, or a department column when none is.

    A row whose only heading-like cell is a department's name beside numbers (``Service,
    12`` in a headcount list without a header) is a department's row, not a header."""

    def test(cells: list[str]) -> bool:
        folded = [plain(cell) for cell in cells]
        if wanted:
            return plain(wanted) in folded
        words = [name for name in folded if name and not _NUMBER.fullmatch(name)]
        if len(words) == 1 and len(words) < sum(1 for name in folded if name):
            return bool(_HEADINGS_ONLY.fullmatch(words[0]))  # "Department, 2025, 2026"
        return any(DEPARTMENT.fullmatch(name) for name in folded)

    return test


_NUMBER = re.compile(r"[\d.,' ]+")
#: Department column names that are never a department's own name ("Service" can be).
_HEADINGS_ONLY = re.compile(
    f"{DEPARTMENTS[0].pattern}|{DEPARTMENTS[2].pattern}|{DEPARTMENTS[-1].pattern}"
)


def department_columns(header: list[str]) -> list[int]:
    """The columns that may hold departments, the most likely first."""
    folded = [plain(cell) for cell in header]
    return [
        index
        for pattern in DEPARTMENTS
        for index, name in enumerate(folded)
        if pattern.fullmatch(name)
    ]


def is_label_row(cells: list[str], dept: int) -> bool:
    """Whether ``cells``, the row under the header, is a second header row of labels: its
    department cell is a department column's name too (``Department`` under
    ``DEPARTMENT``), as SuccessFactors writes its user data file."""
    return dept < len(cells) and bool(DEPARTMENT.fullmatch(plain(cells[dept])))


def is_total(name: str, known: dict[str, str]) -> bool:
    """Whether a department cell is a totals row's label: ``Total``, ``Grand total``, or a
    subtotal ``Sales Total`` (``Sales Count``, Subtotal's Count function; ``Total Sales``,
    ``Total for Sales``, as other reports write it) of a department the file named above
    it."""
    folded = plain(name)
    if _TOTALS.fullmatch(folded):
        return True
    head, _, last = folded.rpartition(" ")
    if last in _TOTAL_WORDS:
        return head in {plain(key) for key in known}
    first, _, rest = folded.partition(" ")  # "Total Sales", "Total for Sales", "Summe Vertrieb"
    if first in _TOTAL_WORDS:
        rest = rest.removeprefix("for ").removeprefix("of ")
        return rest in {plain(key) for key in known}
    return False


_TOTAL_WORDS = ("total", "subtotal", "count", "summe", "gesamt", "anzahl")


def status_column(names: list[str]) -> int | None:
    """The employment status column among ``names``: a French report heads the employee
    category ``Statut`` (``Cadre``, ``CDI``), a Dutch one the kind of contract
    ``Dienstverband`` (``Vast``, ``Tijdelijk``), and may have the status beside it
    (``Statut du salarié``: ``Actif``, ``Sorti``; ``Status dienstverband``), so a bare
    ``Statut`` or ``Dienstverband`` is read only when no other status column is there (its
    leavers were counted)."""
    found = [i for i, name in enumerate(names) if STATUS.fullmatch(plain(name))]
    bare = ("statut", "dienstverband")
    return next((i for i in found if plain(names[i]) not in bare), found[0] if found else None)


def status_of(value: str) -> bool | None:
    """``True`` for a status of someone working now, ``False`` for one who has left or not
    started, ``None`` for a status Rapport does not know (or an empty one)."""
    folded = plain(value)
    if not folded:
        return None
    if _GONE.fullmatch(folded):
        return False
    return True if _CURRENT.fullmatch(folded) else None


@dataclass
class People:
    """Who is on which row: a person's id (or e-mail, or account) as a digest under a key
    made for this import alone, so no value of the file is kept in a readable form and
    nothing of it outlives the import."""

    column: int | None
    #: Name columns read with an e-mail or account: people who share a team mailbox
    #: (staff with no address of their own) are told apart by their names.
    names: tuple[int, ...] = ()
    _key: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    _seen: dict[bytes, tuple[int, str]] = field(default_factory=dict)
    repeats: int = 0

    def first(self, line: int, cells: list[str], department: str) -> tuple[int, str] | None:
        """``None`` the first time a person is seen (or when the row names nobody); else
        the line and department of their first row (this row is then not counted)."""
        if self.column is None or self.column >= len(cells):
            return None
        value = " ".join(cells[self.column].casefold().split())
        if not value:
            return None
        named = [" ".join(cells[i].casefold().split()) for i in self.names if i < len(cells)]
        value = "\x1f".join([value, *named])
        digest = hashlib.blake2b(value.encode(), key=self._key, digest_size=16).digest()
        earlier = self._seen.get(digest)
        if earlier is None:
            self._seen[digest] = (line, department)
            return None
        self.repeats += 1
        return earlier


def person_column(header: list[str], account: int | None) -> int | None:
    """The column that tells people apart: an employee id, else an e-mail, else the
    account column."""
    folded = [plain(cell) for cell in header]
    for pattern in (PERSON_ID, EMAIL):
        found = next((i for i, name in enumerate(folded) if pattern.fullmatch(name)), None)
        if found is not None:
            return found
    return account
