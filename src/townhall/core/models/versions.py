"""Other versions of any page (issue 29, point 4): an Easy Read version, a page of its own
with a large picture beside each short sentence, and British Sign Language videos, which
must have captions. base.html shows both through one tag (core.other_versions)."""

from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.search import index

from townhall.core import pagecache
from townhall.core.plain_words import SENTENCE_END

STEP_CHARACTERS = 200  # about two short sentences: Easy Read guidance keeps each under 15 words
STEP_SENTENCES = 2
VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}
CAPTIONS_SUFFIX = ".vtt"
CAPTIONS_REQUIRED = _(
    "Add a captions file (WebVTT, ending .vtt): a sign language video is published only with "
    "captions, for people who do not sign and cannot hear it"
)


def sentences_in(text: str) -> int:
    """How many sentences a short text has: a text with no full stop is one."""
    return max(1, len(SENTENCE_END.findall(text.strip() + " ")))


class EasyReadStepValue(blocks.StructValue):
    def alt_text(self) -> str:
        """What the picture shows: the step's own words for it, else the image's (Wagtail
        gives its description, else its title)."""
        image = self.get("image")
        return (self.get("alt") or "").strip() or (image.default_alt_text if image else "")


class EasyReadStepBlock(blocks.StructBlock):
    """One step: a large picture and one or two short sentences beside it."""

    image = ImageChooserBlock(
        label=_("picture"),
        help_text=_("A large, clear picture of what the sentences say"),
    )
    alt = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("what the picture shows"),
        help_text=_(
            "For people who cannot see it. Leave empty to use the image's description or title"
        ),
    )
    text = blocks.TextBlock(
        rows=2,
        label=_("sentences"),
        help_text=_("One or two short sentences, 200 characters at most"),  # STEP_CHARACTERS
    )

    class Meta:
        icon = "image"
        label = _("step")
        value_class = EasyReadStepValue

    def clean(self, value):
        """Wagtail's own messages ("This field is required.") say what but not why: these
        say what an Easy Read step needs."""
        errors = {}
        try:
            value = super().clean(value)
        except StructBlockValidationError as problem:
            errors = dict(problem.block_errors)
            if "image" in errors:
                errors["image"] = ValidationError(
                    _("Choose a picture: every step of an Easy Read page has one")
                )
        text = (value.get("text") or "").strip()
        if "text" not in errors:
            if len(text) > STEP_CHARACTERS:
                errors["text"] = ValidationError(
                    gettext(
                        "Keep this step to %(limit)s characters or fewer: it has %(count)s. "
                        "Split it into two steps if it needs more."
                    )
                    % {"limit": STEP_CHARACTERS, "count": len(text)}
                )
            elif sentences_in(text) > STEP_SENTENCES:
                errors["text"] = ValidationError(
                    gettext(
                        "Write one or two short sentences in a step: this has %(count)s. Give "
                        "the others steps of their own."
                    )
                    % {"count": sentences_in(text)}
                )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class EasyReadPage(Page):
    """An Easy Read version of another page: large pictures and short sentences, linked from
    the page it explains ("Easy Read version") and linking back to it."""

    page_description = _(
        "An Easy Read version of another page: a large picture beside each short sentence."
    )

    explains = models.ForeignKey(
        "wagtailcore.Page",
        # Required in the form; a page deleted later leaves this one without its link back
        # rather than deleting a page from the tree behind Wagtail's back.
        null=True,
        on_delete=models.SET_NULL,
        related_name="easy_read_versions",
        verbose_name=_("the page it explains"),
        help_text=_("The page this is the Easy Read version of: it links here, and this to it"),
    )
    steps = StreamField(
        [("step", EasyReadStepBlock())],
        min_num=1,
        verbose_name=_("steps"),
        help_text=_("Each step is one picture and one or two short sentences"),
    )

    content_panels = [*Page.content_panels, FieldPanel("explains"), FieldPanel("steps")]
    search_fields = [*Page.search_fields, index.SearchField("sentences")]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Easy Read version")
        verbose_name_plural = _("Easy Read versions")

    @property
    def sentences(self) -> str:
        """The steps' words, for search: never the pictures, which would render images."""
        return " ".join(step.value["text"] for step in self.steps if step.block_type == "step")

    def clean(self) -> None:
        super().clean()
        if self.explains_id is not None and self.explains_id == self.pk:
            raise ValidationError({"explains": _("Choose the page this explains, not itself")})

    def get_context(self, request, *args, **kwargs):
        # The link back names the original: a retitled or moved original refreshes this too.
        if self.explains_id:
            pagecache.tag(request, pagecache.page_tag(self.explains_id))
        return super().get_context(request, *args, **kwargs)


class SignLanguageVideo(models.Model):
    """A British Sign Language version of a page, shown on it with its captions and, where
    written, a transcript. Captions are required: the form and the database refuse a video
    without them."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="sign_language_videos",
        verbose_name=_("page"),
        help_text=_("The page the video signs"),
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("What the video covers, shown with it")
    )
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.CASCADE,  # a video with nothing to play is no version at all
        related_name="+",
        verbose_name=_("video file"),
        help_text=_("An MP4 or WebM file uploaded to your documents, or give its address below"),
    )
    video_url = models.URLField(
        _("video address"),
        max_length=500,
        blank=True,
        help_text=_("The https address of an MP4 or WebM file hosted elsewhere"),
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("captions (WebVTT)"),
        help_text=_("The captions as a WebVTT file (.vtt), uploaded to your documents"),
        error_messages={"blank": CAPTIONS_REQUIRED, "null": CAPTIONS_REQUIRED},
    )
    transcript = models.TextField(
        _("transcript"), blank=True, help_text=_("Everything said and signed, as text")
    )

    panels = [
        FieldPanel("page"),
        FieldPanel("title"),
        FieldPanel("video_file"),
        FieldPanel("video_url"),
        FieldPanel("captions"),
        FieldPanel("transcript"),
    ]

    class Meta:
        ordering = ["page", "pk"]
        verbose_name = _("British Sign Language video")
        verbose_name_plural = _("British Sign Language videos")

    def __str__(self) -> str:
        return self.title

    @cached_property
    def source(self) -> str:
        return self.video_file.url if self.video_file_id else self.video_url

    @property
    def media_type(self) -> str:
        name = self.video_file.filename if self.video_file_id else urlsplit(self.video_url).path
        return VIDEO_TYPES.get(PurePosixPath(name).suffix.lower(), "")

    def clean(self) -> None:
        errors = {}
        if bool(self.video_file_id) == bool(self.video_url):
            errors["video_file"] = _(
                "Choose the video file or give its address, one of the two: the page plays it"
            )
        elif self.video_url and urlsplit(self.video_url).scheme != "https":
            errors["video_url"] = _("Give an https address: the site only plays secure video")
        elif not self.media_type:
            field = "video_file" if self.video_file_id else "video_url"
            errors[field] = _("Choose an MP4 or WebM video (a name ending .mp4 or .webm)")
        # Missing captions are refused before this, with CAPTIONS_REQUIRED (the field's
        # own messages, and the form's).
        if self.captions_id is not None and not self.captions.filename.lower().endswith(
            CAPTIONS_SUFFIX
        ):
            errors["captions"] = _(
                "Choose the captions as a WebVTT file (a name ending .vtt): browsers show "
                "only those under a video"
            )
        if errors:
            raise ValidationError(errors)
