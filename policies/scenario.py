"""Check one person's scenario (the contract's JSON) and turn it into typed values.

Every problem is collected with the field it belongs to, so a form or an API client
learns about all of them at once, and the rest of what was typed is kept.
"""
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .family import FamilyEntry, parse_family
from .loader import load_cities
from .messages import say
from .model import SECTORS, STATUSES, City
from .timeline import table_years
from .values import CityName, Month, show_args

MAX_MONEY = Decimal("10000000")       # ten million yuan: far above any outpatient bill or wage
MAX_VISIT_COST = Decimal("1000000")   # one visit's cost, and what other schemes paid of it
MAX_ENTRIES = 500
MAX_VISITS = 3660                     # ten visits a day, every day of the year
MAX_COUNT = 1000
LAST_YEAR = 2100
# The sources' rules carry no end date. They were last read against what was in force in 2026, and no
# later year's figures (a city's average pension, a new cap) are known: the engine and the web form
# both work out years up to this one (covered_years), never a later one.
LAST_COVERED_YEAR = 2026


def covered_years(city) -> range:
    """The after-reform years the web form offers: the city's first full reform year to LAST_COVERED_YEAR.
    (The engine also takes the reform's first, part year, when the visits have months.)"""
    return range(city.first_full_year, LAST_COVERED_YEAR + 1)
_MONEY = re.compile(r" *-?[0-9]{1,12}(\.[0-9]{1,20})? *\Z")       # ASCII digits and spaces only
_WHOLE = re.compile(r" *-?[0-9]{1,6} *\Z")
MAX_EXTRA_YEARS = 60
_FEN = Decimal("0.01")


class ScenarioError(Exception):
    """Bad input. `problems` maps each field to [(message key, arguments), ...]."""

    def __init__(self, problems: dict[str, list[tuple[str, dict]]]):
        super().__init__("; ".join(problems))
        self.problems = problems

    def messages(self, lang: str = "zh") -> dict[str, list[str]]:
        return {f: [say(k, lang, **show_args(a, lang)) for k, a in items] for f, items in self.problems.items()}

    def one_line(self, lang: str = "zh") -> str:
        return "; ".join(f"{f}: {' '.join(m)}" for f, m in self.messages(lang).items())


@dataclass(frozen=True, slots=True)
class Visit:
    """One block of identical visits. Frozen: entries alike in a scenario share one (see _parse_visits)."""
    level: str
    cost: Decimal
    count: int = 1
    where: str = "hospital"
    other_paid: Decimal = Decimal("0")
    away: bool = False
    month: int | None = None


@dataclass
class Scenario:
    city: City
    year: int
    status: str
    age: int
    enrolment: str = "employer"
    retiree_sector: str | None = None
    birth_month: int | None = None
    monthly_base: Decimal | None = None
    monthly_pension: Decimal | None = None
    credit_before: Decimal | None = None
    credit_after: Decimal | None = None
    opening_balance: Decimal = Decimal("0")
    visits: list[Visit] = field(default_factory=list)
    params: dict[str, object] = field(default_factory=dict)      # as the person named them (old names too)
    lang: str = "zh"
    ignored: list[str] = field(default_factory=list)
    # the same figures by parameter: {name: {start of the value they replace, or None for any date: value}}
    overrides: dict[str, dict] = field(default_factory=dict)
    civil_servant: bool = False        # 枣庄 公务员医疗补助
    extra_years: int | None = None     # 镇江: contribution years beyond the minimum (职工大病保险, retirees)
    # Optional additions (issue 15): the family's use of the account, the year-by-year table,
    # and yearly credits the person knows for the table's other years.
    family: list[FamilyEntry] = field(default_factory=list)
    years: bool = False
    credit_by_year: dict[int, Decimal] = field(default_factory=dict)

    @property     # (not cached: Python 3.11's cached_property takes a lock, dearer than these two look-ups)
    def start_month(self) -> int:
        """The month the reform began in the city: the person's figure if given, else the sources'."""
        given = self.overrides.get("reform_start_month", {}).get(None)
        return given or self.city.start_month or 1

    @property
    def supplied(self) -> list[str]:
        named = [n for n, v in (("account_credit_before", self.credit_before),
                                ("account_credit_after", self.credit_after)) if v is not None]
        return (named + [f"params.{n}" for n in self.params]
                + [f"account_credit_by_year.{y}" for y in self.credit_by_year])


