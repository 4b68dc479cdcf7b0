from django.urls import path

from townhall.follows import views

urlpatterns = [
    path("follow/<slug:kind>/<id:target_id>/", views.follow, name="follow"),
    path("follow/confirm/<str:token>/", views.confirm, name="follow-confirm"),
    path("follow/unsubscribe/<str:token>/", views.unsubscribe, name="follow-unsubscribe"),
]
