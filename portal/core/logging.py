"""Log records as JSON lines that carry a request id and never the request itself.

Django's request logger attaches the whole request to a record; serialised, that would leak query
strings, cookies and headers. We keep only the method and the path without its query string.
"""

import logging
from contextvars import ContextVar

from django.http import HttpRequest

request_id_var: ContextVar[str] = ContextVar("request_id", default="")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        request = record.__dict__.pop("request", None)
        if isinstance(request, HttpRequest):
            record.method = request.method
            record.path = request.path
        # Django's "Not Found: /path?x" style messages come from args; the path is kept, the query dropped.
        if record.name == "django.request" and isinstance(record.args, tuple) and record.args:
            record.args = tuple(str(arg).split("?", 1)[0] for arg in record.args)
        return True
