from django.urls import path

from townhall.news.site_feed import site_feed

urlpatterns = [
    path("feed/", site_feed, name="site-news-rss"),
    path("feed/atom/", site_feed, {"atom": True}, name="site-news-atom"),
]
