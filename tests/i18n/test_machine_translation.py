"""Machine translation of what residents wrote (issue 29, point 3): the translators as their
documented APIs answer, spoken by local HTTP servers this test starts; the on-demand pages,
labelled with the original a click away; kept translations; failures; erasure."""

import json
import threading
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from townhall.comments.models import Comment
from townhall.core.models import MachineTranslation
from townhall.core.services import machine_translation
from townhall.core.services.machine_translation.backends import (
    DeepL,
    Labelled,
    LibreTranslate,
    TranslatorFailed,
    from_url,
)
from townhall.news.models import NewsPostPage
from townhall.operations import checks as deploy_checks
from townhall.petitions.models import Petition

KEY = "good-key:fx"  # DeepL's free keys end in ":fx", which an address must carry whole


@dataclass
class Translator:
    """What a fake translator was asked, and how it should answer next."""

    url: str = ""
    requests: list[dict] = field(default_factory=list)
    mode: str = "ok"  # "ok", "busy" (429), "slow" (past the timeout), "script" (hostile HTML)
    detected: str = "pl"

    @property
    def calls(self) -> int:
        return len(self.requests)


def _serve(handler_for) -> Iterator[Translator]:
    state = Translator()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


class _Handler(BaseHTTPRequestHandler):
    state: Translator

    def log_message(self, *args) -> None:  # quiet: pytest shows failures, not each request
        pass

    def _answer(self, status: int, body: dict) -> None:
        raw = json.dumps(body).encode()
        with suppress(BrokenPipeError, ConnectionResetError):  # a client that gave up waiting
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

    def _json_body(self) -> dict | None:
        if self.headers.get("Content-Type", "").split(";")[0] != "application/json":
            return None
        try:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def _unless_busy_or_slow(self) -> bool:
        if self.state.mode == "slow":
            time.sleep(1.5)
        if self.state.mode == "busy":
            self._answer(429, self.busy)
            return False
        return True


def libretranslate_handler(state: Translator):
    """LibreTranslate's `POST /translate` as documented: a JSON body with `q` (a text or a
    list), `source`, `target`, `format` and `api_key`; `{"error": ...}` with 400, 403, 429."""

    class Handler(_Handler):
        busy = {"error": "Slowdown: 10 per 1 minute"}

        def do_POST(self) -> None:
            self.state = state
            if self.path != "/translate":
                return self._answer(404, {"error": "Not Found"})
            body = self._json_body()
            if body is None or not body.get("q") or not body.get("source"):
                return self._answer(400, {"error": "Invalid request: missing q parameter"})
            if body.get("format", "text") not in ("text", "html") or not body.get("target"):
                return self._answer(400, {"error": "Invalid request"})
            if body.get("api_key") != KEY:
                return self._answer(403, {"error": "Invalid API key"})
            state.requests.append(body)
            if not self._unless_busy_or_slow():
                return None
            texts = body["q"] if isinstance(body["q"], list) else [body["q"]]
            translated = [self._translate(text, body["target"]) for text in texts]
            detected = {"confidence": 90.0, "language": state.detected}
            if isinstance(body["q"], list):
                return self._answer(
                    200, {"translatedText": translated, "detectedLanguage": [detected] * len(texts)}
                )
            return self._answer(
                200, {"translatedText": translated[0], "detectedLanguage": detected}
            )

        def _translate(self, text: str, target: str) -> str:
            if state.mode == "script":
                return f'<p onclick="x()">{target}</p><script>alert(1)</script>'
            return f"[lt:{target}] {text}"

    return Handler


