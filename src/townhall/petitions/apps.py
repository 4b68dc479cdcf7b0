from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "townhall.petitions"
    label = "petitions"
    verbose_name = "Petitions"
