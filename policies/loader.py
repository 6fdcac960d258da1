"""Read the cities' TOML files; policies.schema checks every key and value before anything uses them."""
import tomllib
from functools import cache
from pathlib import Path

from .model import City
from .schema import PolicyDataError, build_city, fail, parse_value

CITIES_DIR = Path(__file__).parent / "cities"
CITY_ORDER = ("chongqing", "zaozhuang", "zhenjiang", "xian", "henan-draft")

__all__ = ["CITIES_DIR", "CITY_ORDER", "PolicyDataError", "load_cities", "load_city", "parse_value"]


def load_city(path: Path) -> City:
    file = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as problem:
        fail(file, "(file)", f"not valid TOML: {problem}")
    return build_city(data, file, path.stem)


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