KNOWN_FIELDS = {
    "city", "year", "status", "enrolment", "retiree_sector", "age", "birth_month", "monthly_base",
    "monthly_pension", "account_credit_before", "account_credit_after", "opening_balance", "visits",
    "params", "lang", "civil_servant", "extra_contribution_years", "family", "years", "account_credit_by_year",
}
VISIT_FIELDS = {"level", "cost", "count", "where", "other_scheme_paid", "away", "month"}
_PLAIN = {str, int, bool}       # values an entry checked once can be recognised by (see _parse_visits)


class _Collector:
    def __init__(self):
        self.problems: dict[str, list[tuple[str, dict]]] = {}
        self.added = 0           # problems found so far (whether a part of the input passed every check)

    def add(self, where: str, key: str, **args):
        self.added += 1
        self.problems.setdefault(where, []).append((key, args))

    def money(self, raw, name: str, high: Decimal = MAX_MONEY) -> Decimal | None:
        """A JSON number or a decimal string, in yuan, at most two places, not negative."""
        # Bounded before it becomes a Decimal, or before any arithmetic on one: a huge exponent
        # (1E+1000000) overflows the decimal context; a long text costs time.
        if type(raw) is int:            # the common case from JSON: no text to check
            if not -10**13 < raw < 10**13:
                self.add(name, "money_too_big", high=f"{high:,}")
                return None
            value = Decimal(raw)
        elif isinstance(raw, Decimal) and raw.is_finite():
            if raw and (raw.adjusted() > 12 or raw.as_tuple().exponent < -20):
                self.add(name, "money_too_big" if raw.adjusted() > 12 else "money_places", high=f"{high:,}")
                return None
            value = raw
        elif isinstance(raw, str) and len(raw) <= 40 and _MONEY.match(raw):
            value = Decimal(raw.strip(" "))
        elif isinstance(raw, float) and raw == raw and abs(raw) < 1e12:
            value = Decimal(repr(raw))
        else:
            self.add(name, "money")
            return None
        if value < 0:
            self.add(name, "money_negative")
        elif value > high:
            self.add(name, "money_too_big", high=f"{high:,}")
        elif value != value.quantize(_FEN):      # more than two places that are not all zero (2800.500 is fine)
            self.add(name, "money_places")
        else:
            return value
        return None

    def whole(self, raw, name: str, low: int, high: int) -> int | None:
        if type(raw) is int:            # the common case from JSON and the forms
            if not low <= raw <= high:
                self.add(name, "range", low=low, high=high)
                return None
            return raw
        if isinstance(raw, bool):
            self.add(name, "whole_number")
            return None
        # Bounded before int() or any arithmetic: 1E+1000000 or 1e999999999 must not overflow.
        if isinstance(raw, str) and len(raw) <= 20 and _WHOLE.match(raw):
            raw = int(raw)
        elif isinstance(raw, Decimal):
            if raw.is_finite() and (not raw or raw.adjusted() < 9) and raw == raw.to_integral_value():
                raw = int(raw)
            elif raw.is_finite() and raw.adjusted() >= 9:
                self.add(name, "range", low=low, high=high)
                return None
        elif isinstance(raw, float) and raw == raw and abs(raw) < 1e9 and raw == int(raw):
            raw = int(raw)
        if not isinstance(raw, int):
            self.add(name, "whole_number")
            return None
        if not low <= raw <= high:
            self.add(name, "range", low=low, high=high)
            return None
        return raw

    def choice(self, raw, name: str, choices, key="choice", **args) -> str | None:
        if raw not in choices or not isinstance(raw, str):
            self.add(name, key, choices=", ".join(choices), **args)
            return None
        return raw

    def flag(self, raw, name: str) -> bool:
        if not isinstance(raw, bool):
            self.add(name, "boolean")
            return False
        return raw


