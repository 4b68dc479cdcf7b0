"""core.sweeps: every registered sweep runs each time; one sweep's fault is logged and
does not stop the others, while a database outage stops them all (the worker waits)."""

import logging

import pytest
from django.db import OperationalError

from townhall.core import sweeps


@pytest.fixture
def only(monkeypatch):
    monkeypatch.setattr(sweeps, "_sweeps", {})
    return sweeps.register


def test_a_faulty_sweep_is_logged_and_the_others_still_run(only, caplog):
    only("emails", lambda: 2)
    only("broken", lambda: 1 / 0)
    only("mailings", lambda: 0)
    with caplog.at_level(logging.ERROR, logger="townhall.core.sweeps"):
        assert sweeps.run_all() == {"emails": 2, "mailings": 0}
    assert [r.getMessage() for r in caplog.records] == ["Sweeping broken failed"]


def test_a_database_outage_stops_the_sweeps(only):
    def lost():
        raise OperationalError("gone")

    only("emails", lost)
    with pytest.raises(OperationalError):
        sweeps.run_all()


def test_the_emails_and_the_mailings_are_swept():
    assert {"emails", "mailings"} <= set(sweeps._sweeps)
