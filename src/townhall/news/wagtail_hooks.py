"""Each organisation's editors keep its news categories in the admin."""

from django.forms import modelform_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet

from townhall.core.admin_views import ScopedDeleteView, ScopedIndexView, ScopedViewSetMixin
from townhall.core.services.organisations import organisations_for_user
from townhall.news.models import NewsCategory


class NewsCategoryForm(WagtailAdminModelForm):
    """The organisation is one of the editor's own; only an administrator leaves it empty
    (a category shared by every group)."""

    def __init__(self, *args, for_user=None, **kwargs) -> None:
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and not for_user.is_superuser:
            field = self.fields["organisation"]
            field.queryset = organisations_for_user(for_user)
            field.required = True
            field.empty_label = None
            field.help_text = _("Whose category it is.")


class NewsCategoryViewSet(ScopedViewSetMixin, ModelViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = gettext_lazy("News categories")
    add_to_admin_menu = True
    menu_order = 160
    index_view_class = ScopedIndexView
    delete_view_class = ScopedDeleteView
    form_fields = ["organisation", "name", "slug"]
    list_display = ["name", "slug", "organisation"]
    list_filter = ["organisation"]
    search_backend_name = None
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return modelform_factory(
            self.model,
            form=NewsCategoryForm,
            fields=self.form_fields,
            formfield_callback=self.formfield_for_dbfield,
        )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return NewsCategoryViewSet("news_categories")
