from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Site


def townhall(request: HttpRequest) -> dict:
    site = Site.find_for_request(request)
    return {
        "site_name": (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME,
        "show_outbox": settings.TOWNHALL_SHOW_OUTBOX,
    }
