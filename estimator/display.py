"""How a page is shown, apart from its language: the elderly-friendly modes (适老化), large text (大字版) and
high contrast (高对比度).

Each mode is one key in the link with the one value that turns it on; any other value is no mode and is not
kept. The modes live in the link, never in a cookie, so a kept or shared link opens as it was seen, and every
link, form and redirect carries them on (the journey keeps them with the answers). They are not answers: the
engine never sees them. The journey, the desk and the page context all read them from here."""
from urllib.parse import urlencode

SIZE_KEY, LARGE = "size", "large"              # large-text mode: static/css/large-text.css
CONTRAST_KEY, HIGH = "contrast", "high"        # high-contrast mode: static/css/high-contrast.css
MODES = {SIZE_KEY: LARGE, CONTRAST_KEY: HIGH}  # each display key, with the one value kept


def is_on(query, key: str) -> bool:
    """Whether a link's query (a QueryDict, or the journey's answers) turns the mode `key` on."""
    return query.get(key, "").strip() == MODES[key]


def kept(key: str, value: str) -> bool:
    """Whether a link's key and stripped value travel on: anything but a display key, or a mode that is on."""
    return key not in MODES or value == MODES[key]


def modes_on(query) -> tuple[tuple[str, str], ...]:
    """The modes a query turns on, as (key, value) in key order, as the journey's sorted links write them."""
    return tuple((key, value) for key, value in sorted(MODES.items()) if is_on(query, key))


def switch_url(request, key: str, on: bool) -> str:
    """The same page and answers with the mode `key` turned the other way: its key added or taken away."""
    # "s" (a form just sent) is left out: switching shows the page, it does not send it again.
    pairs = [(k, v) for k, values in request.GET.lists() for v in values if k not in (key, "s")]
    if not on:
        pairs.append((key, MODES[key]))
    query = urlencode(sorted(pairs))
    return request.path + (f"?{query}" if query else "")
