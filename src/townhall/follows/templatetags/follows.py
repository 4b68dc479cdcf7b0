from django import template

from townhall.follows.forms import FollowForm

register = template.Library()


@register.inclusion_tag("follows/_form.html", takes_context=True)
def follow_form(context, kind: str, target_id: int, name: str) -> dict:
    """A small "follow this by email" form, for any followable page."""
    return {
        "form": FollowForm(auto_id=f"follow-{kind}-%s", kind=kind, target_id=target_id),
        "kind": kind,
        "target_id": target_id,
        "name": name,
        "csrf_token": context.get("csrf_token"),
    }
