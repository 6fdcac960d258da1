"""The JSON door of shared/CONTRACT.md: POST /api/estimate, and GET /healthz."""

import json

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from policies import ScenarioError, estimate

from .management.commands.estimate import read_json

MAX_BODY = 64 * 1024   # a scenario is a few kilobytes; anything larger is not one


# The engine's answers hold only strings, numbers and booleans: the standard encoder
# suffices (Django's JsonResponse adds a slower encoder class for dates and the like).
# Built once: json.dumps with options would build a new encoder for every answer.
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)   # no answer refers to itself


def _json(data: dict, status: int = 200) -> HttpResponse:
    # Handed over as UTF-8 bytes (what HttpResponse would make of the text, JSON's own encoding):
    # then it need not work out the charset from the content type on every answer.
    return HttpResponse(_ENCODER.encode(data).encode(), status=status, content_type="application/json")


def _errors(status: int, field: str, message: str) -> HttpResponse:
    return _json({"errors": {field: [message]}}, status)


def _body(request) -> bytes | None:
    """The body, up to one byte more than MAX_BODY; None when its stated length is too large.

    A body sent with Transfer-Encoding: chunked has no Content-Length, and Django reads
    nothing without one; the server then marks the input as ending with the body
    (wsgi.input_terminated, as gunicorn does), so it is read from the stream, still bounded.
    """
    length = request.META.get("CONTENT_LENGTH")
    if length:
        if not length.isdecimal() or int(length) > MAX_BODY:
            return None
        return request.read(MAX_BODY + 1)
    if not request.META.get("wsgi.input_terminated"):
        return b""
    stream, chunks, size = request.META["wsgi.input"], [], 0
    while size <= MAX_BODY:
        chunk = stream.read(MAX_BODY + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


@csrf_exempt   # it changes nothing and reads no cookie (CONTRACT.md)
@require_http_methods(["POST"])
def estimate_view(request):
    content_type = request.content_type or ""
    if content_type != "application/json":
        return _errors(415, "(body)", "Send the scenario as JSON with Content-Type: application/json.")
    body = _body(request)
    if body is None or len(body) > MAX_BODY:
        return _errors(413, "(body)", f"The body is larger than {MAX_BODY} bytes.")
    try:
        data = read_json(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return _errors(400, "(body)", "The body is not valid JSON.")
    try:
        result = estimate(data)
    except ScenarioError as problem:
        lang = "en" if isinstance(data, dict) and data.get("lang") == "en" else "zh"
        return _json({"errors": problem.messages(lang)}, 400)
    return _json(result)


@require_GET
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain")
