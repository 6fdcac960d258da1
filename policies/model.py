"""The shapes a city's policy data takes once loaded and checked (policies.schema builds them).

Time is part of the data: a parameter holds one or more values, each in force over its own
dates and each with its own source and article. The engine asks for a parameter at a date.
"""
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

STATUSES = ("in_service", "retired")
ENROLMENTS = ("employer", "flexible", "individual_tier1", "individual_tier2")
SECTORS = ("enterprise", "institution")
LEVELS = ("primary", "other", "secondary", "tertiary_other", "tertiary", "tertiary_provincial_a")
UNOFFICIAL = {"zh": "非官方资料", "en": "unofficial source"}    # how a secondary web page's citation ends
SOURCE_KINDS = ("official", "draft", "secondary", "supplied")
DOCUMENT_STATUSES = ("in_force", "draft", "framework")
CREDIT_KINDS = ("percent_of_base", "percent_of_pension", "percent_of_param", "fixed_monthly", "none", "same_as_before")
EARLIEST = date(1900, 1, 1)      # stands for "since before the sources begin"
LATEST = date(9999, 12, 31)      # stands for "until changed"


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    kind: str
    number: str = ""
    seed: str = ""       # the seed file the text is in: data for tests and --describe, never shown in a sentence
    url: str = ""        # a secondary page's address: data, never shown in a sentence
    title_en: str = ""   # English pages: what a web page with no title of its own is (a document keeps its title)
    number_en: str = ""  # English pages: a "number" that is a note, as a draft's "征求意见稿，2022"

    def cite(self, article: str = "", lang: str = "zh") -> str:
        """The document's title, number and article, as a person reads a citation.

        English pages keep a document's Chinese title, number and article (what finds it) and say
        everything else in English."""
        en = lang == "en"
        if self.kind == "secondary":
            if en:
                return f"{self.title_en or self.title} ({UNOFFICIAL['en']})"
            return f"{self.title}（{UNOFFICIAL['zh']}）"
        if self.kind == "supplied":
            return self.title_en or self.title if en else self.title
        text = f"《{self.title}》"
        if en and self.number_en:
            text += f" ({self.number_en})"
        elif self.number:
            text += f"（{self.number}）"
        if article:
            text += (" " if en and text.endswith(")") else "") + article
        if self.kind == "draft":
            if en and "draft" not in text:
                text += " (draft for comment)"
            elif not en and "征求意见稿" not in text:
                text += "（征求意见稿）"
        return text


def article_reference(article: str) -> str:
    """An article as an English page cites it when the data gives no English for its notes: the
    reference alone ("第五条", "四（三）"), without the Chinese words quoted after it in brackets."""
    out, depth, group = [], 0, []
    for ch in article:
        if ch == "（":
            depth += 1
            if depth == 1:
                group = []
                continue
        elif ch == "）" and depth:
            depth -= 1
            if depth == 0:
                inside = "".join(group)
                if inside and all(c in _NUMERALS for c in inside):       # 四（三）: part of the reference
                    out.append(f"（{inside}）")
                continue
        (group if depth else out).append(ch)
    return "".join(out).strip()


_NUMERALS = set("一二三四五六七八九十百零0123456789")


class Cited:
    """Something with a source and an article: its citation, worked out once per language."""

    @cached_property
    def citation(self) -> str:
        return self.source.cite(self.article)

    @cached_property
    def citation_en(self) -> str:
        # `article_en`: the article with its notes in English; without it, the reference alone.
        return self.source.cite(getattr(self, "article_en", "") or article_reference(self.article), "en")

    def cite(self, lang: str = "zh") -> str:
        return self.citation_en if lang == "en" else self.citation


