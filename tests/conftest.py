import os
from collections import Counter

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from townhall.core.models import Organisation
from townhall.demo.loader import load_demo


def pytest_collection_modifyitems(config, items):
    """Tests that empty the database when they end (transactional ones) go after the other
    database tests; browser tests go last, because Playwright keeps an event loop running for
    the rest of the session and Django refuses database access from such a thread."""
    _keep_this_runs_share_of_browser_tests(config, items)
    items.sort(
        key=lambda item: (
            item.get_closest_marker("browser") is not None,
            item.get_closest_marker("flushes_database") is not None,
        )
    )


def _keep_this_runs_share_of_browser_tests(config, items) -> None:
    """TOWNHALL_BROWSER_SHARE="k/n" (or "j-k/n") keeps the k-th (j-th to k-th) of n shares of
    the browser test files, dealt by size: CI's two
    passes run side by side on two cores, and the browser tests (their own SQLite server,
    whatever the pass's database) are split between them so neither pass waits for the other.
    Unset (`make test`), every test runs."""
    share = os.environ.get("TOWNHALL_BROWSER_SHARE", "")
    if not share:
        return
    wanted, n = share.split("/")
    first, _, last = wanted.partition("-")
    n = int(n)
    sizes = Counter(str(item.path) for item in items if item.get_closest_marker("browser"))
    # Files dealt largest first to the emptiest share (by tests, a fair proxy for time).
    shares: list[list[str]] = [[] for _ in range(n)]
    for path in sorted(sizes, key=lambda path: (-sizes[path], path)):
        min(shares, key=lambda files: sum(sizes[f] for f in files)).append(path)
    mine = {path for files in shares[int(first) - 1 : int(last or first)] for path in files}
    kept, dropped = [], []
    for item in items:
        browser = item.get_closest_marker("browser") is not None
        (dropped if browser and str(item.path) not in mine else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the demo borough, loaded once per run."""
    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture(autouse=True)
def _demo_for_transactional_tests(request):
    """A transactional test empties the database when it ends, so each loads the demo for
    itself (load_demo adds only what is missing)."""
    if request.node.get_closest_marker("flushes_database"):
        request.getfixturevalue("transactional_db")
        load_demo()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters and cached counts must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request in another language leaves it active in the thread, as Django does between
    requests (each request sets its own); a test after it starts in the default again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def barnet_postcodes(db) -> int:
    """Some of Barnet's real postcodes loaded, as an operator's directory would be."""
    from tests.postcodes import load_sample_postcodes

    return load_sample_postcodes()


@pytest.fixture
def alliance(db) -> Organisation:
    return Organisation.objects.get(slug="alliance")


@pytest.fixture
def council(db) -> Organisation:
    return Organisation.objects.get(slug="council")


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.fixture
def as_user(db):
    """as_user("alliance-editor") gives a test client signed in as that demo account."""
    return client_for


# A council decision and a contract it awarded: both the council's tests and the petitions'
# (whose responses cite decisions) use them.
@pytest.fixture
def business_case():
    from townhall.council.models import Decision

    return Decision.objects.get(title__startswith="Business case for outsourcing")


@pytest.fixture
def awarded(business_case):
    from datetime import date
    from decimal import Decimal

    from townhall.council.models import Contract, ProjectPage

    project = ProjectPage.objects.get(slug="new-support-and-customer-service-organisation")
    return Contract.objects.create(
        supplier="Example Services Ltd",
        service="Street cleaning",
        value=Decimal("12500000"),
        starts_on=date(2014, 4, 1),
        ends_on=date(2021, 3, 31),
        awarded_by=business_case,
        project=project,
    )


def pytest_terminal_summary(terminalreporter):
    """The role x view matrix says how many pairs it checked (issue 15)."""
    from tests.test_access_matrix import CHECKED

    if CHECKED["pairs"]:
        terminalreporter.write_line(
            f"role x view matrix: {CHECKED['pairs']} role, view and record pairs checked"
        )
