"""The role x view matrix (issue 15), generated from the URLs.

It walks every URL pattern of the site. Each must have a guard declared in its app's
rules.py (core.access); a new view without one fails here. Then:
- every admin view refuses the anonymous and a signed-in resident, by GET and by POST;
- every view guarded by a rule is requested by each demo role, with records belonging to
  two organisations (or the council's own), and answers exactly as the rule says: allowed
  where `user.has_perm(rule, record)`, refused (403, 404 or a redirect to sign in) where not.
The number of pairs checked is printed at the end of the run."""

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from townhall.comments.models import Comment, CommentPolicy
from townhall.consultations.models import AnswerFile, ConsultationPage, Response
from townhall.core import access
from townhall.core.models import Email, Organisation, PageFeedback
from townhall.datasets.models import Dataset, Observation
from townhall.donations.models import Donation
from townhall.events.models import EventPage, Rsvp
from townhall.grants.models import Application, ApplicationFile, GrantRound
from townhall.news.models import NewsCategory
from townhall.people.models import Mailing, Person, Recipient, Segment, Supporter, Tag
from townhall.petitions.models import Petition
from townhall.statements.models import CoSigning, JointStatementPage

pytestmark = pytest.mark.django_db

CHECKED = {"pairs": 0}  # role x view x record x method, read by the summary in conftest

ROLES = [
    "anonymous",
    "resident",
    "supporter",
    "alliance-editor",
    "alliance-moderator",
    "branch-editor",
    "council-officer",
    "grant-approver",
    "grant-assessor",
    "admin",
]
GROUP_A, GROUP_B = "alliance", "workers-branch"


@dataclass(frozen=True)
class Route:
    route: str
    name: str
    pattern: URLPattern

    @property
    def key(self) -> str:
        return self.name or f"/{self.route}"


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace and (
                f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            )
            yield from _walk(entry, prefix + str(entry.pattern), inner or namespace)
        else:
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield Route(prefix + str(entry.pattern), name or "", entry)


ROUTES = list(_walk(get_resolver()))
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _path(route: str, values: dict) -> str:
    """The route with each converter filled: from `values`, else with a harmless dummy."""
    dummies = {"int": "999999", "id": "999999", "uuid": str(uuid.UUID(int=1)), "path": "x"}

    def fill(match: re.Match) -> str:
        kind, name = match.group(1) or "str", match.group(2)
        return str(values.get(name, dummies.get(kind, "x")))

    if "^" in route or "$" in route:  # a regular expression: the admin's catch-all
        return "/" + route.split("^")[0] + "no-such-page/"
    return "/" + CONVERTER.sub(fill, route)


def test_every_view_declares_who_may_use_it():
    undeclared = sorted({r.key for r in ROUTES if access.guard_for(r.key) is None})
    assert undeclared == [], f"Declare a guard in the app's rules.py for: {undeclared}"


def _refused(response) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and (
        "/login/" in location or location.rstrip("/") in ("/admin", "")
    )


@pytest.fixture
def users(db) -> dict:
    User = get_user_model()
    User.objects.get_or_create(username="resident", email="res@example.org")
    User.objects.get_or_create(username="supporter", email="sup@example.org")
    Supporter.objects.get_or_create(
        organisation=Organisation.objects.get(slug=GROUP_A),
        email="sup@example.org",
        defaults={"name": "A Supporter", "consent_wording": "We will email you."},
    )
    found = {user.username: user for user in User.objects.filter(username__in=ROLES)}
    found["anonymous"] = AnonymousUser()
    missing = set(ROLES) - set(found)
    assert not missing, f"demo accounts missing: {missing}"
    return found


def _client(user) -> Client:
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    return client


ADMIN_ROUTES = [
    r for r in ROUTES if r.route.startswith("admin/") and access.guard_for(r.key).kind != "public"
]


@pytest.mark.parametrize("role", ["anonymous", "resident"])
def test_no_admin_view_answers_someone_without_admin_access(users, role):
    client = _client(users[role])
    answered = []
    for route in ADMIN_ROUTES:
        path = _path(route.route, {})
        for method in (client.get, client.post):
            response = method(path)
            CHECKED["pairs"] += 1
            if not _refused(response) and response.status_code != 405:
                answered.append((method.__name__, path, response.status_code))
    assert answered == [], answered


