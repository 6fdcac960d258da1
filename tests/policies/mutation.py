"""Is every value in every city file pinned down by a case? Change each by one unit and see.

For each known numeric value (money +1 yuan, a percentage +1 point, a count +1), and for each
kind of rule turned into every other kind it could be, a scratch copy of the city is built
with that one value changed, and the city's cases (tests/policies/cases/<city>/) are run
against it. A value is caught when at least one case fails, or when the changed file no
longer loads (the schema refuses it). Unknown values have nothing to change: the person
supplies them, and cases supply them too.

    python -m tests.policies.mutation        # prints the count and the values no case catches
"""
import copy
import sys
import tomllib
from contextlib import contextmanager
from decimal import Decimal
from unittest import mock

from policies import loader, scenario
from policies.schema import KIND_VALUES, PolicyDataError, build_city, family_of
from tests.policies.cases import check, load_cases


def _bumped(raw: str, unit: str) -> str:
    if unit in ("year", "month", "months"):
        return str(int(raw) + 1)
    return str(Decimal(raw) + 1)


def _entries(data: dict):
    """(parameter name, index of the dated value or None, the value's table) for every value."""
    for name, table in data["params"].items():
        if "values" in table:
            for i, entry in enumerate(table["values"]):
                yield name, i, entry, table["unit"]
        else:
            yield name, None, table, table["unit"]


@contextmanager
def _city(city):
    cities = dict(loader.load_cities(), **{city.id: city})
    with mock.patch.object(scenario, "load_cities", lambda: cities):
        yield


def mutations():
    """Yield (city id, parameter, value index, outcome): "case", "schema", "missed", "unknown", or for a kind of
    rule "kind-caught", "kind-missed", "kind-only"."""
    cases = load_cases()
    for path in sorted(loader.CITIES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        own = [c for _, c in cases if c["input"]["city"] == path.stem]
        for name, i, entry, unit in list(_entries(data)):
            if entry["value"] == "unknown":
                yield path.stem, name, i, "unknown"
                continue
            if unit == "kind":      # a kind of rule: every other kind it could be must be caught
                family = family_of(name)[0]
                others = [k for k in KIND_VALUES[family] if k != entry["value"]]
                outcomes = [_try(data, path, name, i, other, own) for other in others]
                yield path.stem, name, i, ("kind-" + ("missed" if "missed" in outcomes else "caught")) if others \
                    else "kind-only"
                continue
            yield path.stem, name, i, _try(data, path, name, i, _bumped(entry["value"], unit), own)


def _try(data, path, name, i, value, own) -> str:
    """Build the city with one value changed; "schema" if it no longer loads, "case" if a case fails."""
    changed = copy.deepcopy(data)
    target = changed["params"][name] if i is None else changed["params"][name]["values"][i]
    target["value"] = value
    try:
        city = build_city(changed, path.name, path.stem)
    except PolicyDataError:
        return "schema"
    with _city(city):
        for case in own:
            try:
                check(case)
            except AssertionError:
                return "case"
            except Exception:       # a changed kind the rest of the file cannot run with
                return "case"
    return "missed"


def main() -> int:
    found = list(mutations())
    numeric = [m for m in found if m[3] in ("case", "schema", "missed")]
    by = {k: [m for m in found if m[3] == k]
          for k in ("case", "schema", "missed", "unknown", "kind-caught", "kind-missed", "kind-only")}
    kinds = len(by["kind-caught"]) + len(by["kind-missed"]) + len(by["kind-only"])
    params = {(c, n) for c, n, _, _ in found}
    print(f"{len(params)} parameters, {len(found)} dated values: {len(numeric)} known numbers, "
          f"{len(by['unknown'])} unknown (asked of the person), {kinds} kinds of rule")
    print(f"known numbers changed by one unit: {len(by['case'])} caught by a case, {len(by['schema'])} refused by "
          f"the schema, {len(by['missed'])} missed")
    print(f"kinds of rule changed to each other kind: {len(by['kind-caught'])} caught, "
          f"{len(by['kind-missed'])} missed, {len(by['kind-only'])} with no other kind")
    for city, name, i, outcome in by["missed"] + by["kind-missed"]:
        print(f"  missed: {city} {name}" + (f" (value {i})" if i is not None else "") + f" [{outcome}]")
    return 1 if by["missed"] else 0


if __name__ == "__main__":
    sys.exit(main())
