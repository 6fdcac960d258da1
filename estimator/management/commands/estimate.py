"""`python manage.py estimate [--years] FILE|-` and `--describe CITY`, per shared/CONTRACT.md."""
import json
import re
import sys
from decimal import Decimal

from django.core.management.base import BaseCommand

from policies import ScenarioError, estimate, load_cities
from policies.describe import describe_city

MAX_INPUT = 1_000_000  # bytes: a scenario is a few kilobytes at most


def _reject_constant(name):
    raise ValueError(f"{name} is not a number")


def _bounded_int(text: str):
    """A JSON integer: a Python int when short; a long one stays a Decimal (never a huge int), so
    the scenario's checks name its field instead of the whole body failing."""
    return int(text) if len(text) <= 18 else Decimal(text)


# Built once: json.loads with options would build a new decoder for every body.
_DECODER = json.JSONDecoder(parse_float=Decimal, parse_int=_bounded_int, parse_constant=_reject_constant)


# A \uD800–\uDFFF escape: half of a pair that spells one character outside the basic plane. Only
# escapes can give a lone half (UTF-8 text cannot), so bodies without one are not checked further.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def read_json(text: str):
    """Numbers become Decimal (never float), long integers too; NaN/Infinity are refused, and so is a
    lone half of a surrogate pair ("\\ud800"): it is no character, so it could not be written back in an
    answer or a message (RFC 7493, I-JSON, forbids it)."""
    data = _DECODER.decode(text)
    if _SURROGATE_ESCAPE.search(text):
        try:
            json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("a \\u escape stands for half a character (a lone surrogate)") from None
    return data


class Command(BaseCommand):
    help = "Estimate one scenario (JSON file or - for standard input), or describe a city's parameters."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="scenario JSON file, or - for standard input")
        parser.add_argument("--describe", metavar="CITY", help="list every parameter of CITY")
        parser.add_argument("--years", action="store_true",
                            help="also give every year from the last before the reform to the steady state")

    def fail(self, message: str):
        sys.stderr.write(f"error: {message}\n")
        sys.exit(2)

    def handle(self, *args, **options):
        if options["describe"]:
            cities = load_cities()
            if options["describe"] not in cities:
                self.fail(f"city: no such city {options['describe']!r}; choose one of {', '.join(cities)}")
            self.stdout.write(json.dumps(describe_city(cities[options["describe"]]), ensure_ascii=False, indent=2))
            return
        if not options["file"]:
            self.fail("file: give a scenario file, or - to read standard input")
        try:
            if options["file"] == "-":
                text = sys.stdin.read(MAX_INPUT + 1)
            else:
                with open(options["file"], encoding="utf-8") as handle:
                    text = handle.read(MAX_INPUT + 1)
        except (OSError, UnicodeDecodeError) as problem:
            self.fail(f"file: cannot read {options['file']!r} ({problem.__class__.__name__})")
        if len(text) > MAX_INPUT:
            self.fail(f"(body): larger than {MAX_INPUT} bytes")
        try:
            data = read_json(text)
        except (ValueError, RecursionError) as problem:
            self.fail(f"(body): not valid JSON ({str(problem).splitlines()[0][:120]})")
        if options["years"] and isinstance(data, dict):
            data["years"] = True       # the same option as "years": true in the scenario
        try:
            result = estimate(data)
        except ScenarioError as problem:
            lang = data.get("lang", "en") if isinstance(data, dict) else "en"
            self.fail(problem.one_line("zh" if lang == "zh" else "en"))
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
