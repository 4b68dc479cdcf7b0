from townhall.core.tokens import new_token
from townhall.people.models.persons import Activity, Consent, Person, Tag
from townhall.people.models.segments import Segment
from townhall.people.models.supporters import Supporter

__all__ = ["Activity", "Consent", "Person", "Segment", "Supporter", "Tag", "new_token"]
