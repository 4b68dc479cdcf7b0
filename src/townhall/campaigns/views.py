from django.http import HttpRequest, HttpResponse
from wagtail.rich_text import expand_db_html

from townhall.core.diff import compare_html, count_changes
from townhall.core.version_forms import chosen_pair


def compare_versions(request: HttpRequest, page) -> HttpResponse:
    """Show two versions of an aims page side by side as one marked-up text."""
    versions = list(page.versions.order_by("number"))
    form, pair = chosen_pair(request.GET, versions, "published_at")
    context = {"form": form, "versions": versions}
    status = 200
    if pair:
        old, new = pair
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
