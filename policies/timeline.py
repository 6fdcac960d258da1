"""When things happen: which calendar years differ under a city's rules, and in which month a visit falls.

Kept apart from the engine so the scenario check, the year-by-year table and the
family's use of the account can all use it without importing one another.
"""
from .lookup import change_dates

MONTHS = 12


def in_force_in_month(sc, year: int, month: int) -> bool:
    """Whether the reform applies in `month` of `year` (the person's start month, if they gave one): the one
    test general pooling and the family's use of the account share."""
    return month >= first_month_in_force(sc, year)


def first_month_in_force(sc, year: int) -> int:
    """The first month of `year` the reform applies in (a visit without a month counts as December's):
    for a loop over a year's visits, asked once."""
    return 1 if year > sc.city.start_year else sc.start_month


def steady_year(city) -> int:
    """The first calendar year in which nothing changes any more: every later year has the same rules.

    A change on 1 January is that year's; a change during a year makes the next year the
    first one that is wholly under it. Derived only from the dated values and credit rules
    (policies.lookup.change_dates).
    """
    years = [city.first_full_year]
    for day in change_dates(city):
        years.append(day.year if (day.month, day.day) == (1, 1) else day.year + 1)
    return max(years)


def table_years(city) -> range:
    """From the last year before the reform to the steady state, both included."""
    return range(city.year_before, steady_year(city) + 1)


def spread_month(k: int, n: int) -> int:
    """The month of the k-th (from 0) of n visits spread evenly over the year: the middle of its twelfth.

    1 visit → July; 2 → April and October; 12 → one a month; 24 → two a month.
    """
    return (MONTHS * (2 * k + 1)) // (2 * n) + 1


def months_of_visits(visits) -> list[list[tuple[int, int]]]:
    """For each block of visits, [(month, how many), ...] in calendar order.

    A visit with a month stays in it. The visits without one, taken in the order listed,
    are spread evenly over the year (spread_month), so a block may fall in several months.
    """
    undated = sum(v.count for v in visits if v.month is None)
    seen = 0
    out = []
    for v in visits:
        if v.month is not None:
            out.append([(v.month, v.count)])
            continue
        parts: list[list[int]] = []
        for k in range(seen, seen + v.count):
            month = spread_month(k, undated)
            if parts and parts[-1][0] == month:
                parts[-1][1] += 1
            else:
                parts.append([month, 1])
        seen += v.count
        out.append([(m, n) for m, n in parts])
    return out
