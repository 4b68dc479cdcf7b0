"""Follow forms and the emailed links: thin over townhall.follows.services."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from townhall.core.ratelimit import rate_limited
from townhall.follows import services
from townhall.follows.forms import FollowForm
from townhall.follows.models import Follow, Follower


@require_POST
@rate_limited("follow")
def follow(request: HttpRequest, kind: str, target_id: int) -> HttpResponse:
    try:
        name = services.target_name(kind, target_id)
    except services.UnknownTarget:
        raise Http404("There is nothing here to follow.") from None
    form = FollowForm(request.POST, kind=kind, target_id=target_id)
    context = {"name": name, "form": form, "kind": kind, "target_id": target_id}
    if not form.is_valid():
        return render(request, "follows/follow.html", context, status=400)
    if not form.is_spam:
        services.follow(
            kind,
            target_id,
            form.cleaned_data["email"],
            form.cleaned_data["frequency"],
            hear_from_organisation=form.cleaned_data.get("hear_from_organisation", False),
        )
    context["email"] = form.cleaned_data["email"]
    return render(request, "follows/check_email.html", context)


@never_cache  # the link is personal: no cache may keep the page
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    wanted = get_object_or_404(Follow.objects.select_related("follower"), token=token[:64])
    try:
        name = services.target_name(wanted.kind, wanted.target_id)
    except services.UnknownTarget:
        raise Http404("This can no longer be followed.") from None
    context = {"follow": wanted, "name": name}
    if request.method == "POST":
        context["confirmed_now"] = services.confirm(wanted)
        return render(request, "follows/confirmed.html", context)
    return render(request, "follows/confirm.html", context)


# The token in the address is the credential, and mail programs' one-click unsubscribe
# (RFC 8058) posts without a CSRF token, so this view takes a POST without one.
@csrf_exempt
@never_cache  # the link is personal: no cache may keep the page
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    follower = get_object_or_404(Follower, token=token[:64])
    if request.method == "POST" and request.POST.get("erase"):
        services.erase(follower)
        return render(request, "follows/unsubscribed.html", {"erased": True})
    if request.method == "POST":
        changed = services.unsubscribe(follower)
        return render(request, "follows/unsubscribed.html", {"already": not changed})
    return render(request, "follows/unsubscribe.html", {"follower": follower})
