import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

PASSWORD = "a-long-staff-password"


def make_officer(username: str = "mfa-officer", email: str = "officer@council.example"):
    """A staff account as an administrator makes one: admin access, no allauth records."""
    user = get_user_model().objects.create_user(username, email, PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def officer(db):
    return make_officer()


@pytest.fixture
def mfa_required(settings):
    settings.TOWNHALL_STAFF_MFA_REQUIRED = True
    return settings
