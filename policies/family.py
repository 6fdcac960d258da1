"""The family's share of the personal account (家庭共济).

After the reform the account may also pay the out-of-pocket medical costs of the
insured person's spouse, parents and children, and their residents' insurance
contributions (policies/family_use.toml cites each city's article). The person says
what the family expects to pay from the account in the year, each with its month.

How the account is shared (settle):
- It pays in calendar order for whoever uses it. Within one month the person's own
  visits come first, then the family's entries in the order given.
- The person's visits without a month are spread evenly over the year (the k-th of n
  falls in month ⌊12(2k+1)/2n⌋+1: one visit in July, twelve one a month); a family entry
  without a month is split into twelve equal monthly parts to the fen, December taking
  the fen left over.
- Family spending never draws on the pooled fund and is never the insured person's
  cash: what the account cannot cover is the family's own cash, shown apart.
- The pooled fund's payments do not depend on the family (they are settled first, in
  the order of the visits), so the person's fund payment is the same with or without it.
- Before the reform, and in the months of the reform's first year before it starts,
  the account pays nothing for the family (family_use.toml `before`). The start is the
  city's own dated data (its reform start), tested the same way as for general pooling
  (policies.timeline.in_force_in_month).
"""
import tomllib
from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, Decimal
from functools import cache
from pathlib import Path

from .lookup import SUPPLIED, reform_start
from .model import SOURCE_KINDS, Cited, Source, same_reference
from .money import FEN, ZERO
from .timeline import MONTHS, in_force_in_month, months_of_visits
from .values import Money, Month, Reading

KINDS = ("medical", "resident_contribution")
RELATIVES = ("spouse", "parent", "child")
FAMILY_FIELDS = {"kind", "amount", "month", "who"}
MAX_FAMILY = 100
RULES_FILE = Path(__file__).parent / "family_use.toml"
BEFORE_KINDS = ("new_in_reform", "reform_measure")


@dataclass(frozen=True)
class FamilyEntry:
    index: int
    kind: str
    amount: Decimal
    month: int | None = None
    who: str | None = None


def parse_family(raw, c, ignored: list) -> list[FamilyEntry]:
    """Check the scenario's optional `family` list with the scenario's collector `c`."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        c.add("family", "not_list")
        return []
    if len(raw) > MAX_FAMILY:
        c.add("family", "family_too_many", high=MAX_FAMILY)
        return []
    entries = []
    for i, item in enumerate(raw):
        at = f"family[{i}]"
        if not isinstance(item, dict):
            c.add(at, "not_object")
            continue
        ignored += [f"{at}.{k}" for k in item if k not in FAMILY_FIELDS]
        kind = c.choice(item["kind"], f"{at}.kind", KINDS) if "kind" in item else c.add(f"{at}.kind", "required")
        amount = c.money(item["amount"], f"{at}.amount") if "amount" in item else c.add(f"{at}.amount", "required")
        month = c.whole(item["month"], f"{at}.month", 1, 12) if item.get("month") is not None else None
        if item.get("month") is not None and month is None:
            continue
        who = item.get("who")
        if who is not None:
            who = c.choice(who, f"{at}.who", RELATIVES)
            if who is None:
                continue
        if kind is not None and amount is not None:
            entries.append(FamilyEntry(i, kind, amount, month, who))
    return entries


# ---- the permissions, as cited data -------------------------------------------------

class FamilyDataError(Exception):
    """family_use.toml is wrong. The message names the key."""


@dataclass(frozen=True)
class Permission(Cited):
    source: Source
    article: str
    reading: str = ""
    reading_en: str = ""
    article_en: str = ""


@dataclass(frozen=True)
class Citations:
    """Several citations said as one source, in the page's language."""
    items: tuple

    def cite(self, lang: str = "zh") -> str:
        return ("; " if lang == "en" else "；").join(dict.fromkeys(i.cite(lang) for i in self.items))


@dataclass(frozen=True)
class FamilyRules:
    city_id: str
    medical: Permission
    resident_contribution: Permission
    before_kind: str
    before: Permission

    def permission(self, kind: str) -> Permission:
        return self.medical if kind == "medical" else self.resident_contribution


def _fail(where: str, message: str):
    raise FamilyDataError(f"{RULES_FILE.name}: {where}: {message}")


