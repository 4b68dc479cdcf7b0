"""Core records shared by every capability: places, organisations, feedback, the outbox."""

from .email import Email
from .feedback import PageFeedback, PageLike
from .languages import AddressLanguage
from .machine_translation import MachineTranslation
from .organisations import ContactDetails, Organisation
from .outbox import OutboxMessage
from .pages import BoroughHomePage, ContentPage
from .places import Borough, Postcode, Ward
from .versions import EasyReadPage, SignLanguageVideo

__all__ = [
    "AddressLanguage",
    "Borough",
    "BoroughHomePage",
    "ContactDetails",
    "ContentPage",
    "EasyReadPage",
    "Email",
    "MachineTranslation",
    "Organisation",
    "OutboxMessage",
    "PageFeedback",
    "PageLike",
    "Postcode",
    "SignLanguageVideo",
    "Ward",
]
