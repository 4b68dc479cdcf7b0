"""A consultation's state from its stages' dates: plain functions of the page's own fields,
so the page model and the services both use them."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import pgettext

FORTHCOMING, OPEN, CLOSED, CONCLUDED = "forthcoming", "open", "closed", "concluded"
OUTCOME_DUE_DAYS = 84  # the government's standard: a response within 12 weeks


@dataclass(frozen=True)
class Status:
    state: str
    stage: object | None  # a Stage: the open stage, or the next to open, or the last
    changes_at: datetime | None  # when the state next changes by itself
    days_since_close: int | None = None

    @property
    def label(self) -> str:
        if self.state == FORTHCOMING:
            return pgettext("a consultation's state", "Forthcoming")
        if self.state == OPEN:
            return pgettext("a consultation's state", "Open")
        if self.state == CLOSED:
            return pgettext("a consultation's state", "Closed")
        if self.state == CONCLUDED:
            return pgettext("a consultation's state", "Concluded")
        raise KeyError(self.state)

    @property
    def outcome_overdue(self) -> bool:
        return self.state == CLOSED and (self.days_since_close or 0) > OUTCOME_DUE_DAYS


def status(page, now: datetime | None = None) -> Status:  # page: a ConsultationPage
    """Open while a stage is open, forthcoming before (and between) stages, closed after the
    last, concluded once the outcome ("we did") is published. Nobody has to press a button."""
    now = now or timezone.now()
    stages = sorted(page.stages.all(), key=lambda stage: stage.opens_at)
    if not stages:
        return Status(FORTHCOMING, None, None)
    last = max(stages, key=lambda stage: stage.closes_at)
    if page.we_did and now >= last.closes_at:
        return Status(CONCLUDED, last, None)
    for stage in stages:
        if stage.opens_at <= now < stage.closes_at:
            return Status(OPEN, stage, stage.closes_at)
        if now < stage.opens_at:
            return Status(FORTHCOMING, stage, stage.opens_at)
    return Status(CLOSED, last, None, (now - last.closes_at).days)
