from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Editors add a sign language video to their own section's pages (scoped by core.rules and
# the view set); granted to groups made before videos existed by migration 0015.
SIGN_LANGUAGE_EDITOR_PERMISSIONS = [
    f"core.{action}_signlanguagevideo" for action in ("view", "add", "change", "delete")
]


class CoreConfig(AppConfig):
    name = "townhall.core"
    label = "core"
    verbose_name = _("Townhall core")

    def ready(self) -> None:
        from townhall.core import digests, follow_sources, other_versions, signals  # noqa: F401
        from townhall.core.services.organisations import ROLE_MODEL_PERMISSIONS

        ROLE_MODEL_PERMISSIONS["editors"] += SIGN_LANGUAGE_EDITOR_PERMISSIONS
        # Names and titles lose direction controls and hiding characters, however saved.
        from django.db.models.signals import pre_save

        from townhall.core.invisible import tidy_before_saving

        pre_save.connect(tidy_before_saving, dispatch_uid="townhall-tidy-one-line-text")
        # The admin's forms for other versions check who may attach them, which reads the
        # models: wired here so the models never import their forms (no import circle).
        from townhall.core.models import EasyReadPage, SignLanguageVideo
        from townhall.core.other_versions_forms import EasyReadPageForm, SignLanguageVideoForm

        EasyReadPage.base_form_class = EasyReadPageForm
        SignLanguageVideo.base_form_class = SignLanguageVideoForm
        # A page edit missing what the editor's JavaScript adds is a form error, not a 500.
        from townhall.core.admin_forms import use_for_every_page_type

        use_for_every_page_type()
        # Editors' pages in other languages (decision 17): links, locales, who may translate.
        from townhall.core import translation_admin, translations

        translations.install()
        translation_admin.connect(self)
        ROLE_MODEL_PERMISSIONS["editors"] += translation_admin.EDITOR_PERMISSIONS
        from townhall.core.search import pages, sources

        sources.register("pages", _("Other pages"), 90, pages.other_pages)

        from townhall.core import sweeps
        from townhall.core.services import email_delivery

        sweeps.register("emails", email_delivery.sweep)

        digests.register(
            "organisation", follow_sources.organisation_name, follow_sources.organisation_news
        )
