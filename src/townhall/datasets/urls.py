from django.urls import path

from townhall.datasets import views

urlpatterns = [
    path("data/", views.index, name="data-catalogue"),
    path("data/catalogue.jsonld", views.dcat, name="data-dcat"),
    path("data/registers/<slug:slug>.csv", views.register_csv, name="register-csv"),
    path("data/<slug:slug>/", views.detail, name="dataset"),
    path("data/<slug:slug>.csv", views.download_csv, name="dataset-csv"),
    path("data/<slug:slug>.json", views.download_json, name="dataset-json"),
]
