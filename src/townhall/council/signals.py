"""An officer's edit to any council record shows at once on the public pages, and every
uploaded PDF has its text read once, in the background."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model

from townhall.core import pagecache
from townhall.core.signals import connect_where
from townhall.council import petition_agenda
from townhall.council.follow_sources import record
from townhall.council.models import AgendaItem, CommitteeUpdate, Decision, Meeting, MeetingPaper
from townhall.council.tags import COUNCIL_TAG

Kind = CommitteeUpdate.Kind

# Thousands per paper: read_text invalidates once instead. Residents' messages and questions
# are written by the public, so each would empty the cache; a question invalidates when an
# officer publishes it (services.questions).
QUIET_MODELS = {"paperpage", "councillormessage", "publicquestion", "committeeupdate"}


def _is_shown(model) -> bool:
    return model._meta.app_label == "council" and model._meta.model_name not in QUIET_MODELS


@receiver(m2m_changed)
def _council_record_changed(sender, **kwargs) -> None:
    model = kwargs.get("instance").__class__ if kwargs.get("instance") is not None else sender
    if _is_shown(model):
        pagecache.invalidate(COUNCIL_TAG)


# Per council model, not for every sender (core.signals.connect_where says why).
connect_where(_council_record_changed, [post_save, post_delete], _is_shown)


@receiver(post_save, sender=get_document_model())
def _document_uploaded(sender, instance, **kwargs) -> None:
    from townhall.council.services.papers import queue_reading

    if not kwargs.get("raw"):
        queue_reading(instance)


# Followers of a committee hear of each agenda, paper, set of minutes and decision once.
@receiver(post_save, sender=AgendaItem)
def _agenda_published(sender, instance: AgendaItem, raw=False, **kwargs) -> None:
    if not raw and not instance.draft:  # once per meeting: record() keeps the first
        meeting = instance.meeting
        record(
            meeting.committee_id,
            Kind.AGENDA,
            str(meeting),
            meeting.get_absolute_url(),
            f"meeting:{meeting.pk}",
        )


@receiver(post_save, sender=MeetingPaper)
def _paper_published(sender, instance: MeetingPaper, created: bool, raw=False, **kwargs) -> None:
    if created and not raw:
        meeting = instance.meeting
        record(
            meeting.committee_id,
            Kind.PAPER,
            f"{instance.document.title} ({meeting})",
            meeting.get_absolute_url(),
            f"paper:{instance.pk}",
        )


@receiver(post_save, sender=Meeting)
def _minutes_published(sender, instance: Meeting, raw=False, **kwargs) -> None:
    if not raw and instance.minutes != Meeting.Minutes.NONE and instance.minutes_text:
        record(
            instance.committee_id,
            Kind.MINUTES,
            str(instance),
            instance.get_absolute_url() + "#minutes",
            f"meeting:{instance.pk}",
        )


@receiver(post_save, sender=Decision)
def _decision_taken(sender, instance: Decision, created: bool, raw=False, **kwargs) -> None:
    if created and not raw and instance.committee_id:
        record(
            instance.committee_id,
            Kind.DECISION,
            instance.title,
            instance.get_absolute_url(),
            f"decision:{instance.pk}",
        )


@receiver(post_save, sender=AgendaItem)
def _petition_item_published(sender, instance: AgendaItem, raw=False, **kwargs) -> None:
    if not raw and instance.petition_id and not instance.draft:
        petition_agenda.announce_once(instance)
