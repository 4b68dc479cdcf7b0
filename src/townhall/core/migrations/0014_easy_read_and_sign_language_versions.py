import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0013_postcodes_by_borough_and_outside"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="EasyReadPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "steps",
                    wagtail.fields.StreamField(
                        [("step", 3)],
                        block_lookup={
                            0: (
                                "wagtail.images.blocks.ImageChooserBlock",
                                (),
                                {
                                    "help_text": "A large, clear picture of what the sentences say",
                                    "label": "picture",
                                },
                            ),
                            1: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "For people who cannot see it. Leave empty to use the image's description or title",
                                    "label": "what the picture shows",
                                    "max_length": 250,
                                    "required": False,
                                },
                            ),
                            2: (
                                "wagtail.blocks.TextBlock",
                                (),
                                {
                                    "help_text": "One or two short sentences, 200 characters at most",
                                    "label": "sentences",
                                    "rows": 2,
                                },
                            ),
                            3: (
                                "wagtail.blocks.StructBlock",
                                [[("image", 0), ("alt", 1), ("text", 2)]],
                                {},
                            ),
                        },
                        help_text="Each step is one picture and one or two short sentences",
                        verbose_name="steps",
                    ),
                ),
                (
                    "explains",
                    models.ForeignKey(
                        help_text="The page this is the Easy Read version of: it links here, and this to it",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="easy_read_versions",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="the page it explains",
                    ),
                ),
            ],
            options={
                "verbose_name": "Easy Read version",
                "verbose_name_plural": "Easy Read versions",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="SignLanguageVideo",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        help_text="What the video covers, shown with it",
                        max_length=200,
                        verbose_name="title",
                    ),
                ),
                (
                    "video_url",
                    models.URLField(
                        blank=True,
                        help_text="The https address of an MP4 or WebM file hosted elsewhere",
                        max_length=500,
                        verbose_name="video address",
                    ),
                ),
                (
                    "transcript",
                    models.TextField(
                        blank=True,
                        help_text="Everything said and signed, as text",
                        verbose_name="transcript",
                    ),
                ),
                (
                    "captions",
                    models.ForeignKey(
                        error_messages={
                            "blank": "Add a captions file (WebVTT, ending .vtt): a sign language video is published only with captions, for people who do not sign and cannot hear it",
                            "null": "Add a captions file (WebVTT, ending .vtt): a sign language video is published only with captions, for people who do not sign and cannot hear it",
                        },
                        help_text="The captions as a WebVTT file (.vtt), uploaded to your documents",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtaildocs.document",
                        verbose_name="captions (WebVTT)",
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        help_text="The page the video signs",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sign_language_videos",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="page",
                    ),
                ),
                (
                    "video_file",
                    models.ForeignKey(
                        blank=True,
                        help_text="An MP4 or WebM file uploaded to your documents, or give its address below",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtaildocs.document",
                        verbose_name="video file",
                    ),
                ),
            ],
            options={
                "verbose_name": "British Sign Language video",
                "verbose_name_plural": "British Sign Language videos",
                "ordering": ["page", "pk"],
            },
        ),
    ]
