"""Read the cities' TOML files and check every value before anything uses them.

A data file that is missing a key, names an unknown source, or has a value its unit
does not allow stops the program with a message naming the file and the key: a
wrong policy number must never reach a person quietly.
"""
import re
import tomllib
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from .model import (
    CREDIT_KINDS, DOCUMENT_STATUSES, ENROLMENTS, KIND_VALUES, LEVELS, SECTORS,
    SOURCE_KINDS, STATUSES, City, CreditRule, Explanation, Param, Source,
)

CITIES_DIR = Path(__file__).parent / "cities"
CITY_ORDER = ("chongqing", "zaozhuang", "zhenjiang", "xian", "henan-draft")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")


class PolicyDataError(Exception):
    """A data file is wrong. The message names the file and the key."""


def _fail(file: str, where: str, message: str):
    raise PolicyDataError(f"{file}: {where}: {message}")


def _require(table: dict, key: str, kind: type, file: str, where: str):
    if key not in table:
        _fail(file, f"{where}.{key}" if where else key, "missing")
    value = table[key]
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        _fail(file, f"{where}.{key}" if where else key, f"should be {kind.__name__}, found {type(value).__name__}")
    return value


def _names(table: dict, key: str, allowed, what: str, file: str, where: str = "") -> tuple[str, ...]:
    """A list of names, each of which the engine must know."""
    names = tuple(_require(table, key, list, file, where))
    for name in names:
        if name not in allowed:
            _fail(file, f"{where}.{key}" if where else key, f"{name!r} is not {what}")
    return names


def _source_of(table: dict, sources: dict, file: str, where: str) -> Source:
    """The source a table names by key, which must be one of the file's [sources]."""
    key = _require(table, "source", str, file, where)
    if key not in sources:
        _fail(file, f"{where}.source", f"no source called {key!r}")
    return sources[key]


def _optional_date(table: dict, key: str, file: str, where: str) -> date | None:
    value = table.get(key)
    if value is not None and (not isinstance(value, date) or hasattr(value, "hour")):
        _fail(file, f"{where}.{key}", "should be a date like 2024-01-01")
    return value


def parse_value(raw: str, unit: str, name: str) -> object:
    """Turn a written value into what the engine uses. Raises ValueError with a reason."""
    if raw == "unknown":
        return None
    if unit == "kind":
        allowed = KIND_VALUES.get(name)
        if allowed is None:
            raise ValueError(f"no kind values are defined for {name!r}")
        if raw not in allowed:
            raise ValueError(f"{raw!r} is not one of {', '.join(allowed)}")
        return raw
    if not _NUMBER.match(raw):
        raise ValueError(f"{raw!r} is not a plain non-negative number")
    if unit in ("year", "month"):
        if "." in raw:
            raise ValueError("should be a whole number")
        number = int(raw)
        if unit == "month" and not 1 <= number <= 12:
            raise ValueError("a month is 1 to 12")
        return number
    try:
        number = Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the pattern above already rules this out
        raise ValueError(f"{raw!r} is not a number") from None
    if unit.startswith("%"):
        if number > 100:
            raise ValueError("a percentage is at most 100")
        return number / 100
    if unit.startswith("yuan/"):
        return number
    raise ValueError(f"unit {unit!r} is not one the engine knows")


def _load_source(key: str, table: dict, file: str) -> Source:
    where = f"sources.{key}"
    kind = _require(table, "kind", str, file, where)
    if kind not in SOURCE_KINDS:
        _fail(file, f"{where}.kind", f"{kind!r} is not one of {', '.join(SOURCE_KINDS)}")
    source = Source(
        key=key, title=_require(table, "title", str, file, where), kind=kind,
        number=table.get("number", ""), seed=table.get("seed", ""), url=table.get("url", ""),
    )
    if kind == "secondary" and not source.url:
        _fail(file, f"{where}.url", "a secondary source needs its address")
    if kind in ("official", "draft") and not source.seed:
        _fail(file, f"{where}.seed", "an official or draft source names its seed file")
    return source


def _load_param(name: str, table: dict, sources: dict, file: str) -> Param:
    where = f"params.{name}"
    raw = _require(table, "value", str, file, where)
    unit = _require(table, "unit", str, file, where)
    source = _source_of(table, sources, file, where)
    start = _optional_date(table, "from", file, where)
    end = _optional_date(table, "until", file, where)
    if start is None and end is None:
        _fail(file, where, "needs the dates it is in force: `from`, `until` or both")
    if start and end and end < start:
        _fail(file, where, "`until` is before `from`")
    try:
        value = parse_value(raw, unit, name)
    except ValueError as problem:
        _fail(file, f"{where}.value", str(problem))
    unexpected = set(table) - {"value", "unit", "from", "until", "source", "article", "reading"}
    if unexpected:
        _fail(file, where, f"unknown key(s): {', '.join(sorted(unexpected))}")
    return Param(name=name, value=value, raw=raw, unit=unit, start=start, end=end,
                 source=source, article=table.get("article", ""),
                 reading=table.get("reading", ""))


