"""Store fixtures: every store test runs on SQLite, and on PostgreSQL too when ``MARSAD_TEST_PG_URL`` names
a throwaway database (its Marsad tables are dropped before each test), e.g.
``postgresql+psycopg://user@127.0.0.1:5432/marsad_test``; ``{worker}`` in it is replaced by the
pytest-xdist worker id, so parallel workers use their own databases. In CI (``CI=true``) the URL must be
set (``.ci/run`` starts a server): these tests fail there instead of skipping."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text

from marsad.store.schema import metadata

PG_URL = os.environ.get("MARSAD_TEST_PG_URL")


def _fresh_postgres(url: str) -> str:
    engine = create_engine(url)
    with engine.begin() as conn:
        metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS schema_version"))
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> str:
    """A fresh, empty database: a SQLite file, or the PostgreSQL test database."""
    if request.param == "sqlite":
        return str(tmp_path / "marsad.db")
    if not PG_URL:
        msg = "set MARSAD_TEST_PG_URL to run the store tests on PostgreSQL"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg + " (.ci/run starts a server and sets it)")
        pytest.skip(msg)
    return _fresh_postgres(PG_URL.replace("{worker}", os.environ.get("PYTEST_XDIST_WORKER", "master")))
