"""The year table's account credits that no published document gives, asked on the result page.

Where a year of the "Year by year" table cannot be worked out only because its account credit
is missing (a Zaozhuang retiree's 2022 and 2024), the result page offers one box per such year.
Each box is the link key cy_<year> (the engine's account_credit_by_year); an older link never
has it, so no saved link changes meaning. The boxes are checked as the money page's are
(forms.NumberField) and the answers travel in the URL like every other.
"""
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_noop

from policies import load_cities
from policies.timeline import table_years

from .forms import BoxesForm, NumberField, plain_number, year_choices
from .questions import Question, phrase

PREFIX = "cy_"


def year_of(key: str) -> int | None:
    """The year a cy_ key names ("cy_2022" → 2022), or None for any other key."""
    digits = key[len(PREFIX):] if key.startswith(PREFIX) else ""
    return int(digits) if len(digits) == 4 and digits.isascii() and digits.isdecimal() else None


def main_year(city, given: str) -> int:
    """The after-reform year the engine works out for a link: its `year` where the year question takes it
    (full-width digits too), else the city's first full year, as when the link has none. A year the question
    refuses (abc, 1999, the year before the reform) is left out for the engine, so the year's credits
    (cy_<year>) are judged against the year it does work out, never against the refused one."""
    year = plain_number(given)
    return int(year) if year in {str(y) for y in year_choices(city)} else city.first_full_year


def credit_years(city, main: int) -> tuple[int, ...]:
    """The years a per-year credit can fill: the year table's after-reform years other than the main one
    (whose credit the money page asks); none in a city whose result has no year table."""
    return _credit_years(city.id, main)


@cache
def _credit_years(city_id: str, main: int) -> tuple[int, ...]:
    years = table_years(load_cities()[city_id])
    return tuple(y for y in years[1:] if y != main) if len(years) > 2 else ()


@cache
def credit_question(year: int) -> Question:
    return Question(f"{PREFIX}{year}", f"account_credit_by_year.{year}", "result",
                    phrase(gettext_noop("Your account credit in %(year)s, yuan"), year=year),
                    phrase(gettext_noop("Account credit in %(year)s"), year=year),
                    phrase(gettext_noop("the account credit in %(year)s"), year=year), "money",
                    hint=phrase(gettext_noop("The total credited to your personal account in %(year)s. Your medical "
                                             "insurance app or account statement shows it."),
                                year=year),
                    example=1200)


def given(values: dict[str, str], city, main: int) -> dict[str, str]:
    """The per-year credits the answers hold that pass their box's check, for the engine: {"2022": "2400"}.
    A bad one is left out here and named beside its box on the result page."""
    usable = credit_years(city, main)
    out = {}
    for key, value in values.items():
        year = year_of(key)
        if year is None or year not in usable:
            continue
        try:
            amount = NumberField(credit_question(year)).clean(value)
        except ValidationError:
            continue
        if amount is not None:
            out[str(year)] = str(amount)
    return out


def credits_context(journey, years: dict | None) -> dict | None:
    """The result page's boxes: for each year missing only its credit, and each year the person already gave
    (so it can be changed); None when there are none. Every other answer travels as a hidden field."""
    if not years:
        return None
    values = journey.answers.values
    asked = {int(r["year"]) for r in years["rows"] if r["credit_only"]}
    asked |= {y for y in map(year_of, values) if y is not None}        # usable() kept only the table's years
    if not asked:
        return None
    form = BoxesForm(values, [credit_question(year) for year in sorted(asked)])      # one box a year
    form.is_valid()
    return {"form": form, "fields": [form[name].shown for name in form.fields],
            "hidden": sorted((k, v) for k, v in values.items() if k not in form.fields),
            "missing": any(r["credit_only"] for r in years["rows"])}

