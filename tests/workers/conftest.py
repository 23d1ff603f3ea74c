"""Fixtures of the worker tests: Redis (real with TEST_REDIS_URL, else fakeredis) and an empty mail folder."""
from __future__ import annotations

import os
import shutil

import pytest
from redis import Redis
from redis.exceptions import RedisError

from sleutelnet.workers import queues
from tests.conftest import require_service

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL")


@pytest.fixture()
def redis_conn(ctx):
    if TEST_REDIS_URL:
        conn = Redis.from_url(TEST_REDIS_URL)
        try:
            conn.ping()
        except RedisError as exc:
            require_service("Redis", f"TEST_REDIS_URL does not answer: {exc}")
        conn.flushdb()
    else:
        import fakeredis

        conn = fakeredis.FakeStrictRedis()
    queues.set_redis_connection(conn)
    yield conn
    queues.set_redis_connection(None)
    conn.flushdb()
    conn.close()


@pytest.fixture()
def mail_folder(app):
    folder = app.config["MAIL_FOLDER"]
    shutil.rmtree(folder, ignore_errors=True)
    return folder
