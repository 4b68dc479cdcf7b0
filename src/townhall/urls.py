from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from townhall.core import access, sitemaps
from townhall.staff_sign_in.views import StaffLoginView

# Staff's admin follows each person's own language setting; documents and the API are
# the same in every language, so they keep one address.
urlpatterns = [
    # The admin's sign-in goes through allauth, so a second factor is asked for (staff_sign_in).
    path("admin/login/", StaffLoginView.as_view(), name="staff_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("townhall.api.urls")),
    # For search engines: one address each, in no language (core.sitemaps).
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    path("robots.txt", sitemaps.robots, name="robots"),
]

# What residents read answers under each language's prefix (`/pl/...`); the default
# language has none, so addresses published before translation keep working.
residents_pages = [
    # Residents sign in by a code sent to their email, never a password (decision 12).
    path(
        "accounts/login/",
        RedirectView.as_view(pattern_name="account_request_login_code", query_string=True),
    ),
    path("accounts/", include("allauth.urls")),
    path("", include("townhall.core.urls")),
    path("", include("townhall.people.urls")),
    path("", include("townhall.donations.urls")),
    path("", include("townhall.news.urls")),
    path("", include("townhall.comments.urls")),
    path("", include("townhall.petitions.urls")),
    path("", include("townhall.events.urls")),
    path("", include("townhall.statements.urls")),
    path("", include("townhall.follows.urls")),
    path("", include("townhall.council.urls")),
    path("", include("townhall.consultations.urls")),
    path("", include("townhall.grants.urls")),
    path("", include("townhall.datasets.urls")),
]

# A real deployment serves uploads from the reverse proxy (docs/deploying.md).
if settings.DEBUG or settings.DEMO:
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

# Wagtail's page tree answers every other address, so it comes last: in the reader's
# language, falling back to the original (core.translations).
residents_pages.append(path("", include("townhall.core.views.pages")))
urlpatterns += i18n_patterns(*residents_pages, prefix_default_language=False)

# Views each app's rules.py declares as only reading answer GET and HEAD alone.
access.enforce_read_only(urlpatterns)
