"""How a page is shown, apart from its language: the elderly-friendly modes (适老化), large text (大字版) and
high contrast (高对比度).

Each mode is one key in the link with the one value that turns it on; any other value is no mode and is not
kept. The modes live in the link, never in a cookie, so a kept or shared link opens as it was seen, and every
link, form and redirect carries them on (the journey keeps them with the answers). They are not answers: the
engine never sees them. The journey, the desk and the page context all read them from here."""
import bisect
from urllib.parse import urlencode

SIZE_KEY, LARGE = "size", "large"              # large-text mode: static/css/large-text.css
CONTRAST_KEY, HIGH = "contrast", "high"        # high-contrast mode: static/css/high-contrast.css
MODES = {SIZE_KEY: LARGE, CONTRAST_KEY: HIGH}  # each display key, with the one value kept


def is_on(query, key: str) -> bool:
    """Whether a link's query (a QueryDict, or the journey's answers) turns the mode `key` on."""
    return query.get(key, "").strip() == MODES[key]


_IN_KEY_ORDER = tuple(sorted(MODES.items()))


def modes_on(query) -> tuple[tuple[str, str], ...]:
    """The modes a query turns on, as (key, value) in key order, as the journey's sorted links write them."""
    return tuple(pair for pair in _IN_KEY_ORDER if is_on(query, pair[0]))


def switch_urls(request, on: dict[str, bool]) -> dict[str, str]:
    """For each mode, the same page and answers with that mode turned the other way: its key added or taken away
    (`on`: whether each mode is on now). The other keys stay as they came, sorted, as a link the journey writes."""
    # "s" (a form just sent) is left out: switching shows the page, it does not send it again.
    pairs = sorted((k, v) for k, values in request.GET.lists() for v in values if k != "s")
    # Encoded once for every switch: the answers' encoding is most of a switch's cost. An encoded pair holds no "&".
    texts = urlencode(pairs).split("&") if pairs else []
    urls = {}
    for key, value in MODES.items():
        kept = [text for (k, _v), text in zip(pairs, texts) if k != key] if key in request.GET else texts
        if not on[key]:
            at = bisect.bisect_left(pairs, (key,))        # where the key sorts, among the pairs kept too
            kept = kept[:at] + [f"{key}={value}"] + kept[at:]
        urls[key] = request.path + ("?" + "&".join(kept) if kept else "")
    return urls
