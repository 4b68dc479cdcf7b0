"""Machine translation of what residents wrote, on request, kept once translated.

Off unless MACHINE_TRANSLATION_URL names a translator (`backends.from_url`). Apps declare
which fields of a model may be translated (`translatable`), offer a "Translate into ..."
control where a translator is configured (`offer`), and translate a record's fields for a
reader who asked (`translate`): one call to the translator per record and language, stored
as `MachineTranslation` rows keyed by the record, the field, the language and a digest of the
text. Deleting the record deletes them, and saving it deletes those of text it no longer has,
so an erased comment or petition leaves no copy behind (docs/translating.md).
"""

import hashlib
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, models, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from townhall.core.models import MachineTranslation
from townhall.core.sanitise import clean_translated_comment
from townhall.core.services.machine_translation.backends import (
    Backend,
    DeepL,
    Labelled,
    LibreTranslate,
    Translated,
    TranslatorFailed,
    from_url,
)

__all__ = [
    "Backend",
    "Offer",
    "Result",
    "Source",
    "Translated",
    "TranslatorFailed",
    "Unavailable",
    "configured",
    "forget",
    "language_name",
    "offer",
    "translatable",
    "translate",
]

logger = logging.getLogger(__name__)

UNAVAILABLE = gettext_lazy("Translation is not available just now.")
# A second reader asking while the first one's translation is on its way waits for it
# rather than asking the translator again, polling this often.
WAIT_STEP_SECONDS = 0.2


class Unavailable(Exception):
    """No translation now: str(error) says so in words for residents; the log says why."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or str(UNAVAILABLE))


@lru_cache(maxsize=4)
def _backend_for(url: str, timeout: float) -> Backend | None:
    try:
        return from_url(url, timeout)
    except ImproperlyConfigured as error:
        # Off, rather than an error on every page that would offer it; `townhall check
        # --deploy` reports the address (operations.checks).
        logger.error("Machine translation is off: %s", error)
        return None


def configured() -> Backend | None:
    """The translator the settings name, or None: machine translation is off."""
    return _backend_for(
        settings.TOWNHALL_MACHINE_TRANSLATION_URL, settings.TOWNHALL_MACHINE_TRANSLATION_TIMEOUT
    )


def language_name(code: str) -> str:
    """A language's name in the language being shown ("Polish", "polski"); the code itself
    for one Django does not know (a translator may detect any)."""
    if not code:
        return ""
    for candidate in (code, code.split("-")[0]):
        try:
            return str(translation.get_language_info(candidate)["name_translated"])
        except KeyError:
            continue
    return code


def _same_language(one: str, other: str) -> bool:
    return bool(one and other) and one.lower().split("-")[0] == other.lower().split("-")[0]


@dataclass(frozen=True)
class Offer:
    """The control a page shows: a button to `url`, "Translate into <language>"."""

    url: str
    label: str


def offer(url: str) -> Offer | None:
    """The "Translate into <the language being shown>" control for a translated view at
    `url`, or None when no translator is configured (the page then shows nothing)."""
    if configured() is None:
        return None
    language = language_name(translation.get_language())
    return Offer(url, gettext("Translate into %(language)s") % {"language": language})


@dataclass(frozen=True)
class Source:
    """One field to translate: its name, its text, and whether that text is HTML."""

    field: str
    text: str
    html: bool = False


@dataclass(frozen=True)
class Result:
    """A record's fields in `language`, how the translator saw the original, and by whom."""

    texts: dict[str, str]
    language: str
    source_language: str
    translator: str

    def text(self, field: str, default: str = "") -> str:
        return self.texts.get(field, default)

    @property
    def source_language_name(self) -> str:
        return language_name(self.source_language)

    @property
    def translator_name(self) -> str:
        return str(_TRANSLATOR_NAMES.get(self.translator, self.translator))

    @property
    def already_in_language(self) -> bool:
        """The original was already in the reader's language: nothing was really translated."""
        return _same_language(self.source_language, self.language)


# The names kept with stored translations, as residents read them after "by".
_TRANSLATOR_NAMES = {backend.name: backend.label for backend in (DeepL, LibreTranslate, Labelled)}


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _key_of(record: models.Model) -> tuple[ContentType, str]:
    return ContentType.objects.get_for_model(record, for_concrete_model=False), str(record.pk)


def clean_html(html: str) -> str:
    """A translator's HTML, held to what a comment may contain: its answer is not trusted."""
    return clean_translated_comment(html)


