"""The site's pages, one module each; importing this package registers them all
(``render.page``), in the order their ``order`` gives the navigation bar."""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
