from django.urls import path

from townhall.consultations import views

urlpatterns = [
    path("consultations/", views.hub, name="consultations"),
    path("consultations/series/<id:pk>/", views.survey_series, name="survey-series"),
    path("consultations/<id:pk>/respond/", views.start, name="consultation-start"),
    path("consultations/<id:pk>/results/", views.public_results, name="consultation-results"),
    path(
        "consultations/answer/<str:token>/<id:number>/",
        views.answer,
        name="consultation-answer",
    ),
    path("consultations/answer/<str:token>/save/", views.save, name="consultation-save"),
    path("consultations/answer/<str:token>/check/", views.check, name="consultation-check"),
    path("consultations/answer/<str:token>/receipt/", views.receipt, name="consultation-receipt"),
]
