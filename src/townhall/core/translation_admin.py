"""Editors translating their pages (decision 17): every language's locale, made on migrate;
the permission to translate, for editors; their section's page permissions in every
language's tree; and "Translate" in one step.

Wagtail keeps a page's translations in their language's own tree, and a translation's parent
must be translated first. Editors may edit only their own section, so they could never
translate the pages above it (the borough's home page). Here "Translate" makes any parent not
yet in that language an alias of the original (Wagtail's own `copy_parents`), and every copy
made of a page carries that page's group permissions, so the editors of a section edit its
copy in every language as they edit the original.
"""

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from wagtail.contrib.simple_translation.views import SubmitPageTranslationView
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.signals import copy_for_translation_done

from townhall.core import translations
from townhall.core.signals import connect_where

# Granted with the other editor permissions (core.services.organisations); Wagtail checks as
# well that the editor may edit the page translated.
EDITOR_PERMISSIONS = ["simple_translation.submit_translation"]


def connect(app_config: AppConfig) -> None:
    """Called from core's ready()."""
    # Sent once per app after migrate: core's is the first, which is enough.
    post_migrate.connect(_after_migrate, sender=app_config, dispatch_uid="townhall-locales")
    copy_for_translation_done.connect(_copy_permissions, dispatch_uid="townhall-translation-perms")
    post_save.connect(translations.forget_locales, sender=Locale, dispatch_uid="townhall-locale")
    post_delete.connect(translations.forget_locales, sender=Locale, dispatch_uid="townhall-locale")
    connect_where(_refuse_shown_copy, [pre_save], lambda model: issubclass(model, Page))


def _after_migrate(sender: AppConfig, apps: Apps | None = None, **kwargs) -> None:
    """Every content language has its locale; on the migrate that first makes the permission
    to translate, every existing organisation's editors get it (as a data migration would,
    once: a group an admin later takes it from is not given it again)."""
    apps = apps or global_apps  # migrate passes its own; a bare post_migrate (flush) none
    try:
        locale_model = apps.get_model("wagtailcore", "Locale")
    except LookupError:  # wagtail not migrated yet (a partial migrate)
        return
    translations.sync_locales(locale_model)
    try:
        organisation_model = apps.get_model("core", "Organisation")
        permission_model = apps.get_model("auth", "Permission")
        content_type_model = apps.get_model("contenttypes", "ContentType")
    except LookupError:
        return
    content_type, _ = content_type_model.objects.get_or_create(
        app_label="simple_translation", model="simpletranslation"
    )
    permission, made = permission_model.objects.get_or_create(
        content_type=content_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    if made:
        for organisation in organisation_model.objects.select_related("editors"):
            if organisation.editors is not None:
                organisation.editors.permissions.add(permission)


def _copy_permissions(sender, source_obj, target_obj, **kwargs) -> None:
    """A page's copy in another language (a translation, or the alias Wagtail makes of a
    parent) gets the page's group permissions: its section's editors edit it there too."""
    if not isinstance(source_obj, Page) or not isinstance(target_obj, Page):
        return
    for held in GroupPagePermission.objects.filter(page=source_obj):
        GroupPagePermission.objects.get_or_create(
            group_id=held.group_id, page=target_obj, permission_id=held.permission_id
        )


def _refuse_shown_copy(sender, instance, **kwargs) -> None:
    """A page shown in another language's words (translations.shown_in) is the original with
    its translation's text: saved, it would overwrite the original. Nothing should; if
    anything ever tries, it fails loudly rather than silently."""
    if getattr(instance, "shown_in_language", None):
        raise RuntimeError(
            f"Page {instance.pk} shown in {instance.shown_in_language} is not to be saved"
        )


def _make_parents(page: Page, locale: Locale) -> None:
    parent = page.get_parent()
    if parent is not None and not parent.is_root() and not parent.has_translation(locale):
        parent.specific.copy_for_translation(locale, copy_parents=True, alias=True)


class TranslatePageView(SubmitPageTranslationView):
    """simple_translation's "Translate", offering every language: a parent not translated
    into one yet is made there as an alias of the original (it repeats the original until
    someone translates it), instead of the language being greyed out."""

    def get_form(self):
        form = super().get_form()
        form.fields["locales"].widget.disabled_values = []
        form.fields["locales"].help_text = ""
        form.show_submit = bool(form.fields["locales"].queryset)
        return form

    def post(self, request, **kwargs):
        form = self.get_form()
        if form.is_valid():
            for locale in form.cleaned_data["locales"]:
                _make_parents(self.object, locale)
        return super().post(request, **kwargs)
