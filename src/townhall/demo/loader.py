"""Loads the demo borough. Idempotent: each part is created only if it is missing."""

import os
from datetime import date, datetime, time, timedelta
from importlib.resources import files

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from townhall.campaigns.models import AimsPage, OrganisationHomePage
from townhall.comments.models import Comment
from townhall.core.models import (
    Borough,
    BoroughHomePage,
    ContactDetails,
    ContentPage,
    Organisation,
    Ward,
)
from townhall.core.services.organisations import set_up_organisation
from townhall.core.services.wards import load_wards
from townhall.demo import content, posts
from townhall.demo.consultations import load_consultations
from townhall.demo.council import load_council
from townhall.demo.datasets import load_datasets
from townhall.demo.democracy import load_democracy
from townhall.demo.donations import load_donation_page
from townhall.demo.easy_read import load_easy_read
from townhall.demo.events import load_events
from townhall.demo.grants import load_grants
from townhall.demo.pdf import simple_pdf
from townhall.demo.programmes import load_programmes
from townhall.demo.statements import load_statements
from townhall.demo.translations import load_translations
from townhall.news.models import NewsCategory, NewsIndexPage, NewsPostPage
from townhall.petitions import services as petition_services
from townhall.petitions.models import Petition, PetitionResponse, Threshold

DEMO_PASSWORD = os.environ.get("TOWNHALL_DEMO_PASSWORD", "townhall-demo")


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def load_demo_wards(borough: Borough) -> int:
    return load_wards(
        borough, files("townhall.core").joinpath("data/barnet-wards.geojson").read_text()
    )


