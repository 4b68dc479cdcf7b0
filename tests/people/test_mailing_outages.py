"""Mailings on a bad day: without Redis they go and unsubscribing works; when the database
goes away mid-batch the task fails, the worker's sweep queues the mailing again, and the
rest go once each."""

import pytest
from django.core import mail
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.core.test_redis_outage import DOWN
from tests.people.test_mailings import FAST, sent_to
from townhall.core import sweeps
from townhall.people import mailing_delivery
from townhall.people.models import Consent, Mailing, Recipient

pytestmark = pytest.mark.django_db
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@override_settings(**FAST, CACHES=DOWN)
def test_a_mailing_goes_and_one_click_unsubscribe_works_with_redis_unreachable(
    client, mailing, three, editor, send
):
    send(mailing, editor)
    assert sent_to() == ["ada@example.org", "bo@example.org"]
    token = Recipient.objects.get(email="ada@example.org").token
    response = client.post(f"/mail/{token}/stop/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Consent.objects.filter(
        person__email="ada@example.org", withdrawn_at__isnull=False
    ).exists()


@override_settings(**{**FAST, "TOWNHALL_MAILING_BATCH": 5})
def test_the_database_going_away_mid_batch_is_swept_up_and_the_rest_go_once(
    mailing, three, editor, monkeypatch, send
):
    monkeypatch.setattr(mailing_delivery, "_queue", lambda pk, at=None: None)
    send(mailing, editor)
    real_mark, marks = mailing_delivery._mark, []

    def lost_on_the_second(recipient, state, **values):
        marks.append(recipient.email)
        if len(marks) == 2:
            raise OperationalError("server closed the connection unexpectedly")
        return real_mark(recipient, state, **values)

    monkeypatch.setattr(mailing_delivery, "_mark", lost_on_the_second)
    with pytest.raises(OperationalError):
        mailing_delivery.deliver(mailing.pk)  # the task fails: nothing will run it again
    assert Mailing.objects.get(pk=mailing.pk).state == Mailing.State.SENDING
    monkeypatch.undo()  # the real _mark, and the real queue onto the database task backend

    with override_settings(TASKS=DB_TASKS):
        assert sweeps.run_all()["mailings"] == 1
        assert sweeps.run_all()["mailings"] == 0  # its task is waiting now
        (queued,) = DBTaskResult.objects.filter(status="READY", task_path__endswith="send_mailing")
        assert queued.args_kwargs["args"] == [mailing.pk]
    Recipient.objects.filter(state=Recipient.State.SENDING).update(
        lease_until=timezone.now() - timezone.timedelta(seconds=1)
    )
    assert mailing_delivery.deliver(mailing.pk) == "sent"
    # The copy whose record the outage lost went again (decision: at least once, with the
    # same Message-ID); every other copy went once.
    lost = marks[1]
    assert sent_to() == sorted(["ada@example.org", "bo@example.org", lost])
    assert set(Recipient.objects.values_list("state", flat=True)) == {"sent"}
    assert len({message.extra_headers["Message-ID"] for message in mail.outbox}) == 2
