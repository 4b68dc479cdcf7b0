from django.urls import path

from townhall.news import feeds

urlpatterns = [
    path("feed/", feeds.site_feed, name="site-news-rss"),
    path("feed/atom/", feeds.site_feed, {"atom": True}, name="site-news-atom"),
]
