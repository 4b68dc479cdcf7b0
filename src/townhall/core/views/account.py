"""A resident deletes their own account, after a page that says what goes and what stays."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from townhall.core import accounts


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    allowed = accounts.may_delete_own_account(request.user)
    if request.method == "POST" and allowed:
        user = request.user
        logout(request)
        accounts.delete_account(user)
        messages.success(request, _("Your account and your applications have been deleted."))
        return redirect("/")
    return render(
        request,
        "account/delete.html",
        {"allowed": allowed, "hide_feedback": True},
        status=200 if allowed else 403,
    )
