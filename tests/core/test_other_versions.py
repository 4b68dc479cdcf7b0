"""Other versions of a page (issue 29, point 4): an Easy Read version (a page of large
pictures and short sentences, linked both ways) and British Sign Language videos (refused
without captions), shown at the top of any page by one tag that costs no query for a page
without them, and that the page cache never shows stale."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.test import Client, override_settings
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import nested_form_data, streamfield

from townhall.consultations.models import ConsultationPage
from townhall.core.models import ContentPage, EasyReadPage, Organisation, SignLanguageVideo
from townhall.core.models.versions import CAPTIONS_REQUIRED, EasyReadStepBlock
from townhall.core.services.sites import site_for

pytestmark = pytest.mark.django_db

BSL = "British Sign Language (BSL) version"


@pytest.fixture
def consultation() -> ConsultationPage:
    return ConsultationPage.objects.get(slug="libraries-consultation")


@pytest.fixture
def easy_read() -> EasyReadPage:
    return EasyReadPage.objects.get(slug="libraries-consultation-easy-read")


@pytest.fixture
def about() -> ContentPage:
    return ContentPage.objects.get(slug="about")


def _document(name: str, content: bytes, organisation: str = "council"):
    collection = Organisation.objects.get(slug=organisation).collection
    document = get_document_model()(title=name, collection=collection)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


@pytest.fixture
def captions():
    return _document("signed.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n")


@pytest.fixture
def video_file():
    return _document("signed.mp4", b"\x00\x00\x00\x18ftypmp42")


def _video(page, captions, **fields) -> SignLanguageVideo:
    fields.setdefault("video_url", "https://video.example.org/libraries-bsl.mp4")
    return SignLanguageVideo.objects.create(
        page=page, title="The libraries plan in BSL", captions=captions, **fields
    )


def _html(url: str) -> str:
    return Client().get(url).content.decode()


# Easy Read pages: large pictures, short sentences, a link each way.


def test_the_easy_read_page_shows_each_picture_beside_its_sentences_and_links_back(
    easy_read, consultation
):
    html = _html(easy_read.url)
    assert html.count('class="th-easy-read__image"') == len(easy_read.steps) == 5
    assert 'alt="A drawing of a library building"' in html  # the picture's own title
    assert "Every library will stay open." in html
    assert f'This is the Easy Read version of <a href="{consultation.url}">' in html
    assert "illustrative" in easy_read.title


def test_the_page_it_explains_links_to_it_near_its_top(easy_read, consultation):
    html = _html(consultation.url)
    link = f'<a href="{easy_read.url}">Easy Read version</a>'
    assert link in html
    assert html.index(link) < html.index('<h1 class="th-heading-xl">')
    assert "Easy Read version" not in _html(ContentPage.objects.get(slug="about").url)


def _step(**value) -> dict:
    image = get_image_model().objects.filter(title__startswith="A drawing").first()
    return {"image": image, "alt": "", "text": "The library stays open.", **value}


def _step_errors(**value) -> dict:
    block = EasyReadStepBlock()
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(block.to_python({}) | _step(**value))
    return {name: error.messages[0] for name, error in refused.value.block_errors.items()}


def test_a_step_may_have_one_or_two_short_sentences():
    block = EasyReadStepBlock()
    two = "The library stays open. You can borrow books."
    assert block.clean(block.to_python({}) | _step(text=two))["text"] == two
    assert _step_errors(text="One. Two. Three.") == {
        "text": "Write one or two short sentences in a step: this has 3. Give the others "
        "steps of their own."
    }
    long = "A very long sentence about the library " * 6  # 233 characters, trimmed
    assert _step_errors(text=long) == {
        "text": "Keep this step to 200 characters or fewer: it has 233. Split it into two "
        "steps if it needs more."
    }


def test_a_step_needs_its_picture():
    assert _step_errors(image=None) == {
        "image": "Choose a picture: every step of an Easy Read page has one"
    }


def _easy_read_form(explains, parent, user, text="The library stays open."):
    from django.contrib.auth import get_user_model

    image = get_image_model().objects.filter(title__startswith="A drawing").first()
    data = nested_form_data(
        {
            "title": "Easy Read",
            "slug": "easy-read-test",
            "explains": explains.pk,
            "steps": streamfield([("step", {"image": image.pk, "alt": "", "text": text})]),
        }
    )
    form_class = EasyReadPage.get_edit_handler().get_form_class()
    return form_class(
        data,
        instance=EasyReadPage(),
        parent_page=parent,
        for_user=get_user_model().objects.get(username=user),
    )


def test_an_easy_read_version_explains_a_page_of_its_own_section(consultation, alliance):
    council_home = consultation.get_parent()
    assert _easy_read_form(consultation, council_home, "council-officer").is_valid()
    refused = _easy_read_form(consultation, alliance.home_page, "alliance-editor")
    assert not refused.is_valid()
    assert "Choose a page in the same section as this one" in refused.errors["explains"][0]
    refused = _easy_read_form(consultation, council_home, "council-officer", "One. Two. Three.")
    assert not refused.is_valid() and "steps" in refused.errors


def test_an_easy_read_version_of_an_easy_read_version_is_refused(easy_read, consultation):
    form = _easy_read_form(easy_read, consultation.get_parent(), "council-officer")
    assert not form.is_valid()
    assert form.errors["explains"] == ["Choose the original page, not an Easy Read version"]


# Sign language videos: captions required.


def test_a_video_is_shown_with_its_captions_and_transcript(consultation, captions):
    _video(consultation, captions, transcript="Hello.\nThe libraries will change.")
    html = _html(consultation.url)
    assert BSL in html and html.index(BSL) < html.index('<h1 class="th-heading-xl">')
    assert '<video class="th-bsl__video" controls preload="none">' in html
    assert '<source src="https://video.example.org/libraries-bsl.mp4" type="video/mp4">' in html
    track = f'<track kind="captions" srclang="en" label="English captions" src="{captions.url}"'
    assert f"{track} default>" in html
    assert '<summary class="th-details__summary">Read the transcript</summary>' in html
    assert "<p>Hello.<br>The libraries will change.</p>" in html


def test_an_uploaded_video_plays_from_the_documents(about, captions, video_file):
    _video(about, captions, video_url="", video_file=video_file)
    html = _html(about.url)
    assert f'<source src="{video_file.url}" type="video/mp4">' in html
    assert "Read the transcript" not in html  # none written


def test_a_video_without_captions_is_refused_with_a_clear_message(as_user, about, captions):
    video = SignLanguageVideo(page=about, title="No captions", video_url="https://x.org/a.mp4")
    with pytest.raises(ValidationError) as refused:
        video.full_clean()
    assert refused.value.message_dict["captions"] == [str(CAPTIONS_REQUIRED)]
    with pytest.raises(IntegrityError), transaction.atomic():
        video.save()
    admin = as_user("admin")
    response = admin.post(
        "/admin/sign_language_videos/new/",
        {"page": about.pk, "title": "No captions", "video_url": "https://x.org/a.mp4"},
    )
    assert response.status_code == 200
    assert str(CAPTIONS_REQUIRED) in response.content.decode()
    assert not SignLanguageVideo.objects.exists()
    admin.post(
        "/admin/sign_language_videos/new/",
        {
            "page": about.pk,
            "title": "Captioned",
            "video_url": "https://x.org/a.mp4",
            "captions": captions.pk,
        },
    )
    assert SignLanguageVideo.objects.get().title == "Captioned"


def test_a_video_needs_one_playable_source_and_webvtt_captions(about, captions, video_file):
    def errors(**fields) -> dict:
        video = SignLanguageVideo(page=about, title="T", captions=captions, **fields)
        with pytest.raises(ValidationError) as refused:
            video.full_clean()
        return refused.value.message_dict

    assert "video_file" in errors()  # neither
    assert "video_file" in errors(video_file=video_file, video_url="https://x.org/a.mp4")
    assert errors(video_url="http://x.org/a.mp4")["video_url"] == [
        "Give an https address: the site only plays secure video"
    ]
    assert "video_url" in errors(video_url="https://x.org/a.avi")
    not_vtt = SignLanguageVideo(
        page=about, title="T", video_file=video_file, captions=_document("c.txt", b"Hello")
    )
    with pytest.raises(ValidationError) as refused:
        not_vtt.full_clean()
    assert "captions" in refused.value.message_dict


def test_an_editor_adds_videos_only_to_their_own_sections_pages(as_user, alliance, captions):
    editor = as_user("alliance-editor")
    council_page = ConsultationPage.objects.get(slug="libraries-consultation")
    response = editor.post(
        "/admin/sign_language_videos/new/",
        {
            "page": council_page.pk,
            "title": "Not ours",
            "video_url": "https://x.org/a.mp4",
            "captions": captions.pk,
        },
    )
    assert "Choose a page you may edit" in response.content.decode()
    assert not SignLanguageVideo.objects.exists()
    theirs = _video(council_page, captions)
    assert editor.get(f"/admin/sign_language_videos/edit/{theirs.pk}/").status_code == 404
    assert "The libraries plan" not in editor.get("/admin/sign_language_videos/").content.decode()
    officer = as_user("council-officer")
    assert officer.get(f"/admin/sign_language_videos/edit/{theirs.pk}/").status_code == 200


# The tag's cost: nothing for a page without versions.

SLOT = Template("{% load other_versions %}{% other_versions page %}")


def _slot(page, rf) -> str:
    request = rf.get("/")
    # As when a page is served: the site is known before the page renders (core.services.sites).
    request._wagtail_site = site_for(request)
    return SLOT.render(Context({"page": page, "request": request}))


def test_a_page_without_other_versions_costs_no_query(about, rf, django_assert_num_queries):
    _slot(about, rf)  # the first use in a process reads which pages have versions
    with django_assert_num_queries(0):
        assert _slot(about, rf).strip() == ""
    with django_assert_num_queries(0):
        assert _slot("not a page", rf).strip() == ""


def test_a_page_with_both_versions_costs_a_query_for_each(
    consultation, captions, rf, django_assert_num_queries
):
    _video(consultation, captions)
    _slot(consultation, rf)
    with django_assert_num_queries(2):
        html = _slot(consultation, rf)
    assert "Easy Read version" in html and BSL in html


# The page cache: a new, moved or withdrawn version shows at once.


@pytest.fixture
def cache_on():
    with override_settings(TOWNHALL_PAGE_CACHE_SECONDS=300):
        yield


def _cached(url: str) -> str:
    Client().get(url)
    assert Client().get(url)["X-Townhall-Cache"] == "hit"
    return url


def _fresh(url: str) -> str:
    response = Client().get(url)
    assert response["X-Townhall-Cache"] == "miss", url
    return response.content.decode()


@pytest.mark.usefixtures("cache_on")
def test_a_video_added_or_moved_shows_at_once(consultation, about, captions):
    _cached(consultation.url), _cached(about.url)
    video = _video(consultation, captions)
    assert BSL in _fresh(consultation.url)
    assert Client().get(about.url)["X-Townhall-Cache"] == "hit"  # not this page's
    video.page = about
    video.save()
    assert BSL not in _fresh(consultation.url)
    assert BSL in _fresh(about.url)
    _cached(about.url)
    video.delete()
    assert BSL not in _fresh(about.url)


@pytest.mark.usefixtures("cache_on")
def test_an_easy_read_version_withdrawn_or_repointed_shows_at_once(easy_read, consultation, about):
    _cached(consultation.url), _cached(about.url), _cached(easy_read.url)
    easy_read.unpublish()
    assert "Easy Read version" not in _fresh(consultation.url)
    easy_read.explains = about
    easy_read.save_revision().publish()
    assert "Easy Read version" in _fresh(about.url)
    assert "Easy Read version" not in _fresh(consultation.url)
    _cached(easy_read.url)
    about.title = "About this site, renamed"
    about.save_revision().publish()
    assert "About this site, renamed" in _fresh(easy_read.url)  # its link back names it


def test_editors_find_both_in_the_admin(as_user, consultation):
    officer = as_user("council-officer")
    home = consultation.get_parent()
    form = officer.get(f"/admin/pages/add/core/easyreadpage/{home.pk}/").content.decode()
    assert 'name="explains"' in form and "steps" in form
    form = officer.get("/admin/sign_language_videos/new/").content.decode()
    assert 'name="captions"' in form and 'name="video_url"' in form
    assert "Sign language videos" in officer.get("/admin/").content.decode()
