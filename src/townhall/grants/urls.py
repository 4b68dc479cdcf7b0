from django.urls import path

from townhall.grants import views

urlpatterns = [
    path("grants/", views.schemes, name="grant-schemes"),
    path("grants/awards/", views.awards, name="grant-awards"),
    path("grants/awards.json", views.awards_json, name="grant-awards-json"),
    path("grants/awards.csv", views.awards_csv, name="grant-awards-csv"),
    path("grants/<int:pk>/eligibility/", views.eligibility, name="grant-eligibility"),
]
