"""Erasure, whichever route it comes by: a supporter deleted (their own link, an organiser
in the admin) takes their record and history with that organisation with them, and a
person deleted leaves no address on the mailings they were sent. Whether the address is
remembered as erased at the person's request (people.erasures) is for the route to say:
their own erasure link does, an organiser's delete does when they confirm it is one; a
duplicate or a mistake deleted is not."""

from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver

from townhall.core.models import Organisation
from townhall.people import erasures, records
from townhall.people.models import Person, Recipient, Supporter


@receiver(post_delete, sender=Supporter)
def _supporter_deleted(sender, instance: Supporter, **kwargs) -> None:
    records.forget(instance.organisation_id, instance.email)


@receiver(pre_delete, sender=Person)
def _person_deleted(sender, instance: Person, **kwargs) -> None:
    # The copies stay, anonymous, so a mailing's figures do not change after the fact.
    Recipient.objects.filter(person=instance).update(email="", person=None)


@receiver(post_delete, sender=Organisation)
def _organisation_deleted(sender, instance: Organisation, **kwargs) -> None:
    # Its people went with it: nothing is left to protect, so the digests go too.
    erasures.forget_organisation(instance.pk)