def parse_scenario(data) -> Scenario:
    """Check a scenario dict. Returns a Scenario or raises ScenarioError naming every bad field."""
    c = _Collector()
    if not isinstance(data, dict):
        raise ScenarioError({"(body)": [("not_object", {})]})
    lang = "en" if data.get("lang") == "en" else "zh"
    cities = load_cities()
    city = None
    if "city" not in data:
        c.add("city", "required")
    elif not isinstance(data["city"], str) or data["city"] not in cities:
        c.add("city", "city_unknown", choices=", ".join(cities))
    else:
        city = cities[data["city"]]
    cname = CityName(city) if city else ""

    status = c.choice(data["status"], "status", STATUSES) if "status" in data else c.add("status", "required")
    age = c.whole(data["age"], "age", 16, 120) if "age" in data else c.add("age", "required")
    enrolment = data.get("enrolment", "employer")
    if city and enrolment not in city.enrolments:
        c.choice(enrolment, "enrolment", city.enrolments, "enrolment_city", city=cname)
        enrolment = None
    sector = data.get("retiree_sector")
    if sector is not None:
        sector = c.choice(sector, "retiree_sector", SECTORS)
    birth_month = c.whole(data["birth_month"], "birth_month", 1, 12) if data.get("birth_month") is not None else None

    optional_money = {}
    for name in ("monthly_base", "monthly_pension", "account_credit_before", "account_credit_after", "opening_balance"):
        if data.get(name) is not None:
            optional_money[name] = c.money(data[name], name)

    year = None
    if city:
        year = city.first_full_year
        if data.get("year") is not None:
            year = c.whole(data["year"], "year", 1990, LAST_YEAR)
        if year is not None and year < city.start_year:
            c.add("year", "year_too_early", city=cname, start=city.start_year)
            year = None
        elif year is not None and year > LAST_COVERED_YEAR:
            c.add("year", "year_too_late", last=LAST_COVERED_YEAR)
            year = None

    params, overrides = _parse_params(data.get("params"), city, cname, c)
    start_month = overrides.get("reform_start_month", {}).get(None, city.start_month) if city else None
    if city and year == city.start_year and start_month is None:
        c.add("year", "year_start_unknown", city=cname, start=city.start_year, next=city.start_year + 1)
    month_needed = city is not None and year == city.start_year and (start_month or 1) > 1
    ignored = sorted(data.keys() - KNOWN_FIELDS)
    civil_servant = extra_years = None
    if data.get("civil_servant") is not None:
        civil_servant = c.flag(data["civil_servant"], "civil_servant")
        if city and not city.has("civil_servant"):
            ignored.append("civil_servant")
    if data.get("extra_contribution_years") is not None:
        extra_years = c.whole(data["extra_contribution_years"], "extra_contribution_years", 0, MAX_EXTRA_YEARS)
        if city and not city.has("serious_illness"):
            ignored.append("extra_contribution_years")
    visits = _parse_visits(data.get("visits"), city, cname, c, month_needed, year, start_month, ignored)
    family = parse_family(data.get("family"), c, ignored)
    years = c.flag(data["years"], "years") if data.get("years") is not None else False
    credit_by_year = _parse_credit_by_year(data.get("account_credit_by_year"), city, year, c)

    if c.problems:
        raise ScenarioError(c.problems)
    return Scenario(
        city=city, year=year, status=status, age=age, enrolment=enrolment, retiree_sector=sector,
        birth_month=birth_month, monthly_base=optional_money.get("monthly_base"),
        monthly_pension=optional_money.get("monthly_pension"),
        credit_before=optional_money.get("account_credit_before"),
        credit_after=optional_money.get("account_credit_after"),
        opening_balance=optional_money.get("opening_balance") or Decimal("0"),
        visits=visits, params=params, lang=lang,
        ignored=ignored, overrides=overrides, civil_servant=bool(civil_servant), extra_years=extra_years,
        family=family, years=years, credit_by_year=credit_by_year,
    )


def _parse_credit_by_year(raw, city: City | None, year: int | None, c: _Collector) -> dict[int, Decimal]:
    """{"2022": amount, ...}: the year's account credit for the year-by-year table's other years."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        c.add("account_credit_by_year", "not_object")
        return {}
    if city is None or year is None:
        return {}
    if len(raw) > 20:
        c.add("account_credit_by_year", "too_many_entries_credit", high=20)
        return {}
    others = [y for y in table_years(city)[1:] if y != year]    # the table's other after-reform years
    values = {}
    for key, value in raw.items():
        name = f"account_credit_by_year.{str(key)[:12]}"
        y = int(key) if isinstance(key, str) and key.isascii() and key.isdecimal() and len(key) == 4 else None
        if y == year:
            c.add(name, "credit_year_main", year=year)
        elif y is None or y not in others:
            c.add(name, "credit_year_range", years=", ".join(map(str, others)) or "—")
        else:
            amount = c.money(value, name)
            if amount is not None:
                values[y] = amount
    return values


def _parse_params(raw, city: City | None, cname: str, c: _Collector) -> tuple[dict, dict]:
    """The person's figures by the name they gave, and by parameter and date (old names keep working)."""
    if raw is None:
        return {}, {}
    if not isinstance(raw, dict):
        c.add("params", "not_object")
        return {}, {}
    values, overrides = {}, {}
    for name, value in raw.items():
        if city is None:
            break
        field_name = f"params.{name}"
        target, start = (name, None) if name in city.params else city.aliases.get(name, (None, None))
        param = city.params.get(target) if target else None
        if param is None:
            c.add(field_name, "param_unknown_name", city=cname, name=name)
            continue
        if not param.numeric:
            c.add(field_name, "param_not_numeric")
            continue
        if param.unit in ("year", "month", "months"):
            got = c.whole(value, field_name, 1, {"month": 12, "months": 120}.get(param.unit, LAST_YEAR))
        elif param.unit.startswith("%"):
            got = c.money(value, field_name, high=Decimal("100"))
            got = None if got is None else got / 100
        else:
            got = c.money(value, field_name)
        if got is not None:
            values[name] = got
            overrides.setdefault(target, {})[start] = got
    return values, overrides


