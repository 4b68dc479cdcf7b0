"""The provider's addresses: django-oauth-toolkit's under /o/ and a bare sign-in form."""

from django.contrib.auth import authenticate, login
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path
from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    """The claims a council's directory gives: the address, vouched for, and the name."""

    def get_additional_claims(self, request) -> dict:
        return {
            "email": request.user.email,
            "email_verified": True,
            "name": request.user.get_full_name() or request.user.username,
        }


def sign_in(request):
    if request.method == "POST":
        user = authenticate(
            request, username=request.POST.get("username"), password=request.POST.get("password")
        )
        if user is not None:
            login(request, user)
            return HttpResponseRedirect(request.GET.get("next", "/"))
        return HttpResponse("Wrong username or password.", status=401)
    return HttpResponse('<form method="post"><input name="username"><input name="password"></form>')


urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("login/", sign_in),
]
