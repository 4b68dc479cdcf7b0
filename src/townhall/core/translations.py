"""Editors' pages in other languages, with Wagtail's own locales (decision 17).

Editors translate a page with Wagtail's "Translate" (wagtail.contrib.simple_translation): the
copy lives in its language's own page tree, as Wagtail keeps them. Readers never see those
trees' addresses. A page has one path, its original's, under each language's prefix
(`/cy/news/a-post/` is the Welsh of `/news/a-post/`), so the header's language switcher
(Django's translate_url), the hreflang alternates and the page cache all work per address.

- **Routing** (`route`): the address's path is looked up in the original tree; the page found
  is shown in the reader's language when it has a live translation in it (its words on the
  original page, `shown_in`), and otherwise as it is, with a notice. A page that exists in the
  original is never a 404 in another language. Only a page with no original (written in its
  own language's tree) is routed in that tree, as Wagtail would.
- **Links** (`url_parts`, in place of Wagtail's Page.get_url_parts): the original's path under
  the reader's language, so every link on a Welsh page (pageurl, page.url, menus,
  breadcrumbs, listings) keeps the reader in Welsh; a translation's links are in its own
  language.
- **Listings** (`originals`): with locales on, every page queryset also holds the
  translations; listings, search, feeds, exports and the API keep one entry per page, the
  original, shown in the reader's language where cheap (`in_reader_language`).

What a page shows in another language is its translation's words (`prose_fields`): titles,
summaries, bodies and blocks. Everything else is the original's, and stays on it: its place
in the tree and its section, its comments, likes, RSVPs, signatures, responses and figures,
so nothing residents do is split between languages.
"""

import copy
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site
from wagtail.url_routing import RouteResult

from townhall.core import memo, pagecache

P = TypeVar("P", bound=Page)

# Page's own fields that say where a page is and what it is, never what it says.
_NOT_PROSE = {"slug", "url_path", "path", "draft_title", "translation_key"}


