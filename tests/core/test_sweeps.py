"""core.sweeps: every registered sweep runs each time; one sweep's fault is logged and
does not stop the others, while a database outage stops them all (the worker waits)."""

import logging

import pytest
from django.db import OperationalError

from townhall.core import sweeps


@pytest.fixture
def only(monkeypatch):
    monkeypatch.setattr(sweeps, "_sweeps", {})
    monkeypatch.setattr(sweeps, "_routine", set())
    return sweeps.register


def test_a_faulty_sweep_is_logged_and_the_others_still_run(only, caplog):
    only("emails", lambda: 2)
    only("broken", lambda: 1 / 0)
    only("mailings", lambda: 0)
    with caplog.at_level(logging.ERROR, logger="townhall.core.sweeps"):
        assert sweeps.run_all() == {"emails": 2, "mailings": 0}
    assert [r.getMessage() for r in caplog.records] == ["Sweeping broken failed"]


def test_routine_work_is_logged_at_info_and_lost_tasks_found_again_at_warning(only, caplog):
    only("councillor follow-ups", lambda: 3, routine=True)
    only("emails", lambda: 2)
    only("mailings", lambda: 0)
    with caplog.at_level(logging.INFO, logger="townhall.core.sweeps"):
        sweeps.run_all()
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("INFO", "Swept 3 councillor follow-ups"),
        ("WARNING", "Re-queued 2 emails whose task was gone"),
    ]


def test_the_councillor_follow_ups_are_routine():
    assert {"councillor follow-ups", "councillor messages erased"} <= sweeps._routine
    assert "emails" not in sweeps._routine


def test_a_database_outage_stops_the_sweeps(only):
    def lost():
        raise OperationalError("gone")

    only("emails", lost)
    with pytest.raises(OperationalError):
        sweeps.run_all()


def test_the_emails_and_the_mailings_are_swept():
    assert {"emails", "mailings"} <= set(sweeps._sweeps)
