"""The warning a real site gives at start when staff need no second factor."""

from django.core import checks

from townhall.staff_sign_in.checks import check_second_factor_required


def warnings(settings, *, debug: bool, demo: bool, mfa: bool) -> list[str]:
    settings.DEBUG, settings.DEMO, settings.TOWNHALL_STAFF_MFA_REQUIRED = debug, demo, mfa
    return [message.id for message in check_second_factor_required(None)]


def test_a_real_site_without_a_second_factor_is_warned(settings):
    assert warnings(settings, debug=False, demo=False, mfa=False) == ["townhall.W050"]


def test_with_the_factor_required_debug_or_the_demo_it_is_not(settings):
    assert warnings(settings, debug=False, demo=False, mfa=True) == []
    assert warnings(settings, debug=True, demo=False, mfa=False) == []
    assert warnings(settings, debug=False, demo=True, mfa=False) == []


def test_the_check_runs_with_the_others(settings):
    settings.DEBUG, settings.DEMO, settings.TOWNHALL_STAFF_MFA_REQUIRED = False, False, False
    ids = [message.id for message in checks.run_checks(tags=[checks.Tags.security])]
    assert "townhall.W050" in ids