def _strict(table, allowed: set, where: str, required: set = frozenset()):
    if not isinstance(table, dict):
        _fail(where, "should be a table")
    unknown = set(table) - allowed
    if unknown:
        _fail(where, f"unknown key(s): {', '.join(sorted(unknown))}")
    for key in sorted(required - set(table)):
        _fail(f"{where}.{key}", "missing")
    for key in table:
        if key != "sources" and isinstance(table[key], str) and not table[key].strip():
            _fail(f"{where}.{key}", "empty")


def _permission(table, sources: dict, where: str, extra: set = frozenset()) -> Permission:
    _strict(table, {"source", "article", "article_en", "reading", "reading_en"} | extra, where, {"source", "article"})
    if table["source"] not in sources:
        _fail(f"{where}.source", f"no source called {table['source']!r}")
    if bool(table.get("reading")) != bool(table.get("reading_en")):
        _fail(f"{where}.reading_en", "a reading is given in both languages")
    if not same_reference(table["article"], table.get("article_en", "")):
        _fail(f"{where}.article_en", "should cite the same article as `article`, its notes in English")
    return Permission(sources[table["source"]], table["article"], table.get("reading", ""), table.get("reading_en", ""),
                      table.get("article_en", ""))


def parse_family_rules(data: dict, city_ids) -> dict[str, FamilyRules]:
    _strict(data, {"schema", "sources", "cities"}, "(file)", {"schema", "sources", "cities"})
    if data["schema"] != 1:
        _fail("schema", "this engine reads schema 1")
    sources = {}
    for key, table in data["sources"].items():
        where = f"sources.{key}"
        _strict(table, {"title", "number", "seed", "kind", "url"}, where, {"title", "kind"})
        if table["kind"] not in SOURCE_KINDS:
            _fail(f"{where}.kind", f"{table['kind']!r} is not one of {', '.join(SOURCE_KINDS)}")
        if table["kind"] in ("official", "draft") and not table.get("seed"):
            _fail(f"{where}.seed", "an official or draft source names its seed file")
        sources[key] = Source(key=key, title=table["title"], kind=table["kind"], number=table.get("number", ""),
                              seed=table.get("seed", ""), url=table.get("url", ""))
    rules = {}
    for city_id, table in data["cities"].items():
        where = f"cities.{city_id}"
        if city_id not in city_ids:
            _fail(where, "no city with this id")
        _strict(table, {"starts", "medical", "resident_contribution", "before"}, where,
                {"starts", "medical", "resident_contribution", "before"})
        if table["starts"] != "with_reform":
            _fail(f"{where}.starts", "the only start the engine knows is 'with_reform'")
        before = table["before"]
        if not isinstance(before, dict) or before.get("kind") not in BEFORE_KINDS:
            _fail(f"{where}.before.kind", f"should be one of {', '.join(BEFORE_KINDS)}")
        rules[city_id] = FamilyRules(
            city_id, _permission(table["medical"], sources, f"{where}.medical"),
            _permission(table["resident_contribution"], sources, f"{where}.resident_contribution"),
            before["kind"], _permission(before, sources, f"{where}.before", {"kind"}))
    missing = [c for c in city_ids if c not in rules]
    if missing:
        _fail("cities", f"no entry for {', '.join(missing)}")
    return rules


@cache
def family_rules() -> dict[str, FamilyRules]:
    """Every city's permissions, checked, loaded once per process."""
    from .loader import load_cities
    try:
        data = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as problem:
        _fail("(file)", f"not valid TOML: {problem}")
    return parse_family_rules(data, tuple(load_cities()))


# ---- sharing the account ---------------------------------------------------------------

@dataclass
class FamilyColumn:
    """The family's row for one year: what they spent, what the account covered, their own cash."""
    allowed: bool                 # could the account pay for the family at all this year
    spending: Decimal = ZERO
    account_paid: Decimal = ZERO
    cash_paid: Decimal = ZERO
    before_start: Decimal = ZERO  # spent in months before the reform took effect (reform's first year)


def monthly_parts(entry: FamilyEntry) -> list[tuple[int, Decimal]]:
    """[(month, amount)]: the entry's own month, or twelve equal parts to the fen (December takes the rest)."""
    if entry.month is not None:
        return [(entry.month, entry.amount)]
    part = (entry.amount / MONTHS).quantize(FEN, ROUND_FLOOR)
    return [(m, part) for m in range(1, MONTHS)] + [(MONTHS, entry.amount - part * (MONTHS - 1))]