# Records of one organisation, by kind; each is made for the test when the demo has none.
def _page_in(organisation: Organisation, model=None):
    pages = organisation.home_page.get_descendants(inclusive=True).specific()
    if model is not None:
        pages = pages.type(model)
    return pages.first()


def _comment(organisation):
    return Comment.objects.create(
        page=organisation.home_page,
        author_name="Sam",
        author_email="sam@example.org",
        content="A view",
        content_html="<p>A view</p>",
        status=Comment.Status.PENDING,
    )


def _event(organisation):
    return _page_in(organisation, EventPage)


def _rsvp(organisation):
    event = _event(organisation)
    return event and Rsvp.objects.create(
        event=event, name="Pat", email="pat@example.org", normalised_email="pat@example.org"
    )


def _feedback(organisation):
    return PageFeedback.objects.create(
        page=organisation.home_page, path="/", kind=PageFeedback.Kind.USEFUL
    )


def _sign_language_video(organisation):
    from wagtail.documents import get_document_model

    from townhall.core.models import SignLanguageVideo

    captions = get_document_model()(title="Captions", collection=organisation.collection)
    captions.file.save("captions.vtt", ContentFile(b"WEBVTT\n"), save=False)
    captions.save()
    return SignLanguageVideo.objects.create(
        page=organisation.home_page,
        title="In BSL",
        video_url="https://video.example.org/bsl.mp4",
        captions=captions,
    )


def _invitation(organisation):
    statement = JointStatementPage.objects.first()
    return CoSigning.objects.get_or_create(statement=statement, organisation=organisation)[0]


def _petition(organisation):
    petition = Petition.objects.first()
    petition.organisation = None if organisation.slug == "council" else organisation
    petition.save(update_fields=["organisation"])
    return petition


def _unconfirmed_petition(_organisation):
    """A petition still waiting for its creator's email: only officers may choose it."""
    return Petition.objects.create(
        borough=Petition.objects.first().borough, action="Matrix", background="-"
    )


def _consultation_file(_organisation):
    page = ConsultationPage.objects.filter(stages__isnull=False).first()
    response = Response.objects.create(consultation=page, stage=page.stages.first())
    return AnswerFile.objects.create(
        response=response,
        key="q",
        file=ContentFile(b"x", name="a.txt"),
        original_name="a.txt",
        size=1,
    )


def _application(_organisation):
    return Application.objects.get(status=Application.Status.IN_ASSESSMENT)


def _application_file(organisation):
    return ApplicationFile.objects.create(
        application=_application(organisation),
        key="q",
        file=ContentFile(b"x", name="a.txt"),
        original_name="a.txt",
        size=1,
    )


def _round(_organisation):
    return GrantRound.objects.filter(applications__status="in_assessment").first()


CAMPAIGNS, COUNCIL = (GROUP_A, GROUP_B), ("council",)


@dataclass(frozen=True)
class Sample:
    """How to find a record for a URL, for which organisations, and the URL's values."""

    make: Callable
    organisations: tuple[str, ...]
    values: Callable[[object], dict]
    record: Callable[[object], object] = lambda made: made


def _pk(made) -> dict:
    return {"pk": made.pk}


