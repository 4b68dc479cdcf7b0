"""Core records shared by every capability: places, organisations, feedback, the outbox."""

from .email import Email
from .feedback import PageFeedback, PageLike
from .organisations import ContactDetails, Organisation
from .outbox import OutboxMessage
from .pages import BoroughHomePage, ContentPage
from .places import Borough, Postcode, Ward

__all__ = [
    "Borough",
    "BoroughHomePage",
    "ContactDetails",
    "ContentPage",
    "Email",
    "Organisation",
    "OutboxMessage",
    "PageFeedback",
    "PageLike",
    "Postcode",
    "Ward",
]