def _parse_visits(raw, city, cname, c: _Collector, month_needed, year, start_month, ignored: list) -> list[Visit]:
    if raw is None:
        c.add("visits", "required")
        return []
    if not isinstance(raw, list):
        c.add("visits", "not_list")
        return []
    if len(raw) > MAX_ENTRIES:
        c.add("visits", "too_many_entries", high=MAX_ENTRIES)
        return []
    visits, total = [], 0
    # A year is often the same few kinds of visit over and over (the web form spreads each kind over
    # the year): an entry seen before in this scenario, with plain values, is checked once, and the
    # blocks alike are one Visit (frozen). Only entries that passed every check are remembered, keyed
    # by each value and its exact type (True is not 1, "1" is not 1); Decimals and floats are checked
    # every time (120.0 is 120.00).
    checked = {}
    remember = len(raw) > 1
    append = visits.append
    for i, entry in enumerate(raw):
        key = None
        if remember and type(entry) is dict:
            try:
                key = tuple(entry.items())
                known = checked.get(key)
            except TypeError:            # a list or an object among the values: checked below
                key = known = None
            if known is not None and known[0] == tuple(map(type, entry.values())):
                total += known[1].count
                if total > MAX_VISITS:
                    c.add("visits", "too_many_visits", high=MAX_VISITS)
                    return []
                append(known[1])
                continue
        at = f"visits[{i}]"
        before = c.added
        if not isinstance(entry, dict):
            c.add(at, "not_object")
            continue
        ignored += [f"{at}.{k}" for k in entry if k not in VISIT_FIELDS]
        level = entry.get("level")
        if level is None:
            c.add(f"{at}.level", "required")
        elif city and (not isinstance(level, str) or level not in city.levels):
            c.add(f"{at}.level", "level_city", city=cname, choices=", ".join(city.levels))
            level = None
        cost = c.money(entry["cost"], f"{at}.cost", high=MAX_VISIT_COST) if "cost" in entry else c.add(f"{at}.cost", "required")
        count = c.whole(entry.get("count", 1), f"{at}.count", 1, MAX_COUNT)
        where = c.choice(entry.get("where", "hospital"), f"{at}.where", ("hospital", "pharmacy"))
        if where == "pharmacy" and city and city.params["pharmacy"].value == "not_in_source":
            c.add(f"{at}.where", "pharmacy_not_in_source", city=cname)
        other = c.money(entry.get("other_scheme_paid", 0), f"{at}.other_scheme_paid", high=MAX_VISIT_COST)
        if other is not None and cost is not None and other > cost:
            c.add(f"{at}.other_scheme_paid", "other_exceeds_cost")
        away = c.flag(entry.get("away", False), f"{at}.away")
        month = None
        if entry.get("month") is not None:
            month = c.whole(entry["month"], f"{at}.month", 1, 12)
        elif month_needed:
            c.add(f"{at}.month", "month_needed", year=year, city=cname, month=Month(start_month))
        total += count or 0
        if total > MAX_VISITS:
            c.add("visits", "too_many_visits", high=MAX_VISITS)
            return []
        if None not in (level, cost, count, where, other):
            visit = Visit(level, cost, count, where, other, away, month)
            append(visit)
            if key is not None and c.added == before:
                types = tuple(map(type, entry.values()))
                if _PLAIN.issuperset(types) and VISIT_FIELDS.issuperset(entry):
                    checked[key] = (types, visit)
    return visits
