"""Who may do what with grants: the scheme's staff manage its rounds and applications,
approvers look at every one and decide, assigned assessors score, applicants see their own."""

import rules

from townhall.core import access
from townhall.core.predicates import is_grant_approver, is_superuser
from townhall.grants import roles

rules.add_perm("grants.view_rounds", is_superuser | is_grant_approver | roles.is_staff_for_a_scheme)
rules.add_perm("grants.view_round", roles.is_round_staff | is_grant_approver)
rules.add_perm("grants.manage_round", roles.is_round_staff)
rules.add_perm("grants.view_application", roles.is_application_staff | is_grant_approver)
rules.add_perm("grants.manage_application", roles.is_application_staff)
rules.add_perm("grants.assess_application", roles.is_assessor_for)
rules.add_perm("grants.edit_own_application", roles.is_applicant)

_OWN = access.rule("grants.edit_own_application")

access.declare(
    {
        "grant-rounds": access.rule("grants.view_rounds"),
        "grant-round": access.rule("grants.view_round", post="grants.manage_round"),
        "grant-remove-assessor": access.rule("grants.manage_round"),
        "grant-release-scores": access.rule("grants.manage_round"),
        "grant-application-admin": access.rule("grants.view_application"),
        "grant-act": access.rule("grants.view_application"),
        "grant-file-admin": access.rule("grants.view_application"),
        "grant-mark-paid": access.rule("grants.manage_application"),
        "grant-accept-report": access.rule("grants.manage_application"),
        "award:*": access.wagtail("awards, by Wagtail's model permissions"),
        "grant-assess-queue": access.signed_in("an assessor's own queue (empty for others)"),
        "grant-assess": access.rule("grants.assess_application"),
        "grant-schemes": access.reads("the schemes"),
        "grant-awards*": access.reads("awards made, in 360Giving shape"),
        "grant-eligibility": access.public("checking eligibility"),
        "grant-start": access.signed_in("starts the signed-in resident's own application"),
        "grant-applications": access.signed_in("the signed-in applicant's own applications"),
        "grant-application": _OWN,
        "grant-check": _OWN,
        "grant-withdraw": _OWN,
        "grant-answer": _OWN,
        "grant-agreement": _OWN,
        "grant-file": _OWN,
        "grant-report": _OWN,
        "grant-section": _OWN,
    }
)
