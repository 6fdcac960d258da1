"""A page rendered in two passes: its markup once per language and shape, then each request's values.

Why: Django's template engine spent about half a millisecond of each result page on its
nodes (issue 5). Apart from the person's own figures and links, everything it writes
there depends only on the language and on a few yes-or-no facts: better or worse off,
any warnings, which marks the chart has. So the template is rendered once for each such
shape, with a marker standing in for every value; the markup between the markers is
kept, and a request only puts its own values, escaped as Django escapes them, into the
markers' places. The same idea as lit-html's template strings, with Django's templates.

The context is plain data, and the type of each leaf says what it is:
- a non-empty string (str or SafeString) is a value. The template only ever sees its
  marker, so it may show it ({{ x }}, a blocktranslate value, |join) but never test,
  compare or filter it;
- a bool, None, an empty string or a Fixed string shapes the page: it is part of the key,
  so the template may test and compare it;
- dicts, lists and tuples are walked; a dict's keys (names, never values) and a list's
  length are part of the key.
Anything else is refused: a number or an object in the key would keep a shell per
person. So a shell holds translated words and markup only, never a figure someone typed.
`constants` are values that depend only on the language (links, static files' names).

tests/web/test_shells.py renders every kind of result page both ways and compares them.
"""
import html
import re

from django.dispatch import receiver
from django.template.loader import get_template
from django.utils.autoreload import file_changed
from django.utils.safestring import SafeString

from .markup import NEEDS_ESCAPE

MAX_SHELLS = 256               # shapes seen per process; a few dozen in practice
_MARKER = re.compile("\ue000([0-9]+)\ue001")     # private-use characters: never in our markup
_DICT, _LIST, _END, _VALUE = (object() for _ in range(4))
_shells: dict[tuple, str] = {}


class Fixed(str):
    """A string that shapes the page (a template's name, a key the template compares): part of the key."""
    __slots__ = ()


def _walk(data, key: list, values: list) -> None:
    """Adds data's shape to key and its values, escaped as Django would, to values.

    Leaves are handled in the loop rather than by a call each: a result page has about fifty."""
    if type(data) is dict:
        key.append(_DICT)
        items = data.items()
    else:
        key.append(_LIST)
        key.append(len(data))
        items = enumerate(data)
    for name, item in items:
        key.append(name)
        kind = type(item)
        if kind is str:
            if item:
                key.append(_VALUE)
                values.append(html.escape(item) if NEEDS_ESCAPE(item) else item)
            else:
                key.append("")
        elif kind is SafeString:
            key.append(_VALUE)
            values.append(item)
        elif item is None or kind is bool:
            key.append(item)
        elif kind is dict or kind is list or kind is tuple:
            _walk(item, key, values)
        elif kind is Fixed:
            key.append((Fixed, item))
        else:
            raise TypeError(f"a page's context holds strings, bools, None, Fixed, dicts and lists, not {kind.__name__}")
    key.append(_END)


def _marked(data, count: list):
    """data with a numbered marker in place of each value, in the order _walk lists them."""
    kind = type(data)
    if (kind is str and data) or kind is SafeString:
        count[0] += 1
        return f"\ue000{count[0] - 1}\ue001"
    if kind is dict:
        return {name: _marked(item, count) for name, item in data.items()}
    if kind is list or kind is tuple:
        return [_marked(item, count) for item in data]
    return data


def _compile(template_name: str, context: dict, constants: dict) -> str:
    """The template rendered with markers, as a str.format pattern whose fields are the values' numbers."""
    count = [0]
    marked = _marked(context, count)
    text = get_template(template_name).render({**constants, **marked})
    pattern = _MARKER.sub(r"{\1}", text.replace("{", "{{").replace("}", "}}"))
    if "\ue000" in pattern or "\ue001" in pattern:
        # A filter or a test changed a marker: the template used a value as more than text.
        raise ValueError(f"{template_name}: a value was changed on its way to the page")
    return pattern


@receiver(file_changed, dispatch_uid="shells_forget_on_template_change")
def _forget(sender, file_path, **kwargs):
    # runserver reloads changed templates without restarting: their shells must go too.
    _shells.clear()


def render(template_name: str, context: dict, constants: dict, language: str) -> str:
    """The page in the active language, whose name (any string naming it) is `language`."""
    key, values = [template_name, language], []
    _walk(context, key, values)
    key = tuple(key)
    pattern = _shells.get(key)
    if pattern is None:
        pattern = _compile(template_name, context, constants)
        if len(_shells) >= MAX_SHELLS:
            del _shells[next(iter(_shells))]       # the oldest shape goes first
        _shells[key] = pattern
    return pattern.format(*values)
