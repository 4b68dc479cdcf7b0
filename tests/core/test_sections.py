"""Section owners and menus remembered per process (core.services.sections): right after
every change they depend on, in every process, and never trusted without the shared cache."""

import pytest
from django.core.cache import cache

from townhall.core import pagecache
from townhall.core.models import Organisation
from townhall.core.services import sections

pytestmark = pytest.mark.django_db


def test_a_pages_owner_is_the_deepest_section_above_it(alliance):
    post = alliance.home_page.get_children().first()
    assert sections.section_owner(post) == alliance
    assert sections.section_owner(alliance.home_page.get_parent()) is None


def test_a_renamed_organisation_shows_in_its_menu_at_once(alliance):
    sections.section_owner(alliance.home_page)
    Organisation.objects.filter(pk=alliance.pk).update(name="Renamed")  # no signal
    assert sections.section_owner(alliance.home_page).name != "Renamed"  # remembered
    alliance.refresh_from_db()
    alliance.save()  # what the admin does: a signal bumps the site's version
    assert sections.section_owner(alliance.home_page).name == "Renamed"


def test_a_published_child_page_joins_the_menu(alliance):
    home = alliance.home_page.specific
    before = sections.menu_links(alliance)
    child = home.get_children().live().in_menu().first().specific
    child.show_in_menus = False
    child.save_revision().publish()
    after = sections.menu_links(alliance)
    assert (child.title, child.url) in before and (child.title, child.url) not in after


def test_an_emptied_cache_is_not_mistaken_for_the_same_versions(alliance):
    """Redis restarted: versions start again from 0, so the generation must differ."""
    sections.section_owner(alliance.home_page)
    Organisation.objects.filter(pk=alliance.pk).update(name="Changed meanwhile")
    cache.clear()
    assert sections.section_owner(alliance.home_page).name == "Changed meanwhile"


def test_without_the_shared_cache_nothing_is_remembered(alliance, monkeypatch):
    monkeypatch.setattr(pagecache.cache, "get_many", lambda keys: {})
    monkeypatch.setattr(pagecache.cache, "add", lambda *args, **kwargs: False)
    monkeypatch.setattr(pagecache.cache, "get", lambda *args, **kwargs: None)
    sections.section_owner(alliance.home_page)
    Organisation.objects.filter(pk=alliance.pk).update(name="Seen at once")
    assert sections.section_owner(alliance.home_page).name == "Seen at once"
