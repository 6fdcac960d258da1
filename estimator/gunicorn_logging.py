"""gunicorn's logger, made private (gunicorn.conf.py: logger_class).

gunicorn writes request lines into its error log when it refuses one ("Invalid request
from ip=…: Invalid Request Line 'GET /result?age=62…'") and when a worker is killed by the
timeout ("Error handling request GET /result?…"); its access log can write any request
header or the query string. Here every line of the error log passes estimator.logging's
PrivateRecords (no query string, control characters escaped), and the access log gets
only fields that cannot hold figures, whatever access_log_format asks for: the path
without its query string and with control characters escaped, never the query string,
the referrer, the user agent or any other header.
"""
from gunicorn.glogging import Logger

from .logging import PrivateRecords, logged_path

# Fields that hold nothing a person typed: address, user, time, status, sizes, durations, pid.
_KEPT = ("h", "l", "u", "t", "s", "m", "H", "b", "B", "T", "D", "M", "L", "p")


class PrivateLogger(Logger):

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            if not any(isinstance(f, PrivateRecords) for f in handler.filters):
                handler.addFilter(PrivateRecords())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        kept = {key: atoms[key] for key in _KEPT}
        kept["U"] = path = logged_path(atoms["U"] or "")
        kept["r"] = f"{atoms['m']} {path} {atoms['H']}"
        return kept          # any other field (%(q)s, %(f)s, %(a)s, %({header}i)s) logs as "-"
