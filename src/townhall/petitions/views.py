"""The public side of petitions: thin views over townhall.petitions.services."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from townhall.core import agenda, pagecache
from townhall.core.models import Borough
from townhall.core.ratelimit import client_address, rate_limited
from townhall.core.services import machine_translation
from townhall.core.wardmap import ATTRIBUTION, borough_map
from townhall.petitions import counts, services
from townhall.petitions import translation as petition_translation
from townhall.petitions.exports import signers_csv
from townhall.petitions.forms import CreateForm, SignForm
from townhall.petitions.listing import PetitionFilters, petitions_for
from townhall.petitions.models import Petition, Signature, Threshold

PUBLIC = [Petition.State.OPEN, Petition.State.CLOSED, Petition.State.REJECTED]
PER_PAGE = 50
COUNT_LAG_SECONDS = 3  # the page may show a count this old, plus the count's own cache


def _borough(request: HttpRequest) -> Borough:
    borough = Borough.objects.filter(site__hostname=request.get_host().split(":")[0]).first()
    return borough or Borough.objects.first()


def petition_list(request: HttpRequest) -> HttpResponse:
    filters = PetitionFilters(request.GET)
    chosen = filters.chosen()
    page = Paginator(petitions_for(chosen), PER_PAGE).get_page(request.GET.get("page"))
    pagecache.tag(request, "petitions", seconds=COUNT_LAG_SECONDS)
    return render(
        request,
        "petitions/list.html",
        {"petitions": page, "filters": filters, "chosen": chosen, "state": chosen["state"]},
    )


def check_similar(request: HttpRequest) -> HttpResponse:
    """Step one of starting a petition: is there one already?"""
    action = request.GET.get("action", "").strip()[:80]
    similar = []
    if action:
        words = [w for w in action.split() if len(w) > 3][:8]
        query = Q()
        for word in words:
            query |= Q(action__icontains=word) | Q(background__icontains=word)
        if words:
            similar = Petition.objects.filter(query, state=Petition.State.OPEN)[:10]
    return render(request, "petitions/check.html", {"action": action, "similar": similar})


@rate_limited("petition")
def create(request: HttpRequest) -> HttpResponse:
    form = CreateForm(
        request.POST if request.method == "POST" else None,
        initial={"action": request.GET.get("action", "")},
        borough=_borough(request),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not form.is_spam:
            services.create(
                form.borough,
                action=data["action"],
                background=data["background"],
                additional_details=data["additional_details"],
                organisation=data["organisation"],
                topic=data["topic"],
                creator=services.Signer(
                    data["name"],
                    data["email"],
                    data["postcode"],
                    data["ward"],
                    True,
                    client_address(request),
                ),
            )
        return render(
            request, "petitions/check_email.html", {"creating": True, "email": data["email"]}
        )
    return render(
        request, "petitions/create.html", {"form": form}, status=400 if form.is_bound else 200
    )


@never_cache  # the link is personal: no cache may keep the page
def confirm_creator(request: HttpRequest, token: str) -> HttpResponse:
    petition = get_object_or_404(Petition, creator_token=token[:64])
    done = petition.state != Petition.State.PENDING
    if not done and services.link_expired(petition.created_at):
        return _link_expired(request, petition, creating=True)
    if request.method == "POST" and not done:
        services.confirm_creator(petition)
        petition.refresh_from_db()
        return render(request, "petitions/creator_confirmed.html", {"petition": petition})
    return render(request, "petitions/confirm_creator.html", {"petition": petition, "done": done})


def _detail_context(petition: Petition) -> dict:
    shown = counts.shown(petition.pk)
    by_ward = services.signatures_by_ward(petition)
    paper = sum(batch.count for batch in petition.paper.all())
    thresholds = list(Threshold.objects.filter(scheme__borough=petition.borough))
    reached = {r.threshold_id: r for r in petition.reached.all()}
    next_tier = next((t for t in thresholds if t.signatures > shown + paper), None)
    return {
        "petition": petition,
        # Named on the page as petition.parliament.uk does (the form says so); gone once
        # the signers' details are anonymised.
        "creator_name": petition.signatures.filter(is_creator=True)
        .values_list("name", flat=True)
        .first(),
        "count": shown,
        "paper": paper,
        "total": shown + paper,
        "thresholds": [(t, reached.get(t.pk)) for t in thresholds],
        "next_tier": next_tier,
        "progress": min(100, round(100 * (shown + paper) / next_tier.signatures))
        if next_tier
        else 100,
        "days_left": max(0, (petition.closes_at - timezone.now()).days)
        if petition.closes_at
        else None,
        "by_ward": by_ward,
        "debate": (debate := agenda.debate_for(petition.pk)),
        "debate_ahead": debate is not None and debate.starts_at > timezone.now(),
        "ward_map": borough_map(
            petition.borough_id,
            {row["ward__code"]: row["count"] for row in by_ward},
            title=_("Map of signatures by ward: %(action)s") % {"action": petition.action},
            # Translators: what the map counts in each ward: "Riverside: 12 signatures"
            unit=_("signatures"),
        ),
        "response": getattr(petition, "response", None),
        "attribution": ATTRIBUTION,
    }


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    petition = get_object_or_404(Petition.objects.select_related("response"), pk=pk)
    if not petition.is_public:
        raise Http404("There is no petition here.")
    pagecache.tag(request, f"petition:{pk}", seconds=COUNT_LAG_SECONDS)
    context = _detail_context(petition)
    # The same control for every reader, so the page stays one cached copy per address.
    context["translate_offer"] = machine_translation.offer(
        reverse("petition-translated", args=[pk])
    )
    return render(request, "petitions/detail.html", context)


@require_safe  # a GET form asks for it: the translated page has an address of its own
@rate_limited("translate", methods=("GET", "HEAD"))
def translated(request: HttpRequest, pk: int) -> HttpResponse:
    """The petition page with its words machine-translated into the language being shown,
    labelled, with the original a click away. Only ever shown to a reader who asked."""
    petition = get_object_or_404(Petition.objects.select_related("response"), pk=pk)
    if not petition.is_public:
        raise Http404("There is no petition here.")
    original_url = reverse("petition", args=[pk])
    if machine_translation.configured() is None:
        return redirect(original_url)
    try:
        result = petition_translation.translate(petition)
    except machine_translation.Unavailable as unavailable:
        context = {
            **_detail_context(petition),
            "translation_unavailable": str(unavailable),
            "original_url": original_url,
        }
        # Not tagged, so never kept by the page cache: the next request tries again.
        return render(request, "petitions/detail.html", context, status=503)
    petition_translation.show_translated(petition, result)
    pagecache.tag(request, f"petition:{pk}", seconds=COUNT_LAG_SECONDS)
    context = {
        **_detail_context(petition),
        "machine_translation": result,
        "original_url": original_url,
    }
    return render(request, "petitions/detail.html", context)


@rate_limited("sign_burst", "sign")
def sign(request: HttpRequest, pk: int, token: str = "") -> HttpResponse:
    """The signing form; with the sponsor token it also serves a petition not yet open."""
    petition = get_object_or_404(Petition.objects.select_related("borough", "organisation"), pk=pk)
    as_sponsor = bool(token) and token == petition.sponsor_token
    if not (petition.state == Petition.State.OPEN or (as_sponsor and petition.accepts_signatures)):
        return render(request, "petitions/not_signable.html", {"petition": petition}, status=403)
    if not as_sponsor:
        # Everyone arriving from a shared link loads this form: serve it from the page cache.
        pagecache.tag(request, f"petition:{pk}")
    form = SignForm(
        request.POST if request.method == "POST" else None,
        borough=petition.borough,
        organisation=petition.organisation,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not form.is_spam:
            try:
                services.sign(
                    petition,
                    services.Signer(
                        data["name"],
                        data["email"],
                        data["postcode"],
                        data["ward"],
                        data["notify_by_email"],
                        client_address(request),
                        data.get("hear_from_organisation", False),
                    ),
                )
            except services.WrongState as refusal:
                context = {"petition": petition, "reason": str(refusal)}
                return render(request, "petitions/not_signable.html", context, status=403)
        return pagecache.same_for_everyone(
            request,
            f"signed:{petition.pk}",
            (f"petition:{petition.pk}",),
            lambda values: render(
                request, "petitions/check_email.html", {"petition": petition, **values}
            ),
            email=data["email"],
        )
    return render(
        request,
        "petitions/sign.html",
        {"petition": petition, "form": form, "as_sponsor": as_sponsor},
        status=400 if form.is_bound else 200,
    )


def _link_expired(request: HttpRequest, petition: Petition, creating: bool = False):
    context = {
        "petition": petition,
        "creating": creating,
        "days": settings.TOWNHALL_CONFIRM_LINK_DAYS,
    }
    return render(request, "petitions/link_expired.html", context, status=410)


@never_cache  # the link is personal: no cache may keep the page
def confirm_signature(request: HttpRequest, token: str) -> HttpResponse:
    signature = get_object_or_404(Signature.objects.select_related("petition"), token=token[:64])
    petition = signature.petition
    if signature.state == Signature.State.INVALIDATED:
        raise Http404("This signature is not valid.")
    if signature.state == Signature.State.PENDING and services.link_expired(signature.link_sent_at):
        return _link_expired(request, petition)
    if request.method == "POST":
        try:
            confirmed = services.confirm_signature(signature)
        except services.LinkExpired:  # it expired between loading and pressing the button
            return _link_expired(request, petition)
        # The same page for every signer: rendered once, kept like the petition's page.
        return pagecache.same_for_everyone(
            request,
            f"confirmed:{petition.pk}:{'already' if not confirmed else 'now'}",
            (f"petition:{petition.pk}",),
            lambda _values: render(
                request,
                "petitions/signature_confirmed.html",
                {"petition": petition, "already": not confirmed},
            ),
        )
    already = signature.state == Signature.State.VALIDATED
    # The page behind every signer's link is the same (its button posts back to the link).
    return pagecache.same_for_everyone(
        request,
        f"confirm:{petition.pk}:{'already' if already else 'pending'}",
        (f"petition:{petition.pk}",),
        lambda _values: render(
            request,
            "petitions/confirm_signature.html",
            {"petition": petition, "already": already},
        ),
    )


def help_page(request: HttpRequest) -> HttpResponse:
    borough = _borough(request)
    return render(
        request,
        "petitions/help.html",
        {
            "reasons": Petition.RejectionReason.choices,
            "thresholds": Threshold.objects.filter(scheme__borough=borough),
            "scheme": services.scheme_for(borough),
        },
    )


@never_cache  # the link is personal: no cache may keep the page
def creator_signers(request: HttpRequest, token: str) -> HttpResponse:
    """The creator's own download, through the private link in their confirmation email."""
    petition = get_object_or_404(Petition, creator_token=token[:64])
    if petition.state not in (Petition.State.OPEN, Petition.State.CLOSED):
        raise Http404("Signers can be downloaded once the petition is open.")
    return signers_csv(petition, by_creator=True)
