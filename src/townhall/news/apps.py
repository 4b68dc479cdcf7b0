from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "townhall.news"
    label = "news"
    verbose_name = _("News")

    def ready(self) -> None:
        from townhall.core.search.pages import add_page_kind
        from townhall.news.models import NewsPostPage

        add_page_kind("news", _("News"), 20, NewsPostPage, when=lambda post: post.date)
        from townhall.core.services.organisations import ROLE_MODEL_PERMISSIONS

        # Editors keep their own organisation's categories (news.rules scopes each one).
        ROLE_MODEL_PERMISSIONS["editors"] += [
            f"news.{action}_newscategory" for action in ("view", "add", "change", "delete")
        ]
