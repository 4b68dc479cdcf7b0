"""Log lines with time, level, logger and the request they belong to; JSON with LOG_FORMAT=json.

The request id comes from the proxy's X-Request-ID when it is a plain token (so nginx's
$request_id ties its log to ours), otherwise a new one; it goes back in the response."""

import contextvars
import logging
import re
import uuid

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"


def new_request_id(offered: str | None) -> str:
    return offered if offered and SAFE_ID.match(offered) else uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


def logging_config(level: str, log_format: str) -> dict:
    formatter = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
        if log_format == "json"
        else {"format": PLAIN_FORMAT}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"townhall": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "townhall",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            "wagtail": {"level": "WARNING"},
            # Each 4xx/5xx is in the access log already; tracebacks still come from here.
            "django.request": {"level": "ERROR"},
            "django_tasks": {"level": "WARNING"},
        },
    }