def deepl_handler(state: Translator):
    """DeepL's `POST /v2/translate` as documented: `Authorization: DeepL-Auth-Key KEY`, a JSON
    body with `text` (a list) and `target_lang`; `translations[].text` and
    `detected_source_language`; 403 for a wrong key, 429, 456 for a used-up quota."""

    class Handler(_Handler):
        busy = {"message": "Too many requests"}

        def do_POST(self) -> None:
            self.state = state
            if self.path != "/v2/translate":
                return self._answer(404, {"message": "Not found"})
            if self.headers.get("Authorization") != f"DeepL-Auth-Key {KEY}":
                return self._answer(403, {"message": "Authorization failed"})
            body = self._json_body()
            if body is None or not isinstance(body.get("text"), list) or not body["text"]:
                return self._answer(400, {"message": "Value for 'text' not supported."})
            if body.get("target_lang") not in ("EN-GB", "EN-US", "PL", "RO", "FA", "DE"):
                return self._answer(400, {"message": "Value for 'target_lang' not supported."})
            state.requests.append(body)
            if not self._unless_busy_or_slow():
                return None
            return self._answer(
                200,
                {
                    "translations": [
                        {
                            "detected_source_language": state.detected.upper(),
                            "text": f"[deepl:{body['target_lang']}] {text}",
                        }
                        for text in body["text"]
                    ]
                },
            )

    return Handler


@pytest.fixture
def libretranslate() -> Iterator[Translator]:
    yield from _serve(libretranslate_handler)


@pytest.fixture
def deepl() -> Iterator[Translator]:
    yield from _serve(deepl_handler)


@pytest.fixture
def with_libretranslate(libretranslate, settings) -> Translator:
    settings.TOWNHALL_MACHINE_TRANSLATION_URL = (
        f"libretranslate+http://{libretranslate.url}/?api_key={KEY.replace(':', '%3A')}"
    )
    settings.TOWNHALL_MACHINE_TRANSLATION_TIMEOUT = 1
    return libretranslate


# The translators, as their APIs answer.


def test_an_empty_address_is_off_and_each_translator_has_its_address():
    assert from_url("") is None
    deepl = from_url(f"deepl://{KEY}@api-free.deepl.com")
    assert isinstance(deepl, DeepL)
    assert (deepl.endpoint, deepl.key) == ("https://api-free.deepl.com/v2/translate", KEY)
    libre = from_url("libretranslate+https://translate.example.org/lt/?api_key=abc")
    assert isinstance(libre, LibreTranslate)
    assert (libre.endpoint, libre.key) == ("https://translate.example.org/lt/translate", "abc")
    assert isinstance(from_url("labelled://"), Labelled)
    for wrong in ("google://key@translate.googleapis.com", "deepl://api-free.deepl.com"):
        with pytest.raises(ImproperlyConfigured) as refused:
            from_url(wrong)
        assert "MACHINE_TRANSLATION_URL" in str(refused.value)
    with pytest.raises(ImproperlyConfigured) as refused:
        from_url("deepl+ftp://secret-key@host")
    assert "secret-key" not in str(refused.value)  # never repeats the key


def test_libretranslate_is_asked_as_documented(libretranslate):
    backend = from_url(f"libretranslate+http://{libretranslate.url}/?api_key={KEY}")
    answer = backend.translate(["Więcej drzew", "Cień."], "en-gb")
    assert answer.texts == ["[lt:en] Więcej drzew", "[lt:en] Cień."]
    assert answer.source_language == "pl"
    assert libretranslate.requests == [
        {
            "q": ["Więcej drzew", "Cień."],
            "source": "auto",
            "target": "en",
            "format": "text",
            "api_key": KEY,
        }
    ]
    backend.translate(["<p>Tak</p>"], "ro", html=True)
    assert libretranslate.requests[-1]["format"] == "html"


def test_deepl_is_asked_as_documented(deepl):
    backend = from_url(f"deepl+http://{KEY}@{deepl.url}")
    answer = backend.translate(["Więcej drzew"], "en-gb")
    assert (answer.texts, answer.source_language) == (["[deepl:EN-GB] Więcej drzew"], "pl")
    assert deepl.requests == [{"text": ["Więcej drzew"], "target_lang": "EN-GB"}]
    backend.translate(["<p>Yes</p>"], "pl", html=True)
    assert deepl.requests[-1] == {
        "text": ["<p>Yes</p>"],
        "target_lang": "PL",
        "tag_handling": "html",
    }


