from django.urls import path

from townhall.core.views import account, feedback, outbox, search

urlpatterns = [
    path("feedback/useful/", feedback.useful, name="feedback-useful"),
    path("feedback/problem/", feedback.problem, name="feedback-problem"),
    path("feedback/like/", feedback.like, name="feedback-like"),
    path("outbox/", outbox.outbox, name="outbox"),
    path("outbox/<id:pk>/", outbox.outbox_message, name="outbox-message"),
    path("search/", search.search, name="search"),
    path("accounts/delete/", account.delete_account, name="account-delete"),
]
