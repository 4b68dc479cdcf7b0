"""An application's history: steps that leave its status as it is (payments, reports).
Status changes are recorded by `workflow.transition` itself."""

from townhall.grants.models import Application, ApplicationEvent


def record(application: Application, actor, action: str, note: str = "") -> ApplicationEvent:
    """A step in the history that leaves the status as it is (payments, reports)."""
    return ApplicationEvent.objects.create(
        application=application,
        actor=actor,
        action=action,
        from_status=application.status,
        to_status=application.status,
        note=note,
    )
