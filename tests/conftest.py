"""Suite-wide hooks and the app-state fixture. Browser and server fixtures live in tests/browser/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.app_state import reset_app_state


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run browser tests last, so the fast unit tests report first and no server or browser runs beside them."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(autouse=True, scope="session")
def insights_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test records visitor events into data/: ``TIMELINE_INSIGHTS`` names a file of the test run's own (a test
    that needs its own sets it again)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TIMELINE_INSIGHTS", str(tmp_path_factory.mktemp("insights") / "insights.sqlite3"))
        yield


@pytest.fixture
def fresh_app_state() -> Iterator[None]:
    """The app's module-level registries and caches, empty before the test and again after it (tests/app_state.py)."""
    reset_app_state()
    yield
    reset_app_state()