def enabled() -> bool:
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def content_languages() -> list[str]:
    """The languages editors may write pages in, default first (settings.LANGUAGES)."""
    return [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", [])]


# --- Locales ---------------------------------------------------------------------------------


def sync_locales(locale_model: type[models.Model] = Locale) -> list[str]:
    """Make the Locale of every content language that has none; returns the codes made.

    Runs after every migrate (core.apps), so a language an operator adds to
    TOWNHALL_LANGUAGES gets its locale on the next deploy, with no migration to write."""
    made = []
    for code in content_languages():
        _locale, created = locale_model.objects.get_or_create(language_code=code)
        if created:
            made.append(code)
    forget_locales()
    return made


_locales: dict[str, int] | None = None
_locales_lock = threading.Lock()


def forget_locales(*args, **kwargs) -> None:
    """Locales are read once per process; a locale saved or deleted reads them again."""
    global _locales
    with _locales_lock:
        _locales = None


def _known_locales() -> dict[str, int]:
    global _locales
    known = _locales
    if known is None:
        known = dict(Locale.objects.values_list("language_code", "pk"))
        with _locales_lock:
            _locales = known
    return known


def locale_id(language: str | None) -> int | None:
    """The locale holding pages written in `language`, if it has one."""
    if not language:
        return None
    code = language.lower()
    found = _known_locales().get(code)
    if found is None and code in content_languages():  # made since this process read them
        forget_locales()
        found = _known_locales().get(code)
    return found


def language_of(locale_pk: int | None) -> str | None:
    """The language code of a locale, by its id (read once per process, not per page)."""
    for code, pk in _known_locales().items():
        if pk == locale_pk:
            return code
    if locale_pk is not None:  # made since this process read them (in the admin)
        forget_locales()
        return next((c for c, pk in _known_locales().items() if pk == locale_pk), None)
    return None


def default_language() -> str:
    return content_languages()[0] if content_languages() else settings.LANGUAGE_CODE


def default_locale_id() -> int | None:
    return locale_id(default_language())


def reader_language() -> str:
    """The language the reader asked for (the address's prefix), if editors may write in it;
    otherwise the default (the admin, in a staff member's own language, is not a reader's)."""
    active = (translation.get_language() or "").lower()
    return active if active in content_languages() else default_language()


# --- Listings: one entry per page ----------------------------------------------------------


def originals(queryset: QuerySet[P]) -> QuerySet[P]:
    """Only the original of each page: the default language's copy, or, for a page never
    written in it, the first written. Every listing, feed, export, digest and API answer
    over pages goes through this, so a translated page is listed once (search, which cannot
    take this filter, uses `one_per_page`)."""
    default = default_locale_id()
    if not enabled() or default is None:
        return queryset
    earlier_or_default = (
        Page.objects.filter(translation_key=OuterRef("translation_key"))
        .exclude(pk=OuterRef("pk"))
        .filter(Q(locale_id=default) | Q(pk__lt=OuterRef("pk")))
    )
    return queryset.filter(Q(locale_id=default) | ~Exists(earlier_or_default))


def one_per_page(pages: Iterable[P]) -> list[P]:
    """Pages found in any language (search hits), each page once, as its live original where
    it has one, in the order first found: for what cannot filter by `originals` (the search
    backend takes only plain filters). One query, for the translations among them."""
    found: dict = {}
    for page in pages:
        found.setdefault(page.translation_key, page)
    default = default_locale_id()
    translated = [page for page in found.values() if page.locale_id != default]
    if not enabled() or default is None or not translated:
        return list(found.values())
    keys = [page.translation_key for page in translated]
    by_key = {
        page.translation_key: page
        for page in Page.objects.live()
        .public()
        .filter(translation_key__in=keys, locale_id=default)
        .specific()
    }
    return [by_key.get(key, page) for key, page in found.items()]


def original_of(page: Page) -> Page:
    """The page a translation was made from (the default language's copy), or the page
    itself when it is the original or has none. Kept on the page: links ask for it often."""
    found = getattr(page, "_townhall_original", None)
    if found is not None:
        return found
    default = default_locale_id()
    if page.locale_id == default or default is None or not enabled():
        found = page
    else:
        found = (
            Page.objects.filter(translation_key=page.translation_key, locale_id=default).first()
            or page
        )
    page._townhall_original = found
    return found


def _live_translations() -> Q:
    """Aliases (the copies Wagtail makes of a translated page's parents) repeat the original's
    words, so they are not translations."""
    return Q(live=True, alias_of__isnull=True)


def _build_translated_keys() -> dict[int, frozenset]:
    found: dict[int, set] = {}
    default = default_locale_id()
    written = Page.objects.filter(_live_translations()).exclude(locale_id=default)
    for locale, key in written.values_list("locale_id", "translation_key"):
        found.setdefault(locale, set()).add(key)
    return {locale: frozenset(keys) for locale, keys in found.items()}


# Which pages have a live copy in each other language, kept in each process until any page
# is published, unpublished, deleted or moved: most pages have none, and reading one in
# another language then costs no query to find that out.
_translated_keys = memo.Remembered((pagecache.PAGES_TAG,), _build_translated_keys)


def _may_have_translation(keys: Iterable, language: str) -> set:
    wanted = locale_id(language)
    if wanted == default_locale_id():
        return set(keys)  # originals written in other languages: rare, asked of the database
    return set(keys) & _translated_keys.get().get(wanted, frozenset())


def _translations(keys: Iterable, language: str) -> QuerySet[Page]:
    """Live translations into `language` of the pages with these translation keys."""
    return Page.objects.filter(
        _live_translations(), translation_key__in=list(keys), locale_id=locale_id(language)
    )


def translation_in(page: Page, language: str) -> Page | None:
    """The live translation of `page` into `language`, as its own type, if there is one."""
    if locale_id(language) in (None, page.locale_id):
        return None
    if not _may_have_translation([page.translation_key], language):
        return None
    return _translations([page.translation_key], language).specific().first()


def languages_of(page: Page) -> list[str]:
    """The languages a page can be read in: its own and its live translations', in the order
    of settings.LANGUAGES. Remembered on the page for the request that shows it."""
    found = getattr(page, "_townhall_languages", None)
    if found is None:
        original = original_of(page)
        if original.locale_id == default_locale_id():  # nearly always: no query
            translated = _translated_keys.get()
            pks = {pk for pk, keys in translated.items() if page.translation_key in keys}
        else:
            pks = set(
                Page.objects.filter(translation_key=page.translation_key, live=True)
                .filter(Q(alias_of__isnull=True) | Q(pk=original.pk))
                .values_list("locale_id", flat=True)
            )
        pks.add(original.locale_id)
        codes = {language_of(pk) for pk in pks}
        found = [code for code in content_languages() if code in codes]
        page._townhall_languages = found
    return found


# --- Showing a page in the reader's language --------------------------------------------------


def prose_fields(model: type[Page]) -> list[str]:
    """The fields a translator writes: text and blocks, not choices, slugs, web addresses or
    links to other records (those are the original's; a translation's copies are ignored).
    A page type names any other field that is data rather than words (a postcode, figures)
    in `kept_from_original`, so a change to the original shows in every language at once."""
    kept = {*_NOT_PROSE, *getattr(model, "kept_from_original", ())}
    names = []
    for field in model._meta.concrete_fields:
        if field.name in kept or field.is_relation or field.choices:
            continue
        if isinstance(field, (models.SlugField, models.URLField, models.EmailField)):
            continue
        if isinstance(field, (models.CharField, models.TextField, StreamField)):
            names.append(field.attname)
    return names


def shown_in(page: P, words: Page, language: str) -> P:
    """A copy of `page` saying what its translation `words` says: the original keeps its id,
    place and records. The copy is for showing only (core.translation_admin refuses to save
    it). It is of the page's own type, so `.specific` is the copy itself, not the original."""
    specific_class = page.specific_class or type(page)
    shown = copy.copy(page if isinstance(page, specific_class) else page.specific)
    for cached in ("specific", "specific_deferred"):  # would lead back to the original's words
        shown.__dict__.pop(cached, None)
    for name in prose_fields(type(shown)):
        if hasattr(words, name):
            setattr(shown, name, getattr(words, name))
    shown.shown_in_language = language
    shown._townhall_original = original_of(page)
    return shown


def in_reader_language(pages: Iterable[P]) -> list[P]:
    """A listing's pages, each saying what its live translation into the reader's language
    says where it has one: one query for the whole listing. Anything in the listing that is
    not a page (a council meeting among events) is left as it is."""
    pages = list(pages)
    language = reader_language()
    wanted = locale_id(language)
    if not enabled() or wanted is None:
        return pages

    def translatable(item: object) -> bool:
        shown = getattr(item, "shown_in_language", None)  # already in a language
        return isinstance(item, Page) and item.locale_id != wanted and not shown

    keys = _may_have_translation(
        {page.translation_key for page in pages if translatable(page)}, language
    )
    if not keys:
        return pages
    found = {t.translation_key: t for t in _translations(keys, language).specific()}
    return [
        shown_in(page, found[page.translation_key], language)
        if translatable(page) and page.translation_key in found
        else page
        for page in pages
    ]


@dataclass(frozen=True)
class Fallback:
    """A page shown in its own language at an address in another, for want of a translation."""

    wanted: str  # the reader's language (the address's prefix)
    shown: str  # the language of the words shown


def route(request: HttpRequest, path: str) -> RouteResult | None:
    """What Wagtail's serve view shows at `path` in the reader's language (see the module's
    docstring); None for a 404."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [part for part in path.split("/") if part]
    root = site.root_page.specific
    try:
        found = root.route(request, components)
    except Http404:
        return _route_in_own_tree(request, root, components)
    page = found.page
    wanted = reader_language()
    own = language_of(page.locale_id)
    if own == wanted:
        return found
    words = translation_in(page, wanted)
    if words is None:
        request.content_fallback = Fallback(wanted=wanted, shown=own or default_language())
        return found
    shown = shown_in(page, words, wanted)
    # The same path below the page (a routable page's own paths: news/2024/05/), on the copy.
    return shown.route(request, components[page.depth - root.depth :])


def _route_in_own_tree(request: HttpRequest, root: Page, components: list[str]):
    """A page written in the reader's language with no original: Wagtail's own routing,
    in that language's tree."""
    localized = root.localized
    if localized.pk == root.pk:
        return None
    try:
        return localized.specific.route(request, components)
    except Http404:
        return None


# --- Links ------------------------------------------------------------------------------------


_wagtail_url_parts = Page.get_url_parts


def url_parts(page: Page, request: HttpRequest | None = None):
    """Wagtail's Page.get_url_parts, with the path of the page's original under the language
    it is read in: the reader's for an original, its own for a translation."""
    if not enabled():
        return _wagtail_url_parts(page, request)
    original = original_of(page)
    if original.pk != page.pk or getattr(page, "shown_in_language", None):
        language = getattr(page, "shown_in_language", None) or language_of(page.locale_id)
    elif original.locale_id != default_locale_id():
        return _wagtail_url_parts(page, request)  # written in its own tree, with no original
    else:
        language = reader_language()
    parts = _wagtail_url_parts(original, request)
    if parts is None or parts[2] is None or language == language_of(original.locale_id):
        return parts
    site_id, root_url, _path = parts
    for root in original._get_relevant_site_root_paths(request):
        if root.site_id == site_id:
            try:
                with translation.override(language):
                    path = reverse(
                        "wagtail_serve", args=(original.url_path[len(root.root_path) :],)
                    )
            except NoReverseMatch:
                return parts
            if not WAGTAIL_APPEND_SLASH and path != "/":
                path = path.rstrip("/")
            return site_id, root_url, path
    return parts


def install() -> None:
    """Every page type's links go through `url_parts`. Townhall's page types share no base
    but Wagtail's Page, and Wagtail asks each for its address through this one method, so it
    is replaced once here (core.apps) rather than in every app's models."""
    Page.get_url_parts = url_parts


def path_in_reader_language(path: str) -> str:
    """A path as the default language writes it ("/#groups", "/about/"), in the reader's."""
    language = reader_language()
    if language == default_language():
        return path
    with translation.override(default_language()):
        return translate_url(path, language)


def path_in_default_language(path: str) -> str:
    """The reader's path as the default language writes it: "/cy/events/" is "/events/"."""
    if reader_language() == default_language():
        return path
    return translate_url(path, default_language())
