"""Suite-wide hooks. Browser and server fixtures live in tests/browser/conftest.py."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run browser tests last, so the fast unit tests report first and no server or browser runs beside them."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
