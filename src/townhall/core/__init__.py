# The `<id:...>` converter is registered when core is first imported, before any app's
# routes (its urls.py, or a routable page's models.py) are read.
from townhall.core.ids import register as _register_id_converter

_register_id_converter()
