from django.urls import path

from townhall.people import views

urlpatterns = [
    path("join/<slug:slug>/", views.join, name="join"),
    path("join/<slug:slug>/check-your-email/", views.check_email, name="join-check-email"),
    path("supporters/confirm/<str:token>/", views.confirm, name="join-confirm"),
    path("supporters/unsubscribe/<str:token>/", views.unsubscribe, name="join-unsubscribe"),
]
