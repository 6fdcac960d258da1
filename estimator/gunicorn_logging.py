"""gunicorn's logger, made private (gunicorn.conf.py: logger_class).

gunicorn writes request lines into its error log when it refuses one ("Invalid request
from ip=…: Invalid Request Line 'GET /result?age=62…'") and when a worker is killed by the
timeout ("Error handling request GET /result?…"); its access log can write any request
header or the query string. Here every line of both logs passes estimator.logging's
PrivateRecords (no query string, control characters escaped), and the access log's
fields that could hold figures are blanked whatever access_log_format asks for.
"""
from gunicorn.glogging import Logger

from .logging import PrivateRecords, logged_path

# Atoms that hold the query string, the referrer (a page's full URL) or other headers.
_BLANKED = ("q", "f", "a")


class PrivateLogger(Logger):

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not any(isinstance(f, PrivateRecords) for f in handler.filters):
                    handler.addFilter(PrivateRecords())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = logged_path(atoms.get("U") or "")
        atoms["U"] = path
        atoms["r"] = f"{atoms.get('m')} {path} {atoms.get('H')}"
        for key in _BLANKED:
            atoms[key] = "-"
        # Request and response headers and the WSGI environ: only a few harmless ones.
        for key in [k for k in atoms if k.startswith("{")]:
            if key not in ("{x-forwarded-proto}i", "{content-length}o", "{content-type}o"):
                del atoms[key]
        return atoms
