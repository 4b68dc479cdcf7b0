from django.urls import path

from townhall.petitions import views

urlpatterns = [
    path("petitions/", views.petition_list, name="petitions"),
    path("petitions/check/", views.check_similar, name="petition-check"),
    path("petitions/new/", views.create, name="petition-create"),
    path("petitions/help/", views.help_page, name="petition-help"),
    path("petitions/start/<str:token>/", views.confirm_creator, name="petition-confirm-creator"),
    path(
        "petitions/start/<str:token>/signers.csv",
        views.creator_signers,
        name="petition-creator-signers",
    ),
    path("petitions/<id:pk>/", views.detail, name="petition"),
    path("petitions/<id:pk>/translated/", views.translated, name="petition-translated"),
    path("petitions/<id:pk>/sign/", views.sign, name="petition-sign"),
    path("petitions/<id:pk>/support/<str:token>/", views.sign, name="petition-sponsor"),
    path("petitions/signatures/<str:token>/", views.confirm_signature, name="signature-confirm"),
]
