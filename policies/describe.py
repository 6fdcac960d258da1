"""Every parameter of a city with its value, unit, dates and source (estimate --describe)."""


def describe_city(city) -> dict:
    return {
        "city": city.id,
        "name": {"zh": city.name_zh, "en": city.name_en},
        "document_status": city.document_status,
        "reform_start": {"year": city.start_year, "month": city.start_month},
        "first_full_year": city.first_full_year,
        "enrolments": list(city.enrolments),
        "levels": {lv: city.level_names[lv] for lv in city.levels},
        "parameters": [
            {
                "name": p.name,
                "value": None if p.unknown else p.raw,
                "unit": p.unit,
                "from": p.start.isoformat() if p.start else None,
                "until": p.end.isoformat() if p.end else None,
                "source": p.cite(),
                "source_kind": p.source.kind,
                "unknown": p.unknown,
                "reading": p.reading or None,
            }
            for p in city.params.values()
        ],
        "credit_rules": [
            {
                "regime": r.regime, "status": r.status, "enrolments": list(r.enrolments), "kind": r.kind,
                "bands": [{"from_age": a, "parameter": n} for a, n in r.bands],
                "base_parameter": r.base_param or None,
                "from": r.start.isoformat() if r.start else None,
                "until": r.end.isoformat() if r.end else None,
                "source": r.cite(), "source_kind": r.source.kind, "reading": r.reading or None,
            }
            for r in city.credit_rules
        ],
    }
