"""allauth's second-factor step of a sign-in, except after the council's identity provider
when the settings count its own MFA as the second factor."""

from allauth.mfa.stages import AuthenticateStage

from townhall.staff_sign_in import policy


class SecondFactorStage(AuthenticateStage):
    def _should_handle(self, request) -> bool:
        by_sso = bool((self.login.signal_kwargs or {}).get("sociallogin"))
        if by_sso and policy.sso_is_second_factor():
            return False
        return super()._should_handle(request)