def _own_shares_by_month(sc, year, rules, pooled_each, pool) -> list[tuple[int, int, Decimal]]:
    """(month, visit block, the person's share) for each part of each block, exact to the block's share.

    Blocks spread over several months are settled again part by part (pool: the engine's
    pool_visits, with a throwaway notes object) to learn each part's share; the last part
    takes whatever keeps the block's total equal to the engine's.
    """
    months = months_of_visits(sc.visits)
    split = [replace(v, count=n, month=m) for v, parts in zip(sc.visits, months) for m, n in parts]
    if len(split) == len(sc.visits):
        part_pooled = pooled_each
    else:
        from .steps import Notes
        sub = replace(sc, visits=split, family=[])
        part_pooled, _ = pool(sub, year, rules, Notes(sub))
    out, at = [], 0
    for i, (v, parts) in enumerate(zip(sc.visits, months)):
        block_share = (v.cost - v.other_paid) * v.count - pooled_each[i]
        given = ZERO
        for j, (month, n) in enumerate(parts):
            if j == len(parts) - 1:
                share = block_share - given
            else:
                share = (v.cost - v.other_paid) * n - part_pooled[at + j]
                given += share
            out.append((month, i, share))
        at += len(parts)
    return out


def settle(sc, year: int, regime: str, rules, pooled_each: list, balance: Decimal, notes, pool):
    """Share the account (opening balance + credit = `balance`) between the person and the family.

    Returns (what the account paid for each of the person's visit blocks, FamilyColumn).
    """
    city_rules = family_rules()[sc.city.id]

    def in_force(month: int) -> bool:
        return regime == "after" and in_force_in_month(sc, year, month)

    events = [(month, 0, n, ("own", i, share))
              for n, (month, i, share) in enumerate(_own_shares_by_month(sc, year, rules, pooled_each, pool))]
    for e in sc.family:
        for month, amount in monthly_parts(e):
            events.append((month, 1, e.index, ("family", e, amount)))
    events.sort(key=lambda ev: ev[:3])
    own_paid = [ZERO] * len(sc.visits)
    fam = FamilyColumn(allowed=regime == "after")
    for month, _, _, (who, ref, amount) in events:
        if who == "own":
            paid = min(amount, balance)
            own_paid[ref] += paid
            balance -= paid
            continue
        fam.spending += amount
        if not in_force(month):
            fam.cash_paid += amount
            if regime == "after":
                fam.before_start += amount
            continue
        paid = min(amount, balance)
        balance -= paid
        fam.account_paid += paid
        fam.cash_paid += amount - paid
    _explain(sc, regime, fam, city_rules, notes)
    return own_paid, fam


def _reading(notes, permission: Permission):
    if permission.reading:
        notes.warn("warn_reading", text=Reading(permission.reading, permission.reading_en))


def _explain(sc, regime, fam: FamilyColumn, city_rules: FamilyRules, notes):
    kinds = [k for k in KINDS if any(e.kind == k for e in sc.family)]
    if regime != "after":
        notes.step("before", "step_family_before", city_rules.before, spending=Money(fam.spending))
        if city_rules.before_kind == "reform_measure":
            notes.warn("warn_family_before_reading")
        else:
            _reading(notes, city_rules.before)
        return
    notes.step("after", "step_family_order", "")
    if fam.before_start:
        start = SUPPLIED if "reform_start_month" in sc.overrides else reform_start(sc.city)
        notes.step("after", "step_family_not_yet", start, month=Month(sc.start_month), amount=Money(fam.before_start))
    notes.step("after", "step_family_after", Citations(tuple(city_rules.permission(k) for k in kinds)),
               spending=Money(fam.spending), account=Money(fam.account_paid), cash=Money(fam.cash_paid))
    for k in kinds:
        _reading(notes, city_rules.permission(k))


def family_json(fam: FamilyColumn, person_cash: Decimal) -> dict:
    from .money import as_text
    return {"allowed": fam.allowed, "spending": as_text(fam.spending), "account_paid": as_text(fam.account_paid),
            "cash_paid": as_text(fam.cash_paid), "household_cash_paid": as_text(person_cash + fam.cash_paid)}
