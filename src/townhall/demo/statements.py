"""The demo's joint statement, after seed 002's statement on the 2017 Ofsted inspection of
children's services, written fresh; one group has co-signed and one is still invited."""

from datetime import date

from django.utils import timezone

from townhall.core.models import Organisation
from townhall.statements.models import CoSigning, JointStatementPage, StatementName

STATEMENT = {
    "title": "Children's services failed: councillors must answer for it",
    "summary": "After Ofsted found widespread and serious failures in Barnet's services for "
    "children, we ask for an independent inquiry and for the committee responsible to "
    "account for its oversight.",
    "body": "<p>The inspectors' report of July 2017 found poor practice across children's "
    "services: care plans that did not measure children's progress, and young people who "
    "went missing from care without their risks being understood.</p><p>The committee "
    "responsible for children, education, libraries and safeguarding oversaw these "
    "services while their budgets were cut and agency social workers, costing £3.05 million "
    "in 2016/17, replaced permanent staff. Officers are held to account when things go "
    "wrong; the elected members who oversee them should be too.</p>",
    "demands": [
        "A full, open and independent public inquiry into what went wrong.",
        "An audit of the correspondence between the administration and officers about "
        "children's services, so that no political pressure can lower the standard of care.",
        "A plan to rebuild a permanent social work team, published with its budget.",
    ],
    "press_contacts": "Press officer, Barnet Alliance for Public Services\n"
    "press@alliance.example.org · 020 7946 0000",
}
NAMES = [("Maria Lopez", True), ("Tom Green", False), ("Aisha Khan", True)]


def load_statements() -> int:
    alliance = Organisation.objects.filter(slug="alliance").select_related("home_page").first()
    if alliance is None or JointStatementPage.objects.exists():
        return 0
    statement = alliance.home_page.add_child(
        instance=JointStatementPage(
            title=STATEMENT["title"],
            slug="childrens-services-joint-statement",
            statement_date=date(2017, 7, 25),
            summary=STATEMENT["summary"],
            body=STATEMENT["body"],
            demands=[("demand", text) for text in STATEMENT["demands"]],
            press_contacts=STATEMENT["press_contacts"],
        )
    )
    statement.save_revision().publish()
    for slug, state in (("library-campaign", "accepted"), ("workers-branch", "invited")):
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is not None:
            CoSigning.objects.create(
                statement=statement,
                organisation=organisation,
                state=state,
                answered_at=timezone.now() if state == "accepted" else None,
            )
    for number, (name, shown) in enumerate(NAMES):
        email = f"supporter{number}@example.org"
        StatementName.objects.create(
            statement=statement,
            name=name,
            email=email,
            normalised_email=email,
            show_name=shown,
            confirmed=True,
            confirmed_at=timezone.now(),
        )
    return 1