@dataclass(frozen=True)
class Period(Cited):
    """One value of a parameter, in force from `start` to `end` (both inclusive)."""
    name: str
    value: object          # Decimal (money or a fraction), int, str (a kind), or None if unknown
    raw: str               # the value as written in the data file
    unit: str
    start: date            # EARLIEST when the sources give no start
    end: date              # LATEST when in force until changed
    source: Source
    article: str = ""
    reading: str = ""
    reading_en: str = ""
    alias: str = ""        # an older name that addressed this value alone (links and overrides keep it)
    article_en: str = ""   # the article with the notes after it in English (Cited.citation_en)

    @property
    def unknown(self) -> bool:
        return self.value is None

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Param:
    """A named parameter: its unit, its family, and its values by date."""
    name: str
    unit: str
    family: str
    periods: tuple[Period, ...]          # sorted by start, never overlapping
    rule: str = ""                       # the optional rule it belongs to, if any
    term: str = ""                       # the source's own name for it, quoted (shown instead of the family's words)
    term_en: str = ""

    @cached_property
    def _starts(self) -> list[date]:
        return [p.start for p in self.periods]

    def at(self, day: date) -> Period | None:
        """The value in force on `day`, or None if the parameter is not in force then."""
        i = bisect_right(self._starts, day) - 1
        if i >= 0 and day <= self.periods[i].end:
            return self.periods[i]
        return None

    # The latest value, for pages that show a parameter without a date (desk, glossary).
    @property
    def latest(self) -> Period:
        return self.periods[-1]

    @property
    def value(self):
        return self.latest.value

    @property
    def raw(self) -> str:
        return self.latest.raw

    @property
    def source(self) -> Source:
        return self.latest.source

    @property
    def article(self) -> str:
        return self.latest.article

    @property
    def reading(self) -> str:
        return self.latest.reading

    @property
    def start(self) -> date | None:
        return None if self.periods[0].start == EARLIEST else self.periods[0].start

    @property
    def end(self) -> date | None:
        return None if self.latest.end == LATEST else self.latest.end

    @property
    def unknown(self) -> bool:
        return self.latest.value is None

    @property
    def numeric(self) -> bool:
        return self.unit != "kind"

    def cite(self, lang: str = "zh") -> str:
        return self.latest.cite(lang)


@dataclass(frozen=True)
class CreditRule(Cited):
    status: str               # "in_service", "retired" or "any"
    enrolments: tuple[str, ...]
    kind: str
    bands: tuple[tuple[int, str], ...]   # (minimum age, parameter name), ascending
    source: Source
    start: date = EARLIEST
    end: date = LATEST
    article: str = ""
    reading: str = ""
    reading_en: str = ""
    article_en: str = ""
    base_param: str = ""
    by_sector: bool = False
    sector_by_enrolment: tuple[tuple[str, str], ...] = ()   # enrolments whose retirees count in one sector
    regime: str = "after"     # worked out from the dates: "before" if it ends before the reform began

    def covers(self, status: str, enrolment: str, day: date) -> bool:
        return (self.status in (status, "any") and enrolment in self.enrolments
                and self.start <= day <= self.end)

    def band_param(self, age: int) -> str:
        chosen = self.bands[0][1]
        for min_age, name in self.bands:
            if age >= min_age:
                chosen = name
        return chosen

    def fixed_sector(self, enrolment: str) -> str | None:
        """The sector the rule sets for this enrolment (河南: 灵活就业退休人员 count as 企业), if any."""
        return dict(self.sector_by_enrolment).get(enrolment)


