from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks_db.management.commands import db_worker

from townhall.operations.worker import ResilientWorker


class Command(db_worker.Command):
    help = gettext_noop(
        "Run the task worker (emails, search indexing, papers): see operations.worker"
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        # Translated here, when the help is shown: argparse cannot format a lazy string.
        parser.description = _(self.help)

    def handle(self, *, verbosity: int, queue_name: str, exclude_queues: str, **options) -> None:
        self.configure_logging(verbosity)
        worker = ResilientWorker(
            queue_names=queue_name.split(","),
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        worker.configure_signals()
        worker.run()
