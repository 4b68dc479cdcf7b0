"""The shipped catalogues are whole, current and compiled, and no template text escapes them."""

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.i18n import unmarked

PACKAGE = Path(settings.PACKAGE_DIR)
LOCALE = PACKAGE / "locale"
FIELD = re.compile(r'(msgctxt|msgid_plural|msgid) "(.*)"$')
EMPTY = re.compile(r'msgstr(\[\d+\])? ""')
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogue(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / "django.po"


def entries(po: Path) -> list[str]:
    """A .po file's entries, each as its lines, the header first."""
    return [
        block.strip() for block in po.read_text(encoding="utf-8").split("\n\n") if block.strip()
    ]


def msgids(po: Path) -> set[tuple[str, ...]]:
    """Each entry's context, English and English plural, unwrapped (tools wrap differently)."""
    found = set()
    for entry in entries(po)[1:]:
        if entry.startswith("#~"):
            continue  # obsolete: kept by a translator, not shipped
        fields: dict[str, str] = {}
        field = None
        for line in entry.splitlines():
            if line.startswith("msgstr"):
                break
            if match := FIELD.match(line):
                field = match.group(1)
                fields[field] = match.group(2)
            elif field and line.startswith('"'):
                fields[field] += line[1:-1]
        found.add((fields.get("msgctxt", ""), fields["msgid"], fields.get("msgid_plural", "")))
    return found


def test_every_readable_template_text_is_marked():
    findings = [
        str(f) for path in unmarked.templates_under(PACKAGE) for f in unmarked.findings_in(path)
    ]
    assert findings == [], "Mark these for translation:\n" + "\n".join(findings[:50])


def test_the_checker_finds_unmarked_text_and_attributes(tmp_path):
    template = tmp_path / "templates" / "page.html"
    template.parent.mkdir()
    template.write_text(
        '{% load i18n %}<h1>{% translate "Marked" %}</h1><p>Left out</p>\n'
        '<img alt="A picture" src="x.png"><input type="submit" value="Send">\n'
        "{% blocktranslate trimmed %}Inside a block{% endblocktranslate %}"
        "<script>var x = 'code';</script>"
        "<p>{{ name }} · 12</p><a>CSV</a> · <a>JSON</a><p>OK then</p>"
    )
    found = [(f.line, f.text) for f in unmarked.findings_in(template)]
    assert found == [(1, "Left out"), (2, 'alt="A picture"'), (2, 'value="Send"'), (3, "OK then")]


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_catalogue_is_complete_with_no_fuzzy_entry(code):
    problems = []
    for entry in entries(catalogue(code))[1:]:
        if entry.startswith("#~"):
            continue
        lines = entry.splitlines()
        if any(ln.startswith("#,") and "fuzzy" in ln for ln in lines):
            problems.append(entry)
        strings = [ln for ln in lines if ln.startswith("msgstr")]
        for index, line in enumerate(lines):
            if EMPTY.fullmatch(line):
                following = lines[index + 1] if index + 1 < len(lines) else ""
                if not following.startswith('"'):
                    problems.append(entry)
        assert strings, entry
    assert problems == [], f"{len(problems)} untranslated or fuzzy in {code}:\n" + "\n\n".join(
        problems[:5]
    )


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_catalogue_compiles_with_its_placeholders_intact(code, tmp_path):
    compiled = tmp_path / "django.mo"
    result = subprocess.run(
        [shutil.which("msgfmt") or "msgfmt", "--check", "-o", str(compiled), str(catalogue(code))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    with compiled.open("rb") as fresh, (catalogue(code).with_suffix(".mo")).open("rb") as shipped:
        assert (
            gettext.GNUTranslations(shipped)._catalog == gettext.GNUTranslations(fresh)._catalog
        ), f"{code}'s django.mo is older than its django.po: run `make messages`"


def test_the_catalogues_hold_every_marked_string(tmp_path, settings, monkeypatch):
    """`make messages` would add nothing: a newly marked string fails here until it is."""
    copy = tmp_path / "townhall"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "static"))
    (copy / "locale").mkdir()
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=[TRANSLATED[0]], ignore_patterns=["demo/*"], verbosity=0)
    fresh = msgids(copy / "locale" / TRANSLATED[0] / "LC_MESSAGES" / "django.po")
    shipped = msgids(catalogue(TRANSLATED[0]))
    missing = sorted(fresh - shipped)
    assert missing == [], (
        f"{len(missing)} strings not in the catalogues: run `make messages`\n"
        + "\n".join(str(entry) for entry in missing[:20])
    )
