"""A real OpenID Connect provider for the staff sign-in tests: a tiny Django project running
django-oauth-toolkit with OIDC on, as a council's identity provider would answer
(discovery, authorize, token, userinfo, signed ID tokens). Started by tests/staff_sign_in."""