@pytest.mark.parametrize("kind", ["libretranslate", "deepl"])
def test_a_wrong_key_a_busy_translator_and_a_slow_one_fail_in_one_line(kind, libretranslate, deepl):
    server = {"libretranslate": libretranslate, "deepl": deepl}[kind]
    good, wrong = (
        (
            f"libretranslate+http://{server.url}/?api_key={KEY}",
            f"libretranslate+http://{server.url}/?api_key=x",
        )
        if kind == "libretranslate"
        else (f"deepl+http://{KEY}@{server.url}", f"deepl+http://wrong@{server.url}")
    )
    with pytest.raises(TranslatorFailed, match="HTTP 403") as failed:
        from_url(wrong, timeout=1).translate(["Tak"], "en-gb")
    assert "Tak" not in str(failed.value)  # what a resident wrote stays out of the log
    server.mode = "busy"
    with pytest.raises(TranslatorFailed, match="HTTP 429"):
        from_url(good, timeout=1).translate(["Tak"], "en-gb")
    server.mode = "slow"
    with pytest.raises(TranslatorFailed, match=r"no answer within 0\.5 s"):
        from_url(good, timeout=0.5).translate(["Tak"], "en-gb")


def test_nothing_listening_fails_in_one_line():
    with pytest.raises(TranslatorFailed, match="cannot reach it"):
        from_url("libretranslate+http://127.0.0.1:9/", timeout=1).translate(["Tak"], "pl")


@override_settings(TOWNHALL_MACHINE_TRANSLATION_URL="labelled://")
def test_the_deploy_check_refuses_the_test_translator_and_a_wrong_address():
    assert [error.id for error in deploy_checks.check_machine_translation(None)] == [
        "townhall.E041"
    ]
    with override_settings(TOWNHALL_MACHINE_TRANSLATION_URL="google://x@y"):
        assert [error.id for error in deploy_checks.check_machine_translation(None)] == [
            "townhall.E040"
        ]
    with override_settings(TOWNHALL_MACHINE_TRANSLATION_URL=""):
        assert deploy_checks.check_machine_translation(None) == []


# The pages: off by default, on demand, labelled, kept.


@pytest.fixture
def petition(db) -> Petition:
    petition = Petition.objects.filter(state=Petition.State.OPEN).first()
    Petition.objects.filter(pk=petition.pk).update(
        action="Więcej drzew na ulicach", background="Cień latem.", additional_details=""
    )
    petition.refresh_from_db()
    return petition


@pytest.fixture
def comment(alliance) -> Comment:
    post = NewsPostPage.objects.descendant_of(alliance.home_page).live().first()
    return Comment.objects.create(
        page=post,
        author_name="Ana",
        author_email="ana@example.org",
        content="Sunt de acord <em>complet</em>.",
        status=Comment.Status.APPROVED,
    )


def test_off_by_default_no_control_is_shown_and_the_address_leads_to_the_original(
    client, petition, comment
):
    assert machine_translation.configured() is None
    html = client.get(f"/petitions/{petition.pk}/").content.decode()
    assert "Translate into" not in html and "/translated/" not in html
    html = client.get(comment.page.url).content.decode()
    assert "Sunt de acord" in html and "/translated/" not in html
    response = client.get(f"/petitions/{petition.pk}/translated/")
    assert (response.status_code, response["Location"]) == (302, f"/petitions/{petition.pk}/")
    assert client.get(f"/comments/{comment.pk}/translated/").status_code == 302
    assert not MachineTranslation.objects.exists()


