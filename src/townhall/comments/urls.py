from django.urls import path

from townhall.comments import feeds, views

urlpatterns = [
    path("comments/post/<id:page_id>/", views.post_comment, name="comments-post"),
    path("comments/<id:pk>/report/", views.report_comment, name="comments-report"),
    path("comments/<id:pk>/translated/", views.translated_comment, name="comment-translated"),
    path("comments/feed/", feeds.CommentsFeed(), name="comments-feed-site"),
    path("comments/feed/<id:page_id>/", feeds.CommentsFeed(), name="comments-feed-page"),
]
