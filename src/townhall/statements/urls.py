from django.urls import path

from townhall.statements import views

urlpatterns = [
    path("statements/", views.statement_list, name="statements"),
    path("statements/<id:pk>/names/", views.add_name, name="statement-add-name"),
    path("statements/names/<str:token>/", views.confirm_name, name="statement-name-confirm"),
]
