"""The translators Townhall can ask, each chosen by one address (MACHINE_TRANSLATION_URL):

- `deepl://KEY@api-free.deepl.com` (or `api.deepl.com` for DeepL Pro): DeepL's REST API;
- `libretranslate+https://translate.example.org/?api_key=KEY`: a LibreTranslate server
  (the key may be left out where the server needs none);
- `labelled://`: Townhall's own test translator, which only labels the text ("[pl] ...");
- empty: no machine translation at all, the default.

`+http` instead of `+https` (`deepl+http://`, `libretranslate+http://`) is for a server on a
private network or a test. Each backend translates a list of texts in one request, so an
object's fields cost one call. Every failure (no answer within the timeout, an HTTP error,
an answer not in the documented shape) is a `TranslatorFailed` naming the translator and why,
never the texts or the key, so logs hold nothing a resident wrote.
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

USER_AGENT = "Townhall (machine translation)"
MAX_ANSWER_BYTES = 2 * 1024 * 1024  # far more than a petition or a comment translates to


class TranslatorFailed(Exception):
    """One line saying which translator failed and how (for the log, not for residents)."""


@dataclass(frozen=True)
class Translated:
    texts: list[str]  # in the order asked
    source_language: str  # as the translator detected it, lower case ("pl"); "" if unknown


class Backend:
    """A translator: `translate` turns texts (plain, or HTML where `html`) into `target`, one
    of the site's language codes ("pl", "en-gb")."""

    name = ""  # kept with each stored translation: "deepl", "libretranslate", "labelled"
    label: object = ""  # what residents read after "by": "DeepL"

    def translate(self, texts: list[str], target: str, *, html: bool = False) -> Translated:
        raise NotImplementedError


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A translator's API answers where it was asked: a redirect would carry the key and a
    resident's words to another address, so it is a failure instead."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects())


class HttpBackend(Backend):
    def __init__(self, endpoint: str, key: str, timeout: float) -> None:
        self.endpoint = endpoint
        self.key = key
        self.timeout = timeout

    def _post(self, body: dict, headers: dict[str, str]) -> dict:
        """The JSON answer to a JSON POST; any other outcome is a TranslatorFailed."""
        request = urllib.request.Request(  # noqa: S310 - the scheme is http(s), from_url checks
            self.endpoint,
            data=json.dumps(body).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "User-Agent": USER_AGENT,
                **headers,
            },
        )
        try:
            with _OPENER.open(request, timeout=self.timeout) as answer:
                raw = answer.read(MAX_ANSWER_BYTES + 1)
        except urllib.error.HTTPError as error:
            detail = _error_detail(error)
            error.close()
            raise TranslatorFailed(f"{self.label}: HTTP {error.code}{detail}") from error
        except TimeoutError as error:
            raise TranslatorFailed(f"{self.label}: no answer within {self.timeout:g} s") from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise TranslatorFailed(
                    f"{self.label}: no answer within {self.timeout:g} s"
                ) from error
            raise TranslatorFailed(f"{self.label}: cannot reach it ({error.reason})") from error
        except (OSError, ValueError) as error:
            raise TranslatorFailed(f"{self.label}: cannot reach it ({error})") from error
        if len(raw) > MAX_ANSWER_BYTES:
            raise TranslatorFailed(f"{self.label}: the answer is too large")
        try:
            answer = json.loads(raw)
        except ValueError as error:
            raise TranslatorFailed(f"{self.label}: the answer is not JSON") from error
        if not isinstance(answer, dict):
            raise TranslatorFailed(f"{self.label}: the answer is not a JSON object")
        return answer


def _error_detail(error: urllib.error.HTTPError) -> str:
    """The translator's own short reason (`{"message": ...}` or `{"error": ...}`), if any."""
    try:
        body = json.loads(error.read(4096) or b"{}")
    except (ValueError, OSError):
        return ""
    if not isinstance(body, dict):
        return ""
    reason = body.get("message") or body.get("error")
    return f" ({str(reason)[:200]})" if reason else ""


