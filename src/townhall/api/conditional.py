"""What every API answer to a GET says for reusers: an ETag and a Last-Modified, so a client
or cache asking again with If-None-Match or If-Modified-Since gets 304 and no body, and
CORS, so a page on any site may read public data.

Outside the page cache, so answers served from it are tagged and answered 304 too."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

PREFIX = "/api/"


class ApiConditionalGetMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(PREFIX) or request.method not in ("GET", "HEAD"):
            return response
        response["Access-Control-Allow-Origin"] = "*"  # public, read-only data
        if response.status_code != 200 or response.streaming:
            return response
        if not response.has_header("ETag"):
            set_response_etag(response)
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        if last_modified is None:
            # Not kept by the page cache (it is off, or the answer was not to be kept): dated
            # now, but If-Modified-Since is not trusted with it, since a change within the
            # same second would be a 304 for the copy before it. The ETag still is.
            response["Last-Modified"] = http_date()
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=last_modified, response=response
        )