@dataclass(frozen=True)
class Explanation(Cited):
    key: str
    zh: str
    en: str
    source: Source
    article: str = ""
    article_en: str = ""

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True, eq=False)      # one object per city: compared and hashed by identity
class City:
    id: str
    name_zh: str
    name_en: str
    document_status: str
    enrolments: tuple[str, ...]
    retiree_sectors: tuple[str, ...]
    levels: tuple[str, ...]
    level_names: dict[str, dict[str, str]]
    sources: dict[str, Source]
    params: dict[str, Param]
    credit_rules: tuple[CreditRule, ...]
    explanations: tuple[Explanation, ...] = ()
    optional_rules: tuple[str, ...] = ()
    aliases: dict[str, tuple[str, date | None]] = field(default_factory=dict)   # old name -> (name, period start)
    start: date = EARLIEST             # the day the reform began
    start_month_known: bool = True
    file: str = ""
    # Which credit rule covers each month, worked out once per (status, enrolment, year).
    _rules_by_month: dict = field(default_factory=dict, init=False, compare=False, repr=False)
    # Plain fields, read on every visit: worked out once from `start`.
    start_year: int = field(init=False, default=0)
    start_month: int | None = field(init=False, default=None)

    def __post_init__(self):
        object.__setattr__(self, "start_year", self.start.year)
        object.__setattr__(self, "start_month", self.start.month if self.start_month_known else None)

    def name(self, lang: str) -> str:
        """The city's name where it starts a line (a heading, an option, a card): with a capital."""
        return _line_start(self.name_en) if lang == "en" else self.name_zh

    def name_in_sentence(self, lang: str) -> str:
        """The name inside a sentence, as the data file writes it ("Your outpatient year in a Henan city")."""
        return self.name_en if lang == "en" else self.name_zh

    def level_name(self, level: str, lang: str) -> str:
        """A level's name where it starts a line (a heading, an option, a step): with a capital."""
        return _line_start(self.level_in_sentence(level, lang))

    def level_in_sentence(self, level: str, lang: str) -> str:
        """A level's name inside a sentence, as the data file writes it ("visits at primary (…)");
        a hospital's own name keeps its capitals there."""
        return self.level_names[level]["en" if lang == "en" else "zh"]

    def level_with_article(self, level: str, lang: str) -> str:
        """A level's name where English needs its article ("on a prescription from a level 2 hospital");
        Chinese has none. Without an article in the data file, the name as it reads inside a sentence."""
        names = self.level_names[level]
        return names.get("en_with_article", names["en"]) if lang == "en" else names["zh"]

    def has(self, rule: str) -> bool:
        """Whether the city's file declares this optional rule."""
        return rule in self.optional_rules

    def cap_name(self, status: str, enrolment: str) -> str:
        from .lookup import cap_name
        return cap_name(self, status, enrolment)

    def credit_rules_by_month(self, status: str, enrolment: str, year: int) -> tuple:
        """The credit rule in force on the first of each month (None where none is), January first."""
        key = (status, enrolment, year)
        try:
            return self._rules_by_month[key]
        except KeyError:
            found = self._rules_by_month[key] = tuple(
                next((r for r in self.credit_rules if r.covers(status, enrolment, date(year, m, 1))), None)
                for m in range(1, 13))
            return found

    def explained(self, key: str) -> "Explanation | None":
        return next((e for e in self.explanations if e.key == key), None)

    @property
    def year_before(self) -> int:
        """The year before the reform: the Q&A table's before column (the whole year before it began)."""
        return self.start_year - 1

    @property
    def first_full_year(self) -> int:
        return self.start_year if self.start.month == 1 and self.start.day == 1 else self.start_year + 1


def _line_start(text: str) -> str:
    """A capital for the first letter, as Django's capfirst gives (policies/ imports no Django);
    Chinese is left as it is."""
    return text[:1].upper() + text[1:]


def same_reference(article: str, article_en: str) -> bool:
    """Whether `article_en` cites the same numbered parts as `article`, its notes put into English (a
    section's Chinese heading, as in "（五）规范个人账户使用范围", may go into the note)."""
    if not article_en:
        return True
    english = re.sub(r"\s*\([^()]*(\([^()]*\)[^()]*)*\)", "", article_en)       # the English notes, nested once
    return _numbering(english) == _numbering(article_reference(article))


def _numbering(reference: str) -> str:
    return "".join(ch for ch in reference if ch in _NUMBERING)


_NUMBERING = _NUMERALS | set("第条款章例（）〔〕；、")
