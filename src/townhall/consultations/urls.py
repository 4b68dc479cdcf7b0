from django.urls import path

from townhall.consultations import views

urlpatterns = [
    path("consultations/", views.hub, name="consultations"),
    path("consultations/series/<int:pk>/", views.survey_series, name="survey-series"),
    path("consultations/<int:pk>/respond/", views.start, name="consultation-start"),
    path("consultations/<int:pk>/results/", views.public_results, name="consultation-results"),
    path(
        "consultations/answer/<str:token>/<int:number>/",
        views.answer,
        name="consultation-answer",
    ),
    path("consultations/answer/<str:token>/save/", views.save, name="consultation-save"),
    path("consultations/answer/<str:token>/check/", views.check, name="consultation-check"),
    path("consultations/answer/<str:token>/receipt/", views.receipt, name="consultation-receipt"),
]
