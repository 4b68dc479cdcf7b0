"""Co-signing by organisations, and individuals adding their names, as plain functions."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from townhall.core import access, pagecache, people
from townhall.core.email_addresses import normalise_email
from townhall.core.errors import Refused
from townhall.core.mail import send_email_after_commit
from townhall.core.services.organisations import organisation_for_page
from townhall.statements.models import CoSigning, JointStatementPage, StatementName, new_token

State = CoSigning.State


class NotAllowed(Refused):
    """The user may not do this; the message says why."""


def _changed(statement: JointStatementPage) -> None:
    # "statements": the menus of the sections that drafted or co-signed it list it.
    transaction.on_commit(
        lambda: pagecache.invalidate(pagecache.page_tag(statement.pk), "statements")
    )


def invite(statement: JointStatementPage, organisations, user) -> list[CoSigning]:
    """Invite organisations to co-sign; those invited before are left as they are."""
    author = organisation_for_page(statement)
    created = []
    with transaction.atomic():
        for organisation in organisations:
            if author is not None and organisation.pk == author.pk:
                continue
            invitation, is_new = CoSigning.objects.get_or_create(
                statement=statement, organisation=organisation, defaults={"invited_by": user}
            )
            if not is_new:
                continue
            created.append(invitation)
            admin_url = settings.TOWNHALL_BASE_URL + reverse("statement-invitations")
            body = render_to_string(
                "statements/emails/invited.txt",
                {
                    "statement": statement,
                    "author": author,
                    "organisation": organisation,
                    "admin_url": admin_url,
                },
            )
            for email in organisation.editors.user_set.exclude(email="").values_list(
                "email", flat=True
            ):
                subject = _("Will you co-sign “%(title)s”?") % {"title": statement.title}
                send_email_after_commit(email, subject, body)
    return created


def answer(invitation: CoSigning, user, accept: bool) -> CoSigning:
    """An editor of the invited organisation accepts or declines."""
    if not access.allows(user, "statements.answer_invitation", invitation):
        raise NotAllowed(_("Only the invited organisation's editors can answer."))
    invitation.state = State.ACCEPTED if accept else State.DECLINED
    invitation.answered_by, invitation.answered_at = user, timezone.now()
    invitation.save(update_fields=["state", "answered_by", "answered_at"])
    _changed(invitation.statement)
    return invitation


def add_name(
    statement: JointStatementPage,
    name: str,
    email: str,
    show_name: bool,
    *,
    hear_from_organisation: bool = False,
) -> None:
    """A person adds their name: pending until they confirm by email. Adding it again sends
    a fresh link (or does nothing once confirmed)."""
    normalised = normalise_email(email)
    try:
        with transaction.atomic():
            entry = StatementName.objects.create(
                statement=statement,
                name=name,
                email=email,
                normalised_email=normalised,
                show_name=show_name,
                hear_from_organisation=hear_from_organisation,
            )
    except IntegrityError:
        entry = StatementName.objects.get(statement=statement, normalised_email=normalised)
        if entry.confirmed:
            return
        entry.name, entry.email, entry.show_name, entry.token = name, email, show_name, new_token()
        entry.hear_from_organisation = hear_from_organisation
        entry.save(update_fields=["name", "email", "show_name", "hear_from_organisation", "token"])
    body = render_to_string(
        "statements/emails/confirm_name.txt",
        {
            "entry": entry,
            "statement": statement,
            "confirm_url": settings.TOWNHALL_BASE_URL
            + reverse("statement-name-confirm", args=[entry.token]),
        },
    )
    subject = _("Confirm your name on “%(title)s”") % {"title": statement.title}
    send_email_after_commit(email, subject, body)


def confirm_name(entry: StatementName) -> bool:
    """The emailed link's button; False when it was confirmed before."""
    changed = StatementName.objects.filter(pk=entry.pk, confirmed=False).update(
        confirmed=True, confirmed_at=timezone.now()
    )
    if changed:
        _changed(entry.statement)
        author = entry.hear_from_organisation and organisation_for_page(entry.statement)
        if author:
            label = f"Put their name to: {entry.statement.title}"
            url = entry.statement.url or ""
            people.record(people.by_ticking_its_box(author, entry, "named", label, url))
    return bool(changed)
