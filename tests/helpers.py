"""Small helpers shared by the tests."""
import re
from decimal import Decimal
from html import unescape

from policies import ScenarioError, estimate, parse_scenario, run
from policies.result import whole_yuan_row


def scenario(city, status="in_service", age=40, visits=(), **fields):
    data = {"city": city, "status": status, "age": age, "visits": list(visits)}
    data.update(fields)
    return data


def result(city, status="in_service", age=40, visits=(), **fields):
    return estimate(scenario(city, status, age, visits, **fields))


def money(result_json, column, name) -> Decimal:
    return Decimal(result_json[column][name])


def problems(data) -> dict:
    """The fields an invalid scenario is rejected for."""
    try:
        estimate(data)
    except ScenarioError as error:
        return error.messages("en")
    raise AssertionError("the scenario was accepted")


def yuan_table(data):
    """The Q&A's whole-yuan rows, (before, after), as tuples in the Q&A's column order."""
    est = run(parse_scenario(data))
    rows = []
    for col in (est.before, est.after):
        row = whole_yuan_row(col, est.scenario.opening_balance)
        rows.append((row.account_credit, row.total_cost, row.fund_paid, row.account_paid,
                     row.cash_paid, row.account_balance))
    return tuple(rows)


def visit(level, cost, **extra):
    return {"level": level, "cost": str(cost), **extra}


def main_text(response) -> str:
    """A page's <main> as a person reads it: the words, without tags, spaces run together."""
    html = response.content.decode()
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))
