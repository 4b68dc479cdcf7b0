from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "townhall.news"
    label = "news"
    verbose_name = "News"
