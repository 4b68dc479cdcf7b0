from townhall.core.tokens import new_token
from townhall.people.models.imports import ErasedAddress, SupporterUpload
from townhall.people.models.mailings import Mailing, MailingLink, Recipient
from townhall.people.models.persons import Activity, Consent, Person, Tag
from townhall.people.models.segments import Segment
from townhall.people.models.supporters import Supporter

__all__ = [
    "Activity",
    "Consent",
    "ErasedAddress",
    "Mailing",
    "MailingLink",
    "Person",
    "Recipient",
    "Segment",
    "Supporter",
    "SupporterUpload",
    "Tag",
    "new_token",
]
