"""Every parameter of a city with its values by date, unit and source (estimate --describe)."""
from .lookup import param_label
from .model import EARLIEST, LATEST


def _day(d):
    return None if d in (EARLIEST, LATEST) else d.isoformat()


def _period(p) -> dict:
    return {"value": None if p.unknown else p.raw, "from": _day(p.start), "until": _day(p.end),
            "source": p.cite(), "source_kind": p.source.kind, "seed": p.source.seed or None,
            "url": p.source.url or None, "article": p.article or None, "reading": p.reading or None,
            "reading_en": p.reading_en or None,
            "old_name": p.alias or None, "unknown": p.unknown}


def describe_city(city) -> dict:
    return {
        "city": city.id,
        "name": {"zh": city.name("zh"), "en": city.name("en")},
        "document_status": city.document_status,
        "reform_start": {"date": city.start.isoformat(), "year": city.start_year, "month": city.start_month},
        "first_full_year": city.first_full_year,
        "enrolments": list(city.enrolments),
        "levels": {lv: {"zh": city.level_name(lv, "zh"), "en": city.level_name(lv, "en")} for lv in city.levels},
        "optional_rules": list(city.optional_rules),
        "parameters": [
            {
                "name": p.name,
                "label": {"zh": param_label(city, p.name, "zh"), "en": param_label(city, p.name, "en")},
                "question": {"zh": param_label(city, p.name, "zh", True), "en": param_label(city, p.name, "en", True)},
                "unit": p.unit,
                # the latest value, as before; every dated value is under "values"
                **{k: v for k, v in _period(p.latest).items() if k in ("value", "source", "source_kind", "reading")},
                "from": _day(p.periods[0].start), "until": _day(p.latest.end),
                "unknown": p.unknown,
                "optional_rule": p.rule or None,
                "values": [_period(v) for v in p.periods],
            }
            for p in city.params.values()
        ],
        "credit_rules": [
            {
                "regime": r.regime, "status": r.status, "enrolments": list(r.enrolments), "kind": r.kind,
                "bands": [{"from_age": a, "parameter": n} for a, n in r.bands],
                "base_parameter": r.base_param or None,
                "from": _day(r.start), "until": _day(r.end),
                "source": r.cite(), "source_kind": r.source.kind, "reading": r.reading or None,
                "reading_en": r.reading_en or None,
            }
            for r in city.credit_rules
        ],
    }
