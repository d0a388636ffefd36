"""SQLite under load (issue #14): pages are read while another connection writes; only
writing requests run in a transaction."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connection, connections, transaction
from django.test import Client

from dxtalent.web.organisations.models import Organisation
from tests.conftest import CITY_A

sqlite_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite's journal and lock settings",
)


@sqlite_only
@pytest.mark.django_db
def test_sqlite_connections_use_wal_and_wait_for_a_lock_instead_of_failing():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000


@pytest.mark.django_db(transaction=True)
def test_a_page_is_read_while_another_connection_holds_a_write_transaction(bob):
    client = Client()
    client.force_login(bob)  # before the writer starts: logging in writes
    writing = threading.Event()
    done_reading = threading.Event()

    def hold_a_write_transaction() -> None:
        try:
            with transaction.atomic():
                Organisation.objects.filter(code=CITY_A).update(name="東広島市 (書き込み中)")
                writing.set()
                done_reading.wait(30)
        finally:
            connections.close_all()

    writer = threading.Thread(target=hold_a_write_transaction)
    writer.start()
    assert writing.wait(10)
    outcome: dict[str, object] = {}

    def read_a_page() -> None:
        try:
            outcome["team"] = client.get(f"/o/{CITY_A}/team/").status_code
            outcome["people"] = client.get(f"/o/{CITY_A}/people/").status_code
        except Exception as error:  # "database is locked" before issue #14
            outcome["error"] = error
        finally:
            connections.close_all()

    reader = threading.Thread(target=read_a_page)
    reader.start()
    reader.join(8)
    finished = not reader.is_alive()
    done_reading.set()
    writer.join(30)
    reader.join(30)
    assert finished, "the read waited for the writer's transaction"
    assert outcome == {"team": 200, "people": 200}


@pytest.mark.django_db(transaction=True)
def test_a_read_runs_in_autocommit_and_a_write_in_one_transaction(alice):
    client = Client()
    client.force_login(alice)
    statements: list[tuple[str, bool]] = []

    def observe(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        statements.append((sql.split()[0], connection.in_atomic_block))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(observe):
        for page in ("team", "people", "matrix", "plan", "surveys", "interviews"):
            assert client.get(f"/o/{CITY_A}/{page}/").status_code == 200, page
    assert statements and all(word == "SELECT" and not atomic for word, atomic in statements)
    statements.clear()
    with connection.execute_wrapper(observe):
        response = client.post(
            f"/o/{CITY_A}/people/new/",
            {
                "kind": "staff",
                "external_id": "S-7",
                "family_name": "山田",
                "given_name": "花子",
                "employment_type": "regular",
                "origin": "in_house",
                "it_years": "0",
                "active": "on",
            },
        )
    writes = [atomic for word, atomic in statements if word in ("INSERT", "UPDATE")]
    assert response.status_code == 302 and writes and all(writes)