def home_page(borough: Borough) -> BoroughHomePage:
    home = BoroughHomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(
            instance=BoroughHomePage(
                title=f"{borough.name} Townhall",
                slug=slugify(borough.name),
                intro=content.HOME_INTRO,
            )
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and site.root_page_id == home.pk:
        return home
    # A new demo, or a database restored without its site: the default site serves the demo.
    old_root = site.root_page if site else None
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page, site.site_name = home, f"{borough.name} Townhall"
    site.save()
    borough.site = site
    borough.save()
    # Wagtail's installation leaves a "Welcome" page that nothing links to any more.
    if old_root is not None and old_root.pk != home.pk and old_root.depth == 2:
        old_root.delete()
    return home


def about_page(home: BoroughHomePage) -> None:
    if ContentPage.objects.child_of(home).exists():
        return
    home.add_child(instance=ContentPage(slug="about", **content.ABOUT)).save_revision().publish()


def _publish_versions(parent: Page, aims: dict) -> None:
    page = None
    for day, summary, body in aims["versions"]:
        if page is None:
            page = parent.add_child(
                instance=AimsPage(
                    title=aims["title"], slug="aims", body=body, change_summary=summary
                )
            )
        else:
            page.body, page.change_summary = body, summary
        page.save_revision().publish()
        # The demo's history is back-dated so that the versions show real dates.
        page.versions.filter(number=page.versions.count()).update(published_at=_aware(day))


def _document(organisation: Organisation, title: str, filename: str) -> None:
    Document = get_document_model()
    if Document.objects.filter(title=title).exists():
        return
    pdf = simple_pdf(title, [organisation.name, "A demonstration document for Townhall."])
    document = Document(title=title, collection=organisation.collection)
    document.file.save(filename, ContentFile(pdf), save=False)
    document.save()


def _file_post(post: NewsPostPage, details: dict, organisation: Organisation) -> None:
    post.author_name = details.get("author", "")
    for name in details.get("categories", []):
        category, _ = NewsCategory.objects.get_or_create(
            organisation=organisation, slug=slugify(name), defaults={"name": name}
        )
        post.categories.add(category)
    post.tags.add(*details.get("tags", []))


def _comment_on(post: NewsPostPage, comments: list, day: date) -> None:
    """Demo comments, written as readers would; a reply names its parent by position."""
    made: list[Comment] = []
    for number, (name, email, url, text, status, reply_to) in enumerate(comments):
        parent = made[reply_to] if reply_to is not None else None
        comment = Comment.objects.create(
            page=post,
            parent=parent,
            root=(parent.root or parent) if parent else None,
            depth=parent.depth + 1 if parent else 1,
            author_name=name,
            author_email=email,
            author_url=url,
            content=text,
            status=status,
        )
        moment = _aware(day) + timedelta(hours=2 + number)
        Comment.objects.filter(pk=comment.pk).update(created_at=moment)
        made.append(comment)


def _mailing_details(organisation: Organisation, spec: dict) -> None:
    """Its mailings' footer says where to write, and replies go to the group."""
    organisation.postal_address = spec["contact"]["address"]
    organisation.reply_to_email = spec["contact"]["email"]
    organisation.save(update_fields=["postal_address", "reply_to_email"])


def load_organisation(borough: Borough, home: BoroughHomePage, spec: dict) -> Organisation:
    existing = Organisation.objects.filter(slug=spec["slug"]).first()
    if existing:
        if not existing.postal_address:  # a demo loaded before mailings had addresses
            _mailing_details(existing, spec)
        return existing
    contact = ContactDetails.objects.create(**spec["contact"])
    section = home.add_child(
        instance=OrganisationHomePage(
            title=spec["name"],
            slug=spec["slug"],
            intro=spec["intro"],
            donate_url=spec.get("donate_url", ""),
            contact=contact,
        )
    )
    section.save_revision().publish()
    organisation = set_up_organisation(
        name=spec["name"],
        slug=spec["slug"],
        kind=spec["kind"],
        borough=borough,
        home_page=section,
    )
    _mailing_details(organisation, spec)
    _publish_versions(section, spec["aims"])
    news = section.add_child(instance=NewsIndexPage(title="News", slug="news"))
    news.save_revision().publish()
    written = [(day, title, teaser, posts.BODIES[title]) for day, title, teaser in spec["news"]]
    for day, title, teaser, body in written + posts.MORE.get(spec["slug"], []):
        post = news.add_child(
            instance=NewsPostPage(title=title, date=day, teaser=teaser, body=body)
        )
        _file_post(post, content.POST_DETAILS.get(title, {}), organisation)
        post.save_revision().publish()
        Page.objects.filter(pk=post.pk).update(first_published_at=_aware(day))
        _comment_on(post, content.POST_DETAILS.get(title, {}).get("comments", []), day)
    _document(organisation, *spec["document"])
    return organisation


def load_petitions(borough: Borough) -> None:
    scheme = petition_services.scheme_for(borough)
    for signatures, name, what, debated_at in content.PETITION_THRESHOLDS:
        Threshold.objects.get_or_create(
            scheme=scheme,
            signatures=signatures,
            defaults={"name": name, "what_happens": what, "debated_at": debated_at},
        )
    if Petition.objects.exists():
        return
    wards = list(Ward.objects.order_by("code"))
    for number, spec in enumerate(content.PETITIONS):
        creator = petition_services.Signer(
            spec["creator"], f"creator{number}@example.org", "EN5 1AB", wards[0], True
        )
        petition = petition_services.create(
            borough,
            action=spec["action"],
            background=spec["background"],
            additional_details=spec["details"],
            organisation=Organisation.objects.get(slug=spec["organisation"]),
            topic=spec["topic"],
            creator=creator,
        )
        petition_services.confirm_creator(petition)
        for n in range(spec["signatures"]):
            signer = petition_services.Signer(
                f"Signer {n}",
                f"signer{n}.{number}@example.org",
                "N12 7NN",
                wards[n % len(wards)],
                n % 2 == 0,
            )
            petition_services.confirm_signature(petition_services.sign(petition, signer))
        petition.refresh_from_db()
        petition_services.approve(petition, None)
        if spec["paper"]:
            petition_services.add_paper_signatures(
                petition, None, spec["paper"], date(2026, 11, 1), "Collected at the library"
            )
        petition.refresh_from_db()
        petition_services.check_thresholds(petition)
        if spec["response"]:
            PetitionResponse.objects.create(
                petition=petition,
                text=spec["response"],
                plain_summary=spec.get("plain_response", ""),
                responded_on=date(2026, 11, 20),
            )


def load_users() -> list[str]:
    User = get_user_model()
    created = []
    for username, role, slug in content.DEMO_USERS:
        user, is_new = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        if is_new:
            user.set_password(DEMO_PASSWORD)
            user.is_superuser = user.is_staff = role == "admin"
            user.save()
            created.append(username)
        if slug is not None:
            organisation = Organisation.objects.get(slug=slug)
            user.groups.add(getattr(organisation, role))
        if slug == "council":
            user.groups.add(Group.objects.get(name="Petition officers"))
            user.groups.add(Group.objects.get(name="Democratic services"))
            user.groups.add(Group.objects.get(name="Email officers"))
    return created


@transaction.atomic
def load_demo() -> dict:
    borough, _ = Borough.objects.get_or_create(
        ons_code=content.BOROUGH["ons_code"], defaults={"name": content.BOROUGH["name"]}
    )
    wards = load_demo_wards(borough)
    home = home_page(borough)
    about_page(home)
    organisations = [
        load_organisation(borough, home, spec) for spec in [content.COUNCIL, *content.CAMPAIGNS]
    ]
    new_users = load_users()  # before the records that name them (grant screening)
    load_petitions(borough)
    events = load_events()
    load_statements()
    load_council()
    load_programmes()
    load_democracy()  # after the contracts, which payments are matched to
    load_datasets()
    load_consultations()
    load_easy_read()  # after the consultation it explains
    load_grants()
    load_donation_page()
    # Every language's locale, then a post and the programme in Welsh and Polish.
    translated = load_translations()
    return {
        "wards": wards,
        "organisations": len(organisations),
        "events": events,
        "new_users": new_users,
        "translated_pages": translated,
    }
