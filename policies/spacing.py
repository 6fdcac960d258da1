"""Filling values into a sentence, with the space the site writes between a year and Chinese.

The site sets a year apart from the Chinese beside it ("在 2022、2023 年", "2021 年全市…"). A
sentence that puts a value straight after or before a Chinese character would lose that space when
the value begins or ends with a year: "公开文件没有给出%(what)s" with "2022 年您的个人账户怎么划入"
read "公开文件没有给出2022 年…". These fill such a value in with the space. Only a year (four
digits) is spaced: a month ("3月"), an amount or a share stays as its sentence writes it, and an
English sentence never has a Chinese character beside a value, so it comes out as `%` or
`str.format` would give it.
"""
import re
from string import Formatter

_YEAR_FIRST = re.compile(r"\d{4}(?!\d)")
_YEAR_LAST = re.compile(r"(?<!\d)\d{4}\Z")
_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_PERCENT_FIELD = re.compile(r"%%|%\((\w+)\)([sd])")
_FORMATTER = Formatter()


def _joined(pieces: list[tuple[str, bool]]) -> str:
    """Text pieces in order, each marked True when it is a filled-in value."""
    out, year_last = [], False
    for text, is_value in pieces:
        if not text:
            continue
        if is_value and _YEAR_FIRST.match(text) and out and _CHINESE.match(out[-1][-1]):
            out.append(" ")
        elif year_last and _CHINESE.match(text[0]):
            out.append(" ")
        out.append(text)
        year_last = is_value and _YEAR_LAST.search(text) is not None
    return "".join(out)


def interpolate(template: str, args: dict) -> str:
    """`template % args` for a sentence with named fields (`%(what)s`), as gettext gives it."""
    pieces, at = [], 0
    for field in _PERCENT_FIELD.finditer(template):
        pieces.append((template[at:field.start()], False))
        name, kind = field.groups()
        if name is None:                     # "%%"
            pieces.append(("%", False))
        else:
            pieces.append((("%" + kind) % args[name], True))
        at = field.end()
    pieces.append((template[at:], False))
    return _joined(pieces)


def format_spaced(template: str, args: dict) -> str:
    """`template.format_map(args)`, the same way."""
    pieces = []
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        pieces.append((literal, False))
        if name is not None:
            value = _FORMATTER.convert_field(_FORMATTER.get_field(name, (), args)[0], conversion)
            pieces.append((format(value, spec), True))
    return _joined(pieces)


def beside_chinese(template: str) -> bool:
    """Whether a `str.format` sentence puts a value straight beside a Chinese character: only such a
    sentence needs format_spaced (the others are filled in the quicker way)."""
    return _BESIDE.search(template) is not None


_BESIDE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]\{|\}[\u3400-\u4dbf\u4e00-\u9fff]")
