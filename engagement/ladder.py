"""The ladder of co-production: seven rungs in three bands, defined once.

Think Local Act Personal's National Co-production Advisory Group (2016) published the ladder;
the descriptions here are Ladder's own plain-English summaries. Models, forms, templates and the
commissioners' analysis all read the rungs and bands from this module, so nothing else spells
them out.

    >>> rung(6).name
    'Co-design'
    >>> band_for(4).name
    'Doing for'
"""

from dataclasses import dataclass

MIN_RUNG = 1
MAX_RUNG = 7

SOURCE_CREDIT = "Think Local Act Personal's National Co-production Advisory Group (2016)"


@dataclass(frozen=True)
class Band:
    """A group of neighbouring rungs that says who holds the power: doing to, for or with people."""

    key: str
    name: str
    description: str
    lowest: int
    highest: int

    @property
    def numbers(self) -> range:
        """The rung numbers in this band, lowest first."""
        return range(self.lowest, self.highest + 1)

    @property
    def range_label(self) -> str:
        """Which rungs the band holds, in words: "rungs 1 and 2", "rungs 3 to 5"."""
        joiner = "and" if self.highest - self.lowest == 1 else "to"
        return f"rungs {self.lowest} {joiner} {self.highest}"

    @property
    def rungs(self) -> tuple["Rung", ...]:
        """The rungs in this band, lowest first."""
        return tuple(RUNGS[number - 1] for number in self.numbers)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Rung:
    """One step on the ladder: its number (1 at the bottom), name and what it means in plain English."""

    number: int
    name: str
    #: What the rung means, said about people in general (the ladder page, staff ratings).
    description: str
    #: The same rung as a participant would feel it, in the first person (the rating form).
    felt: str
    band_key: str

    @property
    def band(self) -> Band:
        """The band this rung belongs to."""
        return BANDS_BY_KEY[self.band_key]

    @property
    def label(self) -> str:
        """The rung's name with how a participant would feel it, for a choice in a form."""
        return f"{self.name}: {self.felt}"

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


DOING_TO = "doing_to"
DOING_FOR = "doing_for"
DOING_WITH = "doing_with"

BANDS: tuple[Band, ...] = (
    Band(
        DOING_TO,
        "Doing to",
        "Decisions are made without the people they affect; they are only told or persuaded.",
        1,
        2,
    ),
    Band(
        DOING_FOR,
        "Doing for",
        "People are kept informed and asked what they think, but the organisation still decides.",
        3,
        5,
    ),
    Band(
        DOING_WITH,
        "Doing with",
        "People work alongside the organisation and share in the decisions.",
        6,
        7,
    ),
)
BANDS_BY_KEY = {band.key: band for band in BANDS}

RUNGS: tuple[Rung, ...] = (
    Rung(
        1,
        "Coercion",
        "People attend as an audience for something already decided; they have no part in the decision.",
        "I was there to receive something that had already been decided.",
        DOING_TO,
    ),
    Rung(
        2,
        "Educating",
        "People are helped to understand a service or a decision, so that they will accept it.",
        "I was helped to understand a decision so that I would go along with it.",
        DOING_TO,
    ),
    Rung(
        3,
        "Informing",
        "People are told what is happening and why, but are not asked what they think.",
        "I was told what is happening and the reasons for it.",
        DOING_FOR,
    ),
    Rung(
        4,
        "Consultation",
        "People are asked for their views, with no promise that those views will change anything.",
        "I was asked for my views, without a promise that they would change anything.",
        DOING_FOR,
    ),
    Rung(
        5,
        "Engagement",
        "People are asked more often and have some influence, but the organisation keeps the power.",
        "I was asked more than once and had some say, but the organisation kept control.",
        DOING_FOR,
    ),
    Rung(
        6,
        "Co-design",
        "People help to design a service, even if they are not always part of delivering it.",
        "I helped to shape how something is designed, if not always how it is run.",
        DOING_WITH,
    ),
    Rung(
        7,
        "Co-production",
        "An equal partnership: people share power and responsibility from the start to the finish.",
        "I was an equal partner, sharing power and responsibility from start to finish.",
        DOING_WITH,
    ),
)

#: ``choices`` for a model field: ``[(1, "1. Coercion"), ...]``.
RUNG_CHOICES: list[tuple[int, str]] = [(r.number, str(r)) for r in RUNGS]

#: ``choices`` for filtering or grouping by band: ``[("doing_to", "Doing to"), ...]``.
BAND_CHOICES: list[tuple[str, str]] = [(b.key, b.name) for b in BANDS]


def is_rung(value) -> bool:
    """True when ``value`` is a whole number from 1 to 7 (bools are not rungs)."""
    return isinstance(value, int) and not isinstance(value, bool) and MIN_RUNG <= value <= MAX_RUNG


def rung(number: int) -> Rung:
    """The rung with this number; ``ValueError`` for anything outside 1 to 7."""
    if not is_rung(number):
        raise ValueError(f"A rung is a whole number from {MIN_RUNG} to {MAX_RUNG}, not {number!r}.")
    return RUNGS[number - 1]


def band_for(number: int) -> Band:
    """The band a rung number falls in; ``ValueError`` for anything outside 1 to 7."""
    return rung(number).band


def band(key: str) -> Band:
    """The band with this key (``"doing_to"``, ``"doing_for"`` or ``"doing_with"``); ``KeyError`` otherwise."""
    return BANDS_BY_KEY[key]


def form_choices(grouped: bool = False) -> list:
    """Choices for a form field, each labelled with the rung's name and meaning.

    With ``grouped=True`` the choices are grouped under their band names, as Django's grouped
    choices (``[("Doing to", [(1, ...), (2, ...)]), ...]``).
    """
    if grouped:
        return [(b.name, [(r.number, r.label) for r in b.rungs]) for b in BANDS]
    return [(r.number, r.label) for r in RUNGS]