class DeepL(HttpBackend):
    """DeepL's `POST /v2/translate`: the key in `Authorization: DeepL-Auth-Key`, texts as a
    JSON list; each translation comes back with the language DeepL detected."""

    name = "deepl"
    label = "DeepL"
    # DeepL names English and Portuguese targets by variety and refuses the bare codes.
    TARGETS = {"en": "EN-GB", "pt": "PT-PT"}

    def translate(self, texts: list[str], target: str, *, html: bool = False) -> Translated:
        code = target.lower()
        deepl_target = code.upper() if "-" in code else self.TARGETS.get(code, code.upper())
        body: dict = {"text": texts, "target_lang": deepl_target}
        if html:
            body["tag_handling"] = "html"
        answer = self._post(body, {"Authorization": f"DeepL-Auth-Key {self.key}"})
        rows = answer.get("translations")
        if not isinstance(rows, list) or len(rows) != len(texts):
            raise TranslatorFailed("DeepL: the answer has no translation for each text")
        try:
            translated = [str(row["text"]) for row in rows]
            source = str(rows[0].get("detected_source_language") or "").lower()
        except (KeyError, TypeError, AttributeError) as error:
            raise TranslatorFailed("DeepL: the answer is not in DeepL's shape") from error
        return Translated(translated, source)


class LibreTranslate(HttpBackend):
    """LibreTranslate's `POST /translate`: `q` a list of texts, `source` "auto", the key in
    the body; `translatedText` and `detectedLanguage` come back as lists in the same order."""

    name = "libretranslate"
    label = "LibreTranslate"

    def translate(self, texts: list[str], target: str, *, html: bool = False) -> Translated:
        body = {
            "q": texts,
            "source": "auto",
            "target": target.lower().split("-")[0],  # "en-gb" is "en" to LibreTranslate
            "format": "html" if html else "text",
        }
        if self.key:
            body["api_key"] = self.key
        answer = self._post(body, {})
        translated = answer.get("translatedText")
        if isinstance(translated, str) and len(texts) == 1:  # a server that answers singly
            translated = [translated]
        if not isinstance(translated, list) or len(translated) != len(texts):
            raise TranslatorFailed("LibreTranslate: the answer has no translation for each text")
        detected = answer.get("detectedLanguage")
        if isinstance(detected, list):
            detected = detected[0] if detected else {}
        source = detected.get("language", "") if isinstance(detected, dict) else ""
        return Translated([str(text) for text in translated], str(source).lower())


class Labelled(Backend):
    """Townhall's own test translator: it translates nothing, only puts the target language
    in front of each text ("[pl] ..."), so tests and demos can see where machine translation
    would appear. Never a default: it is chosen only by `labelled://`, and `townhall check
    --deploy` refuses it on a real site."""

    name = "labelled"
    label = _("Townhall's labelled test translator")

    def __init__(self, source_language: str = "en") -> None:
        self.source_language = source_language

    def translate(self, texts: list[str], target: str, *, html: bool = False) -> Translated:
        return Translated([f"[{target}] {text}" for text in texts], self.source_language)


def from_url(url: str, timeout: float = 5.0) -> Backend | None:
    """The translator an address names; None for an empty one. ImproperlyConfigured says
    what is wrong with any other, without repeating the key."""
    url = url.strip()
    if not url:
        return None
    parts = urllib.parse.urlsplit(url)
    kind, _plus, transport = parts.scheme.lower().partition("+")
    query = urllib.parse.parse_qs(parts.query)
    if kind == "labelled":
        return Labelled(query.get("source", ["en"])[0].lower())
    if kind not in ("deepl", "libretranslate"):
        raise ImproperlyConfigured(
            f"MACHINE_TRANSLATION_URL: {parts.scheme or 'no'} translator is not known; use "
            "deepl://KEY@api-free.deepl.com or libretranslate+https://host/?api_key=KEY."
        )
    transport = transport or "https"
    userinfo, _at, host = parts.netloc.rpartition("@")
    if transport not in ("http", "https") or not host:
        raise ImproperlyConfigured(
            f"MACHINE_TRANSLATION_URL: a {kind} address needs a host, over http or https."
        )
    base = urllib.parse.urlunsplit((transport, host, parts.path.rstrip("/"), "", ""))
    if kind == "deepl":
        # The whole of what comes before "@" is the key: DeepL's free keys end in ":fx".
        key = urllib.parse.unquote(userinfo) or query.get("auth_key", [""])[0]
        if not key:
            raise ImproperlyConfigured(
                "MACHINE_TRANSLATION_URL: DeepL needs its key: deepl://KEY@api-free.deepl.com."
            )
        return DeepL(f"{base}/v2/translate", key, timeout)
    return LibreTranslate(f"{base}/translate", query.get("api_key", [""])[0], timeout)
