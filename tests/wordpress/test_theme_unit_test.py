"""WordPress's own Theme Unit Test export, when one is named (see fixtures/README.md): it
imports whole, and no shortcode is left as raw text in any page."""

import os
import re
from io import StringIO

import pytest
from django.core.management import call_command

from townhall.core.models import ContentPage
from townhall.news.models import NewsPostPage

EXPORT = os.environ.get("TOWNHALL_WP_THEME_TEST_DATA", "")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not EXPORT, reason="TOWNHALL_WP_THEME_TEST_DATA names no export"),
]
RAW = re.compile(r"\[/?(gallery|caption|audio|video|embed|playlist)\b")


def test_the_theme_unit_test_imports_without_raw_shortcodes():
    out = StringIO()
    call_command("import_wordpress", EXPORT, organisation="library-campaign", stdout=out)
    report = out.getvalue()
    print(report)
    assert "Imported: 56 posts, 21 pages" in report
    bodies = [p.body for p in NewsPostPage.objects.all()] + [
        p.body for p in ContentPage.objects.all()
    ]
    assert not [RAW.search(b).group(0) for b in bodies if RAW.search(b)]
    protected = NewsPostPage.objects.get(title__startswith="Template: Password Protected")
    assert not protected.live
