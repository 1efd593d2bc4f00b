"""Fixtures shared by the linker's tests."""

from __future__ import annotations

import pytest

from gql_news.ingest.country_context import CountryContext, shipped_country_context


@pytest.fixture(scope="session")
def context() -> CountryContext:
    """The shipped country context (read once per process)."""
    return shipped_country_context()
