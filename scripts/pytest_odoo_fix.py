# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""pytest plugin: work around two pytest-odoo 1.0.1 problems with Odoo 11.

1. Its ``pytest_ignore_collect`` reads the ``__manifest__.py`` it looks for
   five levels up even when there is none, which crashes the collection of
   Odoo's own test packages (odoo/addons/<module>/tests): their parent
   packages ``odoo`` and ``odoo.addons`` have no manifest. Answer "do not
   ignore" first for such paths; pytest-odoo still decides inside a module.
2. Its ``--odoo-http`` starts Odoo's HTTP server for every test module with
   ``odoo.service.server.start(stop=True)``, which spawns the server thread
   and immediately asks it to stop: whether a server is left listening
   depends on a race (the later modules log "Address already in use", and
   a module loses its server now and then). Start one server thread for
   the whole session instead (``scripts/dev.sh test`` does not pass
   ``--odoo-http``).
"""
import socket
import threading
import time
from pathlib import Path

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_ignore_collect(collection_path):
    path = Path(collection_path)
    for _level in range(6):
        if (path.parent / "__manifest__.py").is_file():
            return None
        path = path.parent
    return False


@pytest.fixture(scope="session", autouse=True)
def odoo_http_server():
    """Odoo's threaded HTTP server, on the configured port, for the whole
    session (HttpCase, XML-RPC and browser tests talk to it). The thread
    binds the port asynchronously: wait until it accepts connections (a
    readiness poll with a deadline, not a fixed delay)."""
    import odoo
    if odoo.tools.config.get("http_enable", True):
        server = odoo.service.server.ThreadedServer(odoo.service.wsgi_server.application)
        server.http_spawn()
        _wait_until_listening(odoo.tools.config["http_port"])
    yield


def _wait_until_listening(port, timeout=60.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            threading.Event().wait(0.05)
