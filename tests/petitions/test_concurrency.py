"""Many people sign and confirm at once: the count equals the confirmed rows, exactly."""

import threading

import pytest
from django.db import connection, connections

from townhall.petitions import counts, services
from townhall.petitions.models import Petition, Signature

THREADS, EACH = 8, 12


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need PostgreSQL; SQLite serialises them",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.flushes_database
def test_concurrent_signing_and_confirming_loses_nothing(ward):
    petition = Petition.objects.filter(state="open").first()
    start = counts.exact(petition.pk)
    errors: list[Exception] = []
    barrier = threading.Barrier(THREADS)

    def sign_many(worker: int) -> None:
        try:
            barrier.wait()
            for number in range(EACH):
                signer = services.Signer(
                    f"T{worker}-{number}", f"t{worker}-{number}@example.org", "EN5 4BW", ward, False
                )
                signature = services.sign(petition, signer)
                services.confirm_signature(signature)
                services.confirm_signature(signature)  # a double click changes nothing
        except Exception as error:  # reported below, in the test's own thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_many, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    confirmed = Signature.objects.filter(petition=petition, state="validated").count()
    assert counts.exact(petition.pk) == confirmed == start + THREADS * EACH
