"""Who may do what with the platform's own records (page feedback, the email queue), and
the guards of the views Townhall takes from Wagtail, allauth and django-ninja."""

import rules

from townhall.core import access
from townhall.core.predicates import (
    add_record_rules,
    has_model_permission,
    is_superuser,
    member_of,
    section_of,
)

add_record_rules("core.pagefeedback", section_of(lambda feedback: feedback.page))
add_record_rules("core.signlanguagevideo", section_of(lambda video: video.page))
rules.add_perm("core.view_email", has_model_permission("core.view_email"))
rules.add_perm("core.resend_email", has_model_permission("core.resend_email"))
# A group's dashboard: its editors and moderators (an administrator sees every group's).
rules.add_perm(
    "core.see_organisation_dashboard", member_of(lambda organisation: organisation) | is_superuser
)

_WAGTAIL = "Wagtail's own view, guarded by Wagtail's permission policies"

access.declare(
    {
        "sitemap*": access.reads("public pages and records only, for search engines"),
        "robots": access.reads("what search engines may not read"),
        "page_feedback:index*": access.rule("core.view_pagefeedback"),
        "page_feedback:inspect": access.rule("core.view_pagefeedback"),
        "page_feedback:history*": access.rule("core.history_pagefeedback"),
        "page_feedback:usage": access.rule("core.change_pagefeedback"),
        "page_feedback:edit": access.rule("core.change_pagefeedback"),
        "page_feedback:delete": access.rule("core.delete_pagefeedback"),
        "page_feedback:add": access.rule("core.add_pagefeedback"),
        "page_feedback:copy": access.rule("core.add_pagefeedback"),
        "sign_language_videos:index*": access.rule("core.view_signlanguagevideo"),
        "sign_language_videos:history*": access.rule("core.history_signlanguagevideo"),
        "sign_language_videos:usage": access.rule("core.change_signlanguagevideo"),
        "sign_language_videos:edit": access.rule("core.change_signlanguagevideo"),
        "sign_language_videos:delete": access.rule("core.delete_signlanguagevideo"),
        "sign_language_videos:add": access.rule("core.add_signlanguagevideo"),
        "sign_language_videos:copy": access.rule("core.add_signlanguagevideo"),
        "email-queue": access.rule("core.view_email"),
        "organiser-dashboard": access.rule("core.see_organisation_dashboard"),
        "email-detail": access.rule("core.view_email"),
        "email-resend": access.rule("core.resend_email"),
        "feedback-*": access.public("anyone may say whether a page helped; rate-limited"),
        "outbox*": access.reads("the demo's outbox; off unless TOWNHALL_SHOW_OUTBOX is set"),
        "search": access.reads("site search"),
        "account-delete": access.signed_in("a resident deletes their own account"),
        # Taken from Wagtail: the admin (every view needs admin access), serving pages and
        # documents, and Townhall's records that are the council's as a whole, whose view
        # sets use Wagtail's model permissions.
        "wagtail*": access.wagtail(_WAGTAIL),
        "wagtail_serve": access.public("the site's pages, by Wagtail's page privacy"),
        "wagtaildocs_serve": access.reads("documents, by Wagtail's collection privacy"),
        "wagtailcore_authenticate_with_password": access.public("a page's password form"),
        "wagtaildocs_authenticate_with_password": access.public("a document's password form"),
        "wagtailadmin_sprite": access.public("the admin's icons, the same for everyone"),
        "wagtailadmin_javascript_catalog": access.public("the admin's translations"),
        "wagtailadmin_login": access.public("signing in to the admin"),
        "wagtailadmin_password_reset*": access.public("resetting a password; no enumeration"),
        "organisations:*": access.wagtail(_WAGTAIL),
        # Translating a page: simple_translation's views and core's in place of its own
        # (core.translation_admin), which check the permission to translate and the page's.
        "simple_translation:*": access.wagtail(_WAGTAIL),
        "townhall_translate_page": access.wagtail(_WAGTAIL),
        "/admin/test404/": access.wagtail(_WAGTAIL),
        "/admin/^.*/$": access.wagtail("the admin's own page-not-found"),
        "/accounts/login/": access.public("signing in"),
        "account_*": access.public("allauth's sign-in, sign-up and account pages"),
        "public-api:*": access.reads("the read-only JSON API over public records"),
    }
)
