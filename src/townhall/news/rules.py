"""News is published by editors as Wagtail pages; its feeds are public."""

from townhall.core import access

access.declare(
    {
        "site-news-*": access.reads("feeds of published news"),
        "wagtailsnippets_news_newscategory:*": access.wagtail("categories, by model permissions"),
        "wagtailsnippetchoosers_news_newscategory:*": access.wagtail(
            "categories, by model permissions"
        ),
    }
)