def translate(record: models.Model, sources: Iterable[Source], language: str) -> Result:
    """The record's fields in `language`: kept ones when their text is unchanged, otherwise
    from the translator in one call (the rest of a record's fields with it), then kept.

    Raises Unavailable when no translator is configured or it fails: a resident then reads
    the message, never an error page."""
    backend = configured()
    if backend is None:
        raise Unavailable()
    wanted = [source for source in sources if source.text.strip()]
    if not wanted:  # nothing to translate: every field empty
        return Result({}, language, "", backend.name)
    content_type, object_id = _key_of(record)
    found = _kept(content_type, object_id, language, backend.name, wanted)
    if found is not None:
        return found
    # One caller at a time asks the translator for this record and language; the others
    # wait for what it keeps, so a popular petition costs one call, not one per reader.
    lock = f"machine-translation:{content_type.pk}:{object_id}:{language}"
    timeout = settings.TOWNHALL_MACHINE_TRANSLATION_TIMEOUT
    if not cache.add(lock, 1, timeout=int(timeout * 2) + 5):
        return _wait_for(content_type, object_id, language, backend.name, wanted, timeout)
    try:
        return _ask(backend, content_type, object_id, language, wanted)
    finally:
        cache.delete(lock)


def _kept(
    content_type: ContentType, object_id: str, language: str, translator: str, wanted: list
) -> Result | None:
    digests = {source.field: digest(source.text) for source in wanted}
    rows = MachineTranslation.objects.filter(
        content_type=content_type,
        object_id=object_id,
        language=language,
        translator=translator,
        field__in=digests,
    )
    kept = {row.field: row for row in rows if digests.get(row.field) == row.source_digest}
    if len(kept) < len(wanted):
        return None
    first = kept[wanted[0].field]
    return Result(
        {field: row.text for field, row in kept.items()},
        language,
        first.source_language,
        translator,
    )


def _wait_for(
    content_type: ContentType,
    object_id: str,
    language: str,
    translator: str,
    wanted: list,
    timeout: float,
) -> Result:
    deadline = time.monotonic() + timeout + 1
    while time.monotonic() < deadline:
        time.sleep(WAIT_STEP_SECONDS)
        found = _kept(content_type, object_id, language, translator, wanted)
        if found is not None:
            return found
    raise Unavailable()


def _ask(
    backend: Backend, content_type: ContentType, object_id: str, language: str, wanted: list
) -> Result:
    plain = [source for source in wanted if not source.html]
    marked_up = [source for source in wanted if source.html]
    if plain and marked_up:
        # A record is plain text or HTML throughout (a petition, a comment): one call each.
        raise ValueError("Translate a record's plain and HTML fields separately.")
    try:
        answer = backend.translate(
            [source.text for source in wanted], language, html=bool(marked_up)
        )
    except TranslatorFailed as error:
        logger.warning("Machine translation failed: %s", error)
        raise Unavailable() from error
    texts = {
        source.field: clean_html(text) if source.html else text
        for source, text in zip(wanted, answer.texts, strict=True)
    }
    with transaction.atomic():
        # What this record's fields were translated into before, from other text or by
        # another translator, goes: only the copy of what it says now is kept.
        MachineTranslation.objects.filter(
            content_type=content_type,
            object_id=object_id,
            language=language,
            field__in=texts,
        ).delete()
        try:
            MachineTranslation.objects.bulk_create(
                MachineTranslation(
                    content_type=content_type,
                    object_id=object_id,
                    field=source.field,
                    language=language,
                    source_digest=digest(source.text),
                    source_language=answer.source_language[:15],
                    translator=backend.name,
                    text=texts[source.field],
                )
                for source in wanted
            )
        except IntegrityError:  # kept meanwhile by a caller whose lock expired: theirs stands
            transaction.set_rollback(True)
    return Result(texts, language, answer.source_language, backend.name)


def forget(record: models.Model, keep: dict[str, str] | None = None) -> int:
    """Delete the record's translations (all, or those of text other than `keep`: field to
    text); how many were deleted."""
    content_type, object_id = _key_of(record)
    rows = MachineTranslation.objects.filter(content_type=content_type, object_id=object_id)
    if keep is not None:
        for field, text in keep.items():
            rows = rows.exclude(field=field, source_digest=digest(text))
    deleted, _ = rows.delete()
    return deleted


_translatable: dict[type[models.Model], tuple[str, ...]] = {}


def translatable(model: type[models.Model], *fields: str) -> None:
    """Declare the fields of `model` that readers may have machine-translated. Its rows'
    translations are then deleted with the row, and on each save those of text the row no
    longer has (an edit, a moderator's redaction), so no copy outlives what it translated."""
    _translatable[model] = fields
    uid = f"machine-translation-{model._meta.label}"
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}-delete")
    post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}-save")


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    forget(instance)


def _saved(
    sender: type[models.Model],
    instance: models.Model,
    created: bool,
    update_fields: Iterable[str] | None = None,
    raw: bool = False,
    **kwargs,
) -> None:
    fields = _translatable.get(sender, ())
    if created or raw:
        return  # nothing was translated yet, or a fixture is loading
    if update_fields is not None and not set(update_fields) & set(fields):
        return  # a state or a count changed, not the words: one query saved
    forget(instance, keep={field: str(getattr(instance, field) or "") for field in fields})
