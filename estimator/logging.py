"""Keep people's figures out of the logs, and keep log lines honest.

The figures a person types travel in the query string (and in the API's body), so no log
line may carry a query string: Django's error log records the method and the path only,
and every line, whoever writes it (Django, gunicorn), goes through `private_line`, which
cuts a query string off wherever it appears and escapes control characters, so that a
`%0a` or an ANSI escape in a path can neither forge a line nor repaint a terminal.

Used by settings.LOGGING (Django) and by estimator.gunicorn_logging (gunicorn's own logs).
"""
import logging
import re

# C0 and C1 controls, DEL, the Unicode line and paragraph separators and the bidi controls
# that can make a line read differently from what it holds.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A query string runs from "?" to the end of the line: a malformed request line may hold
# spaces or quotes inside its query, so no shorter end is safe. (A "?" that ends a line,
# as in gunicorn's "Perhaps out of memory?", has nothing after it to hide.)
_QUERY = re.compile(r"\?.+")
QUERY_MARK = "?…"


def escape_controls(text: str) -> str:
    """`\\n` becomes the four characters \\x0a, and so on: visible, never obeyed."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text)


def without_query(text: str) -> str:
    return _QUERY.sub(QUERY_MARK, text)


def private_line(text: str) -> str:
    """One line as it may be logged: no query string, no control character."""
    return escape_controls(without_query(text))


def private_lines(text: str) -> str:
    """A multi-line text (a traceback): each line made private, the line breaks kept."""
    return "\n".join(private_line(line) for line in text.split("\n"))


def logged_path(path: str) -> str:
    """A request path for a log. A decoded path may hold a "?" (from %3F, a link whose
    query was encoded into its path): what follows it is left out, marked by "…"."""
    before, mark, _ = path.partition("?")
    return escape_controls(before) + ("…" if mark else "")


_TRACEBACKS = logging.Formatter()


class PrivateRecords(logging.Filter):
    """A handler filter: whatever a record holds, what is written has no query string and
    no control character. The message is formatted here, once, then made private; a
    traceback is formatted and made private line by line (its lines are code, but the
    exception's own message may quote a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:          # a message whose arguments do not fit: still logged, never raised
            message = str(record.msg)
        record.msg = private_line(message)
        record.args = ()
        if record.exc_info:
            record.exc_text = private_lines(_TRACEBACKS.formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = private_lines(record.exc_text)
        if record.stack_info:
            record.stack_info = private_lines(record.stack_info)
        return True


class DropRequestDetails(PrivateRecords):
    """Django's records carry the request (whose URL and body hold the figures): keep the
    method and the path only, then make the line private."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None:
            path = getattr(request, "path", "?")
            message = record.getMessage().split("?")[0].split(":")[0]
            record.msg = f"{getattr(request, 'method', '?')} {path}: {message}"
            record.args = ()
            record.request = None
        return super().filter(record)


class ClientErrorsAsWarnings(logging.Filter):
    """Django logs a request it refuses (a bad Host, too many fields, a body too large:
    django.security.*) at ERROR with its traceback. It is the client's mistake, and anyone
    can send one: one WARNING line, no traceback, so that nobody can flood the logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
