"""A grant attachment kept in the private bucket (S3_PRIVATE_BUCKET): its applicant and the
grant staff are sent to a link signed for a minute, only after the view's permission check;
anyone else gets no link at all."""

from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import parse_qs, urlsplit
from urllib.request import urlopen

import environ
import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.grants.test_applying import draft, signed_in  # noqa: F401 - fixtures
from tests.s3_server import running_s3_server
from townhall.core.object_storage import file_storages
from townhall.grants.models import ApplicationFile

pytestmark = pytest.mark.django_db
CONTENT = b"%PDF-1.4 constitution"


@pytest.fixture(scope="module")
def s3():
    with running_s3_server() as server:
        yield server


@pytest.fixture
def in_the_bucket(s3, monkeypatch):
    """Attachments saved and read through the private bucket, as with S3_BUCKET set (the
    field's storage is chosen once, when Django loads the models)."""
    for name, value in s3.environment.items():
        monkeypatch.setenv(name, value)
    bucket = storages.create_storage(file_storages(environ.Env(), Path("unused"))["private"])
    monkeypatch.setattr(ApplicationFile._meta.get_field("file"), "storage", bucket)
    return s3


@pytest.fixture
def stored(in_the_bucket, signed_in, draft):  # noqa: F811 - fixtures
    upload = SimpleUploadedFile("constitution.pdf", CONTENT)
    signed_in.post(f"/grants/applications/{draft.pk}/s1/", {"governing-document": upload})
    return draft.files.get()


def _follow(link: str) -> tuple[bytes, str]:
    with urlopen(link, timeout=10) as answer:  # noqa: S310 - the test's own S3 server
        return answer.read(), answer.headers["Content-Disposition"]


def test_the_file_is_in_the_private_bucket_only(stored, in_the_bucket):
    assert in_the_bucket.keys(in_the_bucket.private_bucket) == {stored.file.name}
    assert in_the_bucket.keys(in_the_bucket.public_bucket) == set()


def test_the_applicant_is_sent_to_a_link_signed_for_a_minute(stored, signed_in, draft):  # noqa: F811
    answer = signed_in.get(f"/grants/applications/{draft.pk}/files/{stored.pk}/")
    assert answer.status_code == 302
    link = answer["Location"]
    query = parse_qs(urlsplit(link).query)
    assert query["X-Amz-Expires"] == ["60"] and query["X-Amz-Signature"]
    assert "no-store" in answer["Cache-Control"] and "private" in answer["Cache-Control"]
    assert _follow(link) == (CONTENT, 'attachment; filename="constitution.pdf"')
    unsigned = link.split("?", 1)[0]
    with pytest.raises(HTTPError) as refused:
        urlopen(unsigned, timeout=10)  # noqa: S310 - the test's own S3 server
    assert refused.value.code == 403


def test_grant_staff_are_sent_to_a_signed_link_and_others_get_none(stored, draft, as_user):  # noqa: F811
    staff = as_user("council-officer").get(
        f"/admin/grants/applications/{draft.pk}/files/{stored.pk}/"
    )
    assert staff.status_code == 302 and _follow(staff["Location"])[0] == CONTENT
    other = as_user("alliance-editor").get(f"/grants/applications/{draft.pk}/files/{stored.pk}/")
    assert other.status_code == 404 and not other.has_header("Location")
