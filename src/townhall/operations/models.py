from django.db import models


class WorkerHeartbeat(models.Model):
    """A task worker saying it is alive, every few seconds. A task whose worker has not been
    heard from for a lease is given to another worker (operations.worker)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid}"
