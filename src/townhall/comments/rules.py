"""Who may do what with comments: moderators and editors of the organisation whose section
holds the commented page; comment settings belong to their organisation's editors."""

import rules

from townhall.core import access
from townhall.core.predicates import add_record_rules, section_of

add_record_rules("comments.comment", section_of(lambda comment: comment.page))
add_record_rules("comments.commentpolicy", lambda policy: policy.organisation)
# Comments are written on the site by their authors, never made up in the admin.
rules.add_perm("comments.create_in_admin", rules.always_deny)

access.declare(
    {
        "wagtailsnippets_comments_comment:list*": access.rule("comments.change_comment"),
        "wagtailsnippets_comments_comment:edit": access.rule("comments.change_comment"),
        "wagtailsnippets_comments_comment:delete": access.rule("comments.delete_comment"),
        # A comment's history and where it is used name its author: its organisation's only.
        "wagtailsnippets_comments_comment:history*": access.rule("comments.history_comment"),
        "wagtailsnippets_comments_comment:usage": access.rule("comments.change_comment"),
        "wagtailsnippetchoosers_comments_comment:*": access.rule("comments.change_comment"),
        "wagtailsnippetchoosers_comments_comment:create": access.rule("comments.create_in_admin"),
        "comments_moderate": access.rule("comments.change_comment"),
        "comments_reply": access.rule("comments.change_comment"),
        "comment_settings:index*": access.rule("comments.change_commentpolicy"),
        "comment_settings:edit": access.rule("comments.change_commentpolicy"),
        "comment_settings:delete": access.rule("comments.delete_commentpolicy"),
        "comment_settings:history*": access.rule("comments.history_commentpolicy"),
        "comment_settings:add": access.rule("comments.add_commentpolicy"),
        "comment_settings:usage": access.rule("comments.change_commentpolicy"),
        "comments-post": access.public("anyone may comment; flood, link and spam checks"),
        "comments-report": access.public("anyone may report a comment; rate-limited"),
        "comment-translated": access.public(
            "a published comment machine-translated for a reader who asked (GET); "
            "rate-limited, kept once translated"
        ),
        "comments-feed-*": access.reads("approved comments only"),
    }
)