SAMPLES = {
    "supporters:*": Sample(
        lambda o: Supporter.objects.create(
            organisation=o, name="Lee", email=f"lee@{o.slug}.example", consent_wording="-"
        ),
        CAMPAIGNS,
        _pk,
    ),
    "people:*": Sample(
        lambda o: Person.objects.create(
            organisation=o,
            name="Lee",
            email=f"lee@{o.slug}.example",
            first_seen_at=timezone.now(),
            last_seen_at=timezone.now(),
        ),
        CAMPAIGNS,
        _pk,
    ),
    "person_tags:*": Sample(
        lambda o: Tag.objects.get_or_create(organisation=o, name="matrix")[0], CAMPAIGNS, _pk
    ),
    "segments:*": Sample(
        lambda o: Segment.objects.get_or_create(organisation=o, name="Matrix")[0], CAMPAIGNS, _pk
    ),
    "mailings:*": Sample(
        lambda o: Mailing.objects.create(organisation=o, subject="Matrix", body="<p>Hi</p>"),
        CAMPAIGNS,
        _pk,
    ),
    "mailing-*": Sample(
        lambda o: Recipient.objects.create(
            mailing=Mailing.objects.create(organisation=o, subject="M", body="<p>x</p>"),
            email=f"lee@{o.slug}.example",
        ),
        CAMPAIGNS,
        lambda r: {"token": r.token, "position": 1},
        lambda _: None,
    ),
    "donations:*": Sample(
        lambda o: Donation.objects.create(
            organisation=o, amount_pence=500, frequency="one_off", provider="test"
        ),
        CAMPAIGNS,
        _pk,
    ),
    "donation-*": Sample(
        lambda o: Donation.objects.create(
            organisation=o, amount_pence=500, frequency="one_off", provider="test"
        ),
        CAMPAIGNS,
        lambda d: {"token": d.token, "page_id": 1, "provider": "test"},
        lambda _: None,
    ),
    "organiser-dashboard": Sample(lambda o: o, (*CAMPAIGNS, "council"), lambda o: {"slug": o.slug}),
    "datasets:*": Sample(
        lambda o: Dataset.objects.create(
            organisation=o,
            title="Matrix",
            slug=f"matrix-{o.slug}",
            description="-",
            unit="n",
            source="-",
        ),
        CAMPAIGNS,
        _pk,
    ),
    "observations:*": Sample(
        lambda o: Observation.objects.create(
            dataset=Dataset.objects.get_or_create(
                slug=f"matrix-{o.slug}",
                defaults={
                    "organisation": o,
                    "title": "M",
                    "description": "-",
                    "unit": "n",
                    "source": "-",
                },
            )[0],
            period_start=timezone.localdate(),
            value=1,
        ),
        CAMPAIGNS,
        _pk,
    ),
    "news_categories:*": Sample(
        lambda o: NewsCategory.objects.create(organisation=o, name="Matrix", slug="matrix"),
        CAMPAIGNS,
        _pk,
    ),
    "comment_settings:*": Sample(
        lambda o: CommentPolicy.objects.get_or_create(organisation=o)[0], CAMPAIGNS, _pk
    ),
    "event_answers:*": Sample(_rsvp, CAMPAIGNS, _pk),
    "page_feedback:*": Sample(_feedback, CAMPAIGNS, _pk),
    "sign_language_videos:*": Sample(_sign_language_video, CAMPAIGNS, _pk),
    "wagtailsnippets_comments_comment:*": Sample(_comment, CAMPAIGNS, _pk),
    "comments_moderate": Sample(_comment, CAMPAIGNS, lambda c: {"pk": c.pk, "action": "approve"}),
    "comments_reply": Sample(_comment, CAMPAIGNS, _pk),
    "email-detail": Sample(lambda o: Email.objects.first(), COUNCIL, _pk, lambda _: None),
    "petitions_moderate": Sample(
        _petition, COUNCIL, lambda p: {"pk": p.pk, "action": "flag"}, lambda _: None
    ),
    "petitions_review": Sample(_petition, COUNCIL, _pk, lambda _: None),
    "petitions_signers": Sample(_petition, (*CAMPAIGNS, "council"), _pk),
    "wagtailsnippetchoosers_petitions_petition:chosen": Sample(_unconfirmed_petition, COUNCIL, _pk),
    "event-email-attendees": Sample(_event, CAMPAIGNS, _pk),
    "statement-invite": Sample(lambda o: _page_in(o, JointStatementPage), (GROUP_A,), _pk),
    "wagtailsnippetchoosers_comments_comment:chosen": Sample(_comment, CAMPAIGNS, _pk),
    "statement-invitation-answer": Sample(_invitation, CAMPAIGNS, _pk),
    "consultation-*": Sample(
        lambda o: ConsultationPage.objects.first(), COUNCIL, lambda p: {"pk": p.pk, "kind": "csv"}
    ),
    "consultation-file": Sample(
        _consultation_file,
        COUNCIL,
        lambda f: {"pk": f.response.consultation_id, "file_id": f.pk},
        lambda f: f.response.consultation,
    ),
    "grant-round": Sample(_round, COUNCIL, _pk),
    "grant-release-scores": Sample(_round, COUNCIL, _pk),
    "grant-remove-assessor": Sample(
        _round,
        COUNCIL,
        lambda r: {"pk": r.pk, "assessor_id": r.assessors.first().pk},
    ),
    "grant-application-admin": Sample(_application, COUNCIL, _pk),
    "grant-act": Sample(_application, COUNCIL, _pk),
    "grant-mark-paid": Sample(
        lambda o: Application.objects.filter(award__payments__isnull=False).first(),
        COUNCIL,
        lambda a: {"pk": a.pk, "payment_id": a.award.payments.first().pk},
    ),
    "grant-accept-report": Sample(
        lambda o: Application.objects.filter(award__reports__isnull=False).first(),
        COUNCIL,
        lambda a: {"pk": a.pk, "report_id": a.award.reports.first().pk},
    ),
    "grant-file-admin": Sample(
        _application_file,
        COUNCIL,
        lambda f: {"pk": f.application_id, "file_id": f.pk},
        lambda f: f.application,
    ),
    "grant-assess": Sample(_application, COUNCIL, _pk),
    "grant-file": Sample(
        _application_file,
        COUNCIL,
        lambda f: {"pk": f.application_id, "file_id": f.pk},
        lambda f: f.application,
    ),
    "grant-report": Sample(
        lambda o: Application.objects.filter(award__reports__isnull=False).first(),
        COUNCIL,
        lambda a: {"pk": a.pk, "report_id": a.award.reports.first().pk},
    ),
    "grant-section": Sample(_application, COUNCIL, lambda a: {"pk": a.pk, "key": "about"}),
    "grant-*": Sample(_application, COUNCIL, _pk),
}


