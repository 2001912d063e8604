# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""pytest plugin: work around a pytest-odoo 1.0.1 collection bug.

pytest-odoo's ``pytest_ignore_collect`` reads the ``__manifest__.py`` it
looks for five levels up even when there is none, which crashes the
collection of Odoo's own test packages (odoo/addons/<module>/tests): their
parent packages ``odoo`` and ``odoo.addons`` have no manifest. Answer
"do not ignore" first for such paths; pytest-odoo still decides for the
paths inside a module.
"""
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
