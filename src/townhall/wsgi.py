import os

from django.core.wsgi import get_wsgi_application

from townhall.processes import die_with_parent

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townhall.settings")
# A web server's worker process stops when its master is killed, instead of serving on.
die_with_parent()
application = get_wsgi_application()
