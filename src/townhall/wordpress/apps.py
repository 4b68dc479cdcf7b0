from django.apps import AppConfig


class WordPressConfig(AppConfig):
    name = "townhall.wordpress"
    label = "wordpress"
    verbose_name = "WordPress import"
