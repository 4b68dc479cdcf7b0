import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from townhall.core import translations
from townhall.council.models import ProgrammePage


@pytest.fixture
def programme(db) -> ProgrammePage:
    # The original: the demo translates it into Welsh and Polish (core.translations).
    return translations.originals(ProgrammePage.objects).get(slug="one-barnet")


@pytest.fixture
def upload(db):
    """Uploads a file as a document, as the admin does; its text is read after commit."""

    def upload(title: str, data: bytes, name: str = "paper.pdf"):
        document = get_document_model()(title=title)
        document.file.save(name, ContentFile(data), save=False)
        document.save()
        return document

    return upload


@pytest.fixture
def moderngov():
    """A pretend ModernGov site on a local port, answering from fixtures/moderngov/."""
    from tests.council.moderngov_server import PretendModernGov, Serving

    site = PretendModernGov()
    serving = Serving(site)
    yield site
    serving.stop()
