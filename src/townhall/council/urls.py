from django.urls import path

from townhall.council import (
    contact_views,
    interests_views,
    question_views,
    spending_views,
    views,
)

urlpatterns = [
    path("democracy/councillors/", views.councillors, name="councillors"),
    path("democracy/councillors/<slug:slug>/", views.councillor_detail, name="councillor-detail"),
    path(
        "democracy/councillors/<slug:slug>/interests/",
        interests_views.interests,
        name="councillor-interests",
    ),
    path(
        "democracy/councillors/<slug:slug>/interests/<id:number>/",
        interests_views.interests_version,
        name="councillor-interests-version",
    ),
    path(
        "democracy/councillors/<slug:slug>/write/",
        contact_views.write,
        name="councillor-write",
    ),
    path(
        "democracy/messages/<str:token>/confirm/",
        contact_views.confirm,
        name="councillor-message-confirm",
    ),
    path(
        "democracy/messages/<str:token>/reply/",
        contact_views.reply,
        name="councillor-message-reply",
    ),
    path("democracy/committees/", views.committees, name="committees"),
    path("democracy/committees/<slug:slug>/", views.committee, name="committee"),
    path("democracy/meetings/<id:pk>/", views.meeting, name="meeting"),
    path("democracy/meetings/<id:pk>/pack.pdf", views.meeting_pack, name="meeting-pack"),
    path("democracy/meetings/<id:pk>/ask/", question_views.ask, name="meeting-ask"),
    path(
        "democracy/questions/<str:token>/confirm/",
        question_views.confirm,
        name="question-confirm",
    ),
    path("democracy/meetings.ics", views.meetings_calendar, name="meetings-ics"),
    path("democracy/decisions/", views.decisions, name="decisions"),
    path("democracy/forward-plan/", views.forward_plan, name="forward-plan"),
    path("democracy/decisions/<id:pk>/", views.decision, name="decision"),
    path("democracy/search/", views.search, name="council-search"),
    path("democracy/spending/", spending_views.register, name="spending"),
    path("democracy/spending.csv", spending_views.download, name="spending-csv"),
    path("democracy/contracts/", views.contracts, name="contracts"),
    path("democracy/contracts/<id:pk>/", views.contract, name="contract"),
    path("democracy/decisions/feed/", views.DecisionsFeed(), name="decisions-rss"),
    path("democracy/decisions/feed/atom/", views.DecisionsAtomFeed(), name="decisions-atom"),
]
