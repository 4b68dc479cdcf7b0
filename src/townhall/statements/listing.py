"""Every published joint statement, newest first; or one organisation's: those it drafted
(the pages in its section) and those it co-signed."""

from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse

from townhall.core import translations
from townhall.core.services.organisations import owners_of
from townhall.statements.models import CoSigning, JointStatementPage


def statements(organisation=None) -> QuerySet[JointStatementPage]:
    found = translations.originals(JointStatementPage.objects.live().public())  # each once
    if organisation is not None:
        drafted = Q(path__startswith=organisation.home_page.path)
        co_signed = Q(
            co_signings__organisation=organisation, co_signings__state=CoSigning.State.ACCEPTED
        )
        found = found.filter(drafted | co_signed).distinct()
    return found.order_by("-statement_date", "-pk")


def organisation_statements_url(organisation) -> str | None:
    """The list of an organisation's statements, for its section's menu, when it has any."""
    if not statements(organisation).exists():
        return None
    return f"{reverse('statements')}?{urlencode({'organisation': organisation.slug})}"


def with_authors(page_of_statements, organisations) -> list[tuple[JointStatementPage, object]]:
    """Each statement with the organisation whose section holds it."""
    owners = owners_of(page_of_statements, organisations)
    shown = translations.in_reader_language(page_of_statements)  # titles in the reader's
    return [(statement, owners[statement.pk]) for statement in shown]
