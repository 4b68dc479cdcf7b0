from django.urls import path

from townhall.grants import views

urlpatterns = [
    path("grants/", views.schemes, name="grant-schemes"),
    path("grants/<int:pk>/eligibility/", views.eligibility, name="grant-eligibility"),
]
