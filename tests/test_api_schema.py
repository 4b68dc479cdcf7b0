"""Schemathesis over the public API's OpenAPI document (issue 15): generated requests, bad
ones included, never get a server error, and every answer matches the documented schema,
its status codes included."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from townhall.wsgi import application

pytestmark = pytest.mark.django_db


schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_transactions_connection():
    """Requests go straight to the WSGI application, whose end closes database connections
    in an unexpected transaction state: the test's own, on PostgreSQL. Django's test client
    avoids that the same way, for as long as the test runs."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_as_documented(case):
    # Filters that name a record (a committee's slug) cannot be listed in the schema, so a
    # well-formed but unknown one is answered 400 with the reason, as documented; the check
    # that every schema-valid request is accepted does not apply to them.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


def test_no_two_response_shapes_share_a_name():
    """The OpenAPI document names each shape by its class: a second class of the same name
    replaces the first there (two CountOut did once), and answers then fail their schema."""
    import importlib
    import pkgutil

    from ninja import Schema

    import townhall.api

    for module in pkgutil.iter_modules(townhall.api.__path__):
        importlib.import_module(f"townhall.api.{module.name}")
    seen: dict[str, str] = {}

    def walk(cls) -> None:
        for shape in cls.__subclasses__():
            if shape.__module__.startswith("townhall.api"):
                where = f"{shape.__module__}.{shape.__qualname__}"
                assert seen.setdefault(shape.__name__, where) == where, (
                    seen[shape.__name__],
                    where,
                )
            walk(shape)

    walk(Schema)


def test_the_document_repeats_no_key(client):
    """A key written twice (400 declared by a view and again for its parameters) made
    Swagger UI at /api/docs show nothing: its YAML parser refuses repeated keys."""
    import json

    repeated = []

    def pairs(items):
        keys = [key for key, _value in items]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(items)

    json.loads(client.get("/api/openapi.json").content, object_pairs_hook=pairs)
    assert repeated == []
