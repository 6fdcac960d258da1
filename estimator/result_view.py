"""The result's simple version (简明版): a display choice carried in the link as view=simple, no cookie.

It is not an answer. The journey never reads it (estimator.journey keeps the answers and the display modes of
estimator.display, which every page shows), so the links made from the answers (Change your answers, the
questions, compare, the reproduce link) never carry it: a shared or saved link, or a changed answer, opens the full result, which says how it was worked out and
links to the simple version near its top. The links that keep the whole query carry it: the header's
switches (text size, contrast, language) and the two versions' links to each other.
"""
from urllib.parse import urlencode

VIEW_KEY, SIMPLE = "view", "simple"


def is_simple(query) -> bool:
    return query.get(VIEW_KEY, "").strip() == SIMPLE


def other_version_url(request, simple: bool) -> str:
    """The same result in the other version: the key added at the end (its one value) or taken away, the rest
    of the link kept as it was, in its order, so that the way back is the link the person came by and the
    simple version's reproduce link is the full result's."""
    if not simple and VIEW_KEY not in request.GET:
        # The full result's usual link: its own address with the key added, as its reproduce link reads it
        # (a join; taking the query apart and encoding it again cost the page some 30 µs).
        path = request.get_full_path()
        return f"{path}{'&' if '?' in path else '?'}{VIEW_KEY}={SIMPLE}"
    pairs = [(k, v) for k, values in request.GET.lists() for v in values if k != VIEW_KEY]
    if not simple:
        pairs.append((VIEW_KEY, SIMPLE))
    query = urlencode(pairs)
    return request.path + (f"?{query}" if query else "")
