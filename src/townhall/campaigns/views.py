from django.http import HttpRequest, HttpResponse
from wagtail.rich_text import expand_db_html

from townhall.campaigns.diff import compare_html, count_changes
from townhall.campaigns.forms import CompareVersionsForm


def compare_versions(request: HttpRequest, page) -> HttpResponse:
    """Show two versions of an aims page side by side as one marked-up text."""
    versions = list(page.versions.order_by("number"))
    data = request.GET
    if "old" not in data and "new" not in data and len(versions) >= 2:
        data = {"old": versions[-2].number, "new": versions[-1].number}
    form = CompareVersionsForm(data or None, versions=versions)
    context = {"form": form, "versions": versions}
    status = 200
    if form.is_valid():
        by_number = {v.number: v for v in versions}
        old, new = by_number[form.cleaned_data["old"]], by_number[form.cleaned_data["new"]]
        blocks = compare_html(expand_db_html(old.body), expand_db_html(new.body))
        added, removed = count_changes(blocks)
        context.update(
            old=old,
            new=new,
            blocks=blocks,
            words_added=added,
            words_removed=removed,
            title_changed=old.title != new.title,
        )
    elif form.is_bound:
        status = 400
    response = page.render(
        request, template="campaigns/aims_compare.html", context_overrides=context
    )
    response.status_code = status
    return response
