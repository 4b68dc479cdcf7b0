"""The admin opens only to a session that has done what policy.missing_step asks: signed in
with the council's provider where that is required, and with a second factor where MFA is
required. Everything under /admin/ is guarded except signing in and out."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from townhall.staff_sign_in import policy

OPEN = {
    "staff_login",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


def _guarded(request) -> bool:
    match = request.resolver_match
    if match is None or not request.path_info.startswith("/admin/"):
        return False
    name = match.url_name or ""
    return name not in OPEN and not name.startswith("wagtailadmin_password_reset")


class StaffSecondFactorMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _guarded(request):
            return None
        step = policy.missing_step(request)
        if step is None:
            return None
        next_query = urlencode({"next": request.get_full_path()})
        if step == "sso":
            return render(request, "staff_sign_in/sso_required.html", status=403)
        if step == "setup":
            messages.info(
                request,
                _("Set up a second way to prove it is you before opening the admin."),
            )
            return HttpResponseRedirect(f"{reverse('mfa_index')}?{next_query}")
        return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{next_query}")
