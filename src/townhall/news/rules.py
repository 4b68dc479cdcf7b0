"""News is published by editors as Wagtail pages; its feeds are public. Each organisation's
editors keep its own news categories; shared categories are the administrators'."""

from townhall.core import access
from townhall.core.predicates import add_record_rules

add_record_rules("news.newscategory", lambda category: category.organisation)

access.declare(
    {
        "site-news-*": access.reads("feeds of published news"),
        "news_categories:index*": access.rule("news.view_newscategory"),
        "news_categories:history*": access.rule("news.history_newscategory"),
        "news_categories:usage": access.rule("news.change_newscategory"),
        "news_categories:edit": access.rule("news.change_newscategory"),
        "news_categories:delete": access.rule("news.delete_newscategory"),
        "news_categories:add": access.rule("news.add_newscategory"),
        "news_categories:copy": access.rule("news.add_newscategory"),
    }
)