def _sample(name: str) -> Sample | None:
    if name in SAMPLES:
        return SAMPLES[name]
    matching = [glob for glob in SAMPLES if fnmatchcase(name, glob)]
    return SAMPLES[max(matching, key=len)] if matching else None


RULE_ROUTES = [r for r in ROUTES if access.guard_for(r.key).kind == access.RULE]


def _cases(route: Route) -> Iterator[tuple[object, dict]]:
    """(record, URL values) for each organisation, each made just before it is used (some
    samples reuse one record, changing its organisation)."""
    if not CONVERTER.search(route.route):
        yield None, {}
        return
    sample = _sample(route.name)
    assert sample is not None, f"add a sample record for {route.name} to SAMPLES"
    for slug in sample.organisations:
        made = sample.make(Organisation.objects.get(slug=slug))
        assert made is not None, f"no record of {slug} for {route.name}"
        yield sample.record(made), sample.values(made)


@pytest.mark.parametrize("route", RULE_ROUTES, ids=lambda r: r.key)
def test_each_role_gets_what_the_rule_says(users, route):
    guard = access.guard_for(route.key)
    wrong = []
    for record, values in _cases(route):
        path = _path(route.route, values)
        for role in ROLES:
            user = users[role]
            client = _client(user)
            for method in ("get", "post"):
                rule = guard.post_rule if method == "post" and guard.post_rule else guard.rule
                expected = access.allows(user, rule, record)
                with transaction.atomic():  # what a POST changes is undone for the next role
                    response = getattr(client, method)(path)
                    transaction.set_rollback(True)
                if response.status_code == 405:
                    continue
                CHECKED["pairs"] += 1
                if _refused(response) == expected:
                    wrong.append(
                        f"{role} {method.upper()} {path}: {response.status_code} "
                        f"{response.get('Location', '')}, the rule says "
                        f"{'allowed' if expected else 'refused'}"
                    )
    assert wrong == [], "\n".join(wrong)
