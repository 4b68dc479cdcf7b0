from django.urls import path

from townhall.people import mailing_views, views

urlpatterns = [
    path("join/<slug:slug>/", views.join, name="join"),
    path("join/<slug:slug>/check-your-email/", views.check_email, name="join-check-email"),
    path("supporters/confirm/<str:token>/", views.confirm, name="join-confirm"),
    path("supporters/unsubscribe/<str:token>/", views.unsubscribe, name="join-unsubscribe"),
    path("mail/<str:token>/stop/", mailing_views.unsubscribe, name="mailing-unsubscribe"),
    path("mail/<str:token>/link/<id:position>/", mailing_views.follow_link, name="mailing-link"),
    path("mail/events/", mailing_views.mail_events, name="mailing-events"),
]
