"""The admin's forms for a page's other versions (core.models.versions): who may attach an
Easy Read version or a sign language video to which page. The models name these forms, so
this module imports them only inside methods."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from townhall.core.admin_forms import AdminPageForm


def _same_section(one, other) -> bool:
    from townhall.core.services.organisations import organisation_for_page

    return organisation_for_page(one) == organisation_for_page(other)


class EasyReadPageForm(AdminPageForm):
    """An Easy Read version is published by the organisation whose page it explains: another
    group's page would otherwise gain a link, at its top, to words its owners never saw."""

    def clean(self):
        cleaned = super().clean()
        explains = cleaned.get("explains")
        if explains is None:
            return cleaned
        from townhall.core.models.versions import EasyReadPage

        if issubclass(explains.specific_class or type(explains), EasyReadPage):
            self.add_error("explains", _("Choose the original page, not an Easy Read version"))
        elif self.parent_page is not None and not _same_section(self.parent_page, explains):
            self.add_error(
                "explains",
                _(
                    "Choose a page in the same section as this one: an Easy Read version is "
                    "published by the organisation whose page it explains"
                ),
            )
        return cleaned


class SignLanguageVideoForm(WagtailAdminModelForm):
    """A video goes only on a page its editor may edit, and never without captions."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from townhall.core.models.versions import CAPTIONS_REQUIRED

        if "captions" in self.fields:
            self.fields["captions"].error_messages["required"] = CAPTIONS_REQUIRED

    def clean_page(self):
        from townhall.core.predicates import can_edit_page

        page = self.cleaned_data.get("page")
        if (
            page is not None
            and self.for_user is not None
            and not can_edit_page(self.for_user, page)
        ):
            raise ValidationError(
                _("Choose a page you may edit: a video is shown on the page it belongs to")
            )
        return page