def _load_credit_rule(i: int, table: dict, sources: dict, params: dict, file: str) -> CreditRule:
    where = f"credit[{i}]"
    regime = _require(table, "regime", str, file, where)
    if regime not in ("before", "after"):
        _fail(file, f"{where}.regime", "should be 'before' or 'after'")
    status = _require(table, "status", str, file, where)
    if status not in STATUSES + ("any",):
        _fail(file, f"{where}.status", f"{status!r} is not a status")
    enrolments = _names(table, "enrolments", ENROLMENTS, "an enrolment", file, where)
    kind = _require(table, "kind", str, file, where)
    if kind not in CREDIT_KINDS:
        _fail(file, f"{where}.kind", f"{kind!r} is not one of {', '.join(CREDIT_KINDS)}")
    bands = []
    for band in table.get("bands", []):
        if (not isinstance(band, list) or len(band) != 2 or not isinstance(band[0], int)
                or not isinstance(band[1], str)):
            _fail(file, f"{where}.bands", "each band is [minimum age, parameter name]")
        if band[1] not in params:
            _fail(file, f"{where}.bands", f"no parameter called {band[1]!r}")
        bands.append((band[0], band[1]))
    if kind in ("percent_of_base", "percent_of_pension", "percent_of_param", "fixed_monthly") and not bands:
        _fail(file, f"{where}.bands", f"a {kind} rule needs at least one band")
    if bands != sorted(bands):
        _fail(file, f"{where}.bands", "bands go from the youngest age up")
    base_param = table.get("base_param", "")
    by_sector = bool(table.get("by_sector", False))
    if kind == "percent_of_param":
        names = [f"{base_param}.{s}" for s in SECTORS] if by_sector else [base_param]
        for n in names:
            if n not in params:
                _fail(file, f"{where}.base_param", f"no parameter called {n!r}")
    source = _source_of(table, sources, file, where)
    return CreditRule(
        regime=regime, status=status, enrolments=enrolments, kind=kind, bands=tuple(bands),
        source=source, article=table.get("article", ""), reading=table.get("reading", ""),
        base_param=base_param, by_sector=by_sector,
        start=_optional_date(table, "from", file, where), end=_optional_date(table, "until", file, where),
    )


def _check_complete(city: City, file: str):
    """The parameters the engine will look up for this city all exist."""
    p = city.params
    needed = ["reform_start_year", "reform_start_month", "deductible_kind", "pharmacy", "away",
              "other_schemes", "before_pooling"]
    kind = p.get("deductible_kind")
    for status in STATUSES:
        for level in city.levels:
            needed.append(f"ratio.{status}.{level}")
        if kind and kind.value == "annual":
            needed.append(f"deductible.{status}")
        if not any(f"cap.{status}.{e}" in p for e in city.enrolments):
            needed.append(f"cap.{status}")
        else:
            needed += [f"cap.{status}.{e}" for e in city.enrolments]
    for level in city.levels:
        if kind and kind.value == "level_topup":
            needed.append(f"deductible.{level}")
        if kind and kind.value == "per_visit":
            needed.append(f"deductible_per_visit.{level}")
    if p.get("away") and p["away"].value == "self_pay_first":
        needed.append("away_self_pay_first")
    for name in needed:
        if name not in p:
            _fail(file, f"params.{name}", "missing: the engine needs it for this city")


def load_city(path: Path) -> City:
    file = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as problem:
        _fail(file, "(file)", f"not valid TOML: {problem}")
    if _require(data, "schema", int, file, "") != 1:
        _fail(file, "schema", "this engine reads schema 1")
    city_id = _require(data, "id", str, file, "")
    if path.stem != city_id:
        _fail(file, "id", f"should match the file name {path.stem!r}")
    document_status = _require(data, "document_status", str, file, "")
    if document_status not in DOCUMENT_STATUSES:
        _fail(file, "document_status", f"{document_status!r} is not one of {', '.join(DOCUMENT_STATUSES)}")
    levels = _names(data, "levels", LEVELS, "a level the engine knows", file)
    level_names = _require(data, "level_names", dict, file, "")
    for level in levels:
        names = level_names.get(level)
        if not isinstance(names, dict) or not names.get("zh") or not names.get("en"):
            _fail(file, f"level_names.{level}", "needs zh and en names")
    enrolments = _names(data, "enrolments", ENROLMENTS, "an enrolment", file)
    sectors = _names(data, "retiree_sectors", SECTORS, "a sector", file)
    sources = {k: _load_source(k, v, file) for k, v in _require(data, "sources", dict, file, "").items()}
    params = {k: _load_param(k, v, sources, file) for k, v in _require(data, "params", dict, file, "").items()}
    rules = tuple(_load_credit_rule(i, t, sources, params, file)
                  for i, t in enumerate(_require(data, "credit", list, file, "")))
    explanations = []
    for i, table in enumerate(data.get("explain", [])):
        where = f"explain[{i}]"
        key = _require(table, "key", str, file, where)
        if key not in ("unchanged", "account_uses", "other_benefits"):
            _fail(file, f"{where}.key", f"{key!r} is not an explanation the site shows")
        explanations.append(Explanation(key, _require(table, "zh", str, file, where),
                                        _require(table, "en", str, file, where), _source_of(table, sources, file, where),
                                        table.get("article", "")))
    city = City(
        id=city_id, name_zh=_require(data, "name_zh", str, file, ""),
        name_en=_require(data, "name_en", str, file, ""), document_status=document_status,
        enrolments=enrolments, retiree_sectors=sectors, levels=levels, level_names=level_names,
        sources=sources, params=params, credit_rules=rules, file=file,
        explanations=tuple(explanations),
    )
    _check_complete(city, file)
    start_year = params["reform_start_year"].value
    if start_year is None:
        _fail(file, "params.reform_start_year", "the year the reform began must be known")
    object.__setattr__(city, "start_year", start_year)
    object.__setattr__(city, "start_month", params["reform_start_month"].value)
    return city


@cache
def load_cities() -> dict[str, City]:
    """Every city, checked, in the order the site lists them. Loaded once per process."""
    found = {p.stem: load_city(p) for p in sorted(CITIES_DIR.glob("*.toml"))}
    missing = [c for c in CITY_ORDER if c not in found]
    if missing:
        raise PolicyDataError(f"{CITIES_DIR}: no data file for {', '.join(missing)}")
    ordered = {c: found.pop(c) for c in CITY_ORDER}
    ordered.update(found)
    return ordered
