"""The whole site's news as one feed: every group's and the council's posts."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from wagtail.models import Site

from townhall.core import pagecache
from townhall.news.feeds import FeedSpec, PostsFeed
from townhall.news.models import posts_below


def site_feed(request: HttpRequest, atom: bool = False) -> HttpResponse:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site here.")
    root = site.root_page
    pagecache.tag(request, pagecache.page_tag(root.pk))
    spec = FeedSpec(
        _("%(site)s: news") % {"site": site.site_name or root.title},
        root.get_url(request),
        _("News from every group and the council"),
        posts_below(root),
    )
    return PostsFeed(atom)(request, spec=spec)
