"""Start the provider: `python -m tests.oidc_provider.serve REDIRECT_URI CLIENT_ID SECRET
USERNAME:EMAIL...`. It makes its database, the users (password "password") and one
confidential client, then serves on a free port of 127.0.0.1 and prints the port."""

import os
import sys
import tempfile

import django


def main(redirect_uri: str, client_id: str, secret: str, *users: str) -> None:
    folder = tempfile.mkdtemp(prefix="oidc-provider-")
    os.environ["OIDC_PROVIDER_DB"] = os.path.join(folder, "db.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for entry in users:
        username, email = entry.split(":")
        get_user_model().objects.create_user(username, email, "password")
    Application.objects.create(
        name="Townhall",
        client_id=client_id,
        client_secret=secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,  # the council's own app: no consent screen
    )
    server = ThreadedWSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    server.set_app(get_wsgi_application())
    print(server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(*sys.argv[1:])
