from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "townhall.news"
    label = "news"
    verbose_name = "News"

    def ready(self) -> None:
        from townhall.core.search.pages import add_page_kind
        from townhall.news.models import NewsPostPage

        add_page_kind("news", "News", 20, NewsPostPage, when=lambda post: post.date)