@pytest.mark.django_db
def test_a_petition_is_translated_on_request_labelled_and_kept(
    client, with_libretranslate, petition
):
    page = client.get(f"/petitions/{petition.pk}/").content.decode()
    # Asking is a form (crawlers follow links, not forms); the page itself is not translated.
    assert (
        f'<form action="/petitions/{petition.pk}/translated/" method="get"' in page
        and "Translate into British English" in page
    )
    assert "Więcej drzew na ulicach" in page and "[lt:en]" not in page
    assert with_libretranslate.calls == 0

    response = client.get(f"/petitions/{petition.pk}/translated/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "[lt:en] Więcej drzew na ulicach" in html and "[lt:en] Cień latem." in html
    assert "Machine translation from Polish by <bdi>LibreTranslate</bdi>" in html
    assert f'<a href="/petitions/{petition.pk}/">show the original</a>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert with_libretranslate.calls == 1
    assert with_libretranslate.requests[0]["q"] == ["Więcej drzew na ulicach", "Cień latem."]

    # Kept: the second reader costs no call; each field is one row.
    assert (
        "[lt:en] Więcej drzew"
        in client.get(f"/petitions/{petition.pk}/translated/").content.decode()
    )
    assert with_libretranslate.calls == 1
    assert MachineTranslation.objects.filter(object_id=str(petition.pk)).count() == 2

    # Another language is another call, once; the label is in that language's words.
    client.get(f"/pl/petitions/{petition.pk}/translated/")
    client.get(f"/pl/petitions/{petition.pk}/translated/")
    assert with_libretranslate.calls == 2
    assert with_libretranslate.requests[1]["target"] == "pl"


def test_an_edited_petition_is_translated_again_and_the_old_copy_goes(
    client, with_libretranslate, petition
):
    client.get(f"/petitions/{petition.pk}/translated/")
    petition.action = "Więcej ławek"
    petition.save()
    # The copy of the old words went with the edit, before anyone asked again.
    assert not MachineTranslation.objects.filter(
        field="action", object_id=str(petition.pk)
    ).exists()
    html = client.get(f"/petitions/{petition.pk}/translated/").content.decode()
    assert "[lt:en] Więcej ławek" in html
    assert with_libretranslate.calls == 2
    assert MachineTranslation.objects.filter(object_id=str(petition.pk)).count() == 2


def test_text_already_in_the_readers_language_says_so(client, with_libretranslate, petition):
    with_libretranslate.detected = "en"
    html = client.get(f"/petitions/{petition.pk}/translated/").content.decode()
    assert "This was written in British English, so it is shown as written." not in html
    assert "This was written in English, so it is shown as written." in html


@pytest.mark.parametrize("mode", ["busy", "slow", "wrong key"])
def test_a_failing_translator_gives_a_message_and_the_original_never_a_500(
    client, with_libretranslate, petition, settings, mode
):
    if mode == "wrong key":
        settings.TOWNHALL_MACHINE_TRANSLATION_URL = (
            f"libretranslate+http://{with_libretranslate.url}/?api_key=wrong"
        )
    else:
        with_libretranslate.mode = mode
    response = client.get(f"/petitions/{petition.pk}/translated/")
    html = response.content.decode()
    assert response.status_code == 503
    assert "Translation is not available just now." in html
    assert "Więcej drzew na ulicach" in html  # the original, as written
    assert f'<a href="/petitions/{petition.pk}/">Back to the original</a>' in html
    assert not MachineTranslation.objects.exists()
    # When the translator is back, the next request translates.
    with_libretranslate.mode = "ok"
    settings.TOWNHALL_MACHINE_TRANSLATION_URL = (
        f"libretranslate+http://{with_libretranslate.url}/?api_key={KEY}"
    )
    assert client.get(f"/petitions/{petition.pk}/translated/").status_code == 200


def test_asking_for_translations_is_rate_limited(client, with_libretranslate, petition, settings):
    settings.TOWNHALL_RATE_LIMITS = {**settings.TOWNHALL_RATE_LIMITS, "translate": "2/600"}
    assert client.get(f"/petitions/{petition.pk}/translated/").status_code == 200
    assert client.get(f"/petitions/{petition.pk}/translated/").status_code == 200
    assert client.get(f"/petitions/{petition.pk}/translated/").status_code == 429
    assert client.post(f"/petitions/{petition.pk}/translated/").status_code == 405


def test_the_page_cache_keeps_the_page_and_the_translation_apart(
    client, with_libretranslate, petition, settings
):
    settings.TOWNHALL_PAGE_CACHE_SECONDS = 300
    for _ in range(2):
        original = client.get(f"/petitions/{petition.pk}/")
    assert original["X-Townhall-Cache"] == "hit"
    assert "[lt:en]" not in original.content.decode()
    client.get(f"/petitions/{petition.pk}/translated/")
    again = client.get(f"/petitions/{petition.pk}/translated/")
    assert again["X-Townhall-Cache"] == "hit" and "[lt:en] Więcej" in again.content.decode()
    assert with_libretranslate.calls == 1


def test_a_comment_is_translated_on_request_with_its_html_cleaned_again(
    client, with_libretranslate, comment
):
    page = client.get(comment.page.url).content.decode()
    assert f'<form action="/comments/{comment.pk}/translated/" method="get"' in page
    response = client.get(f"/comments/{comment.pk}/translated/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "[lt:en] <p>Sunt de acord <em>complet</em>.</p>" in html
    assert "Machine translation from Polish by <bdi>LibreTranslate</bdi>" in html
    assert f'href="{comment.page.url}?cpage=1#comment-{comment.pk}">show the original</a>' in html
    assert with_libretranslate.requests == [
        {
            "q": ["<p>Sunt de acord <em>complet</em>.</p>"],
            "source": "auto",
            "target": "en",
            "format": "html",
            "api_key": KEY,
        }
    ]
    client.get(f"/comments/{comment.pk}/translated/")
    assert with_libretranslate.calls == 1


def test_a_translators_html_is_not_trusted(client, with_libretranslate, comment):
    with_libretranslate.mode = "script"
    html = client.get(f"/comments/{comment.pk}/translated/").content.decode()
    assert "<script>" not in html and "onclick" not in html and "<p>en</p>" in html


def test_only_published_comments_are_translated(client, with_libretranslate, comment):
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.PENDING)
    assert client.get(f"/comments/{comment.pk}/translated/").status_code == 404
    assert with_libretranslate.calls == 0


# Erasure: no copy outlives what it translated.


def test_deleting_a_comment_in_the_admin_deletes_its_translations(
    client, with_libretranslate, comment, as_user
):
    client.get(f"/comments/{comment.pk}/translated/")
    client.get(f"/pl/comments/{comment.pk}/translated/")
    assert MachineTranslation.objects.filter(object_id=str(comment.pk)).count() == 2
    response = as_user("alliance-moderator").post(
        f"/admin/snippets/comments/comment/delete/{comment.pk}/"
    )
    assert response.status_code == 302
    assert not Comment.objects.filter(pk=comment.pk).exists()
    assert not MachineTranslation.objects.filter(object_id=str(comment.pk)).exists()


def test_a_moderators_edit_removes_the_translation_of_the_old_words(
    client, with_libretranslate, comment
):
    client.get(f"/comments/{comment.pk}/translated/")
    comment.content = "[removed by a moderator]"
    comment.save()
    assert not MachineTranslation.objects.exists()


def test_deleting_a_petition_deletes_its_translations_and_no_one_elses(
    client, with_libretranslate, petition, comment
):
    client.get(f"/petitions/{petition.pk}/translated/")
    client.get(f"/comments/{comment.pk}/translated/")
    petition.delete()
    left = MachineTranslation.objects.all()
    assert [row.content_type.model for row in left] == ["comment"]


def test_a_reader_asking_while_a_translation_is_on_its_way_waits_instead_of_asking_again(
    with_libretranslate, petition, settings
):
    from django.core.cache import cache
    from django.utils import translation

    from townhall.petitions import translation as petition_translation

    settings.TOWNHALL_MACHINE_TRANSLATION_TIMEOUT = 0.3
    content_type, object_id = machine_translation._key_of(petition)
    # Another process is asking the translator for this petition in English right now.
    cache.add(f"machine-translation:{content_type.pk}:{object_id}:en-gb", 1)
    with translation.override("en-gb"), pytest.raises(machine_translation.Unavailable):
        petition_translation.translate(petition)
    assert with_libretranslate.calls == 0
