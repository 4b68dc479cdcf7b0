from django.urls import path

from townhall.donations import views

urlpatterns = [
    path("donate/<id:page_id>/", views.start, name="donation-start"),
    path("donate/thanks/<str:token>/", views.thanks, name="donation-thanks"),
    path("donate/test-checkout/<str:token>/", views.test_checkout, name="donation-test-checkout"),
    path("donate/webhooks/<str:provider>/", views.webhook, name="donation-webhook"),
]
