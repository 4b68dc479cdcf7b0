"""A petition's words in the reader's language, by machine, when they ask
(core.services.machine_translation): its title (the action), its background and its details,
in one call to the translator."""

from django.utils import translation

from townhall.core.services import machine_translation
from townhall.petitions.models import Petition

FIELDS = ("action", "background", "additional_details")


def translate(petition: Petition) -> machine_translation.Result:
    """The petition's words in the language being shown; raises machine_translation.Unavailable."""
    sources = [machine_translation.Source(field, getattr(petition, field)) for field in FIELDS]
    return machine_translation.translate(petition, sources, translation.get_language())


def show_translated(petition: Petition, result: machine_translation.Result) -> None:
    """Put the translation in place of the words on this instance, for rendering only: the
    petition page's template then shows it where the original goes. Never saved."""
    for field in FIELDS:
        setattr(petition, field, result.text(field, getattr(petition, field)))
