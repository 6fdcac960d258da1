"""Keep people's figures out of the logs.

Django's error log records the request (whose URL and body carry the figures a person
typed); we log the method, the path without its query string and the error only.
"""
import logging


class DropRequestDetails(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None:
            path = getattr(request, "path", "?")
            record.msg = f"{getattr(request, 'method', '?')} {path}: {record.getMessage().split('?')[0].split(':')[0]}"
            record.args = ()
            record.request = None
        if isinstance(record.args, tuple):
            record.args = tuple(a.split("?")[0] if isinstance(a, str) else a for a in record.args)
        return True
