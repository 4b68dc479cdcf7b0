"""Every confirmed supporter becomes their organisation's person, with the joining in their
history and, where they agreed, their consent to its emails (as records.record does now)."""

from django.db import migrations


def people_from_supporters(apps, schema_editor) -> None:
    Supporter = apps.get_model("people", "Supporter")
    Person = apps.get_model("people", "Person")
    Consent = apps.get_model("people", "Consent")
    Activity = apps.get_model("people", "Activity")
    confirmed = Supporter.objects.exclude(confirmed_at=None).select_related("organisation")
    for supporter in confirmed.iterator():
        when = supporter.confirmed_at
        person, _ = Person.objects.get_or_create(
            organisation_id=supporter.organisation_id,
            email=supporter.email.lower(),
            defaults={
                "name": supporter.name,
                "postcode": supporter.postcode,
                "first_seen_at": when,
                "last_seen_at": when,
            },
        )
        source = f"people.supporter:{supporter.pk}"
        if supporter.consent_to_contact and supporter.status == "confirmed":
            Consent.objects.get_or_create(
                person=person,
                purpose="email_updates",
                source=source,
                defaults={"wording": supporter.consent_wording, "given_at": when},
            )
        Activity.objects.get_or_create(
            person=person,
            source=source,
            defaults={
                "kind": "joined",
                "label": f"Joined {supporter.organisation.name}",
                "at": when,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0004_people_consents_history")]

    operations = [migrations.RunPython(people_from_supporters, migrations.RunPython.noop)]
