"""PostgreSQL restarted under load (issue #14): ten writers keep posting while the cluster
restarts; no write the app acknowledged is lost, and the app recovers by itself (kept
connections are checked before use: CONN_HEALTH_CHECKS).

Opt-in and loopback only, since it restarts a whole PostgreSQL cluster: set
DXTALENT_RESTART_CLUSTER to the cluster's "VERSION NAME" (as `pg_lsclusters` lists it) and
DATABASE_URL to a database on that cluster at 127.0.0.1, e.g. a cluster of its own:

    pg_createcluster 15 restart -p 5439 -- --auth=trust
    pg_ctlcluster --skip-systemctl-redirect 15 restart start
    DXTALENT_RESTART_CLUSTER="15 restart" DATABASE_URL=postgres://postgres@127.0.0.1:5439/dxtalent \\
      pytest -m restart tests/web/test_postgres_restart.py
"""

from __future__ import annotations

import os
import subprocess
import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from dxtalent.web.people.models import Person
from tests.conftest import CITY_A

CLUSTER = os.environ.get("DXTALENT_RESTART_CLUSTER", "")
WRITERS = 10
DATABASE = settings.DATABASES["default"]

pytestmark = [
    pytest.mark.restart,
    pytest.mark.skipif(
        not CLUSTER
        or DATABASE["ENGINE"] != "django.db.backends.postgresql"
        or DATABASE.get("HOST") not in ("127.0.0.1", "localhost", "::1"),
        reason="restarts a PostgreSQL cluster: set DXTALENT_RESTART_CLUSTER and a loopback DATABASE_URL on it",
    ),
]


def _post_person(client: Client, external_id: str) -> bool:
    """Whether the app acknowledged the new person (redirect after commit)."""
    try:
        response = client.post(
            f"/o/{CITY_A}/people/new/",
            {
                "kind": "staff",
                "external_id": external_id,
                "family_name": "再起動",
                "given_name": external_id,
                "employment_type": "regular",
                "origin": "in_house",
                "it_years": "0",
                "active": "on",
            },
        )
    except Exception:  # the database went away mid-request: not acknowledged
        return False
    return response.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_no_acknowledged_write_is_lost_when_postgresql_restarts_and_the_app_recovers(alice):
    version, name = CLUSTER.split()
    restarted = threading.Event()
    stop = threading.Event()
    acknowledged: list[str] = []
    after_restart: dict[int, int] = {n: 0 for n in range(WRITERS)}
    failures = 0
    lock = threading.Lock()

    def write(number: int) -> None:
        nonlocal failures
        client = Client(raise_request_exception=False)
        client.force_login(alice)
        attempt = 0
        try:
            while not stop.is_set():
                attempt += 1
                external_id = f"W{number}-{attempt}"
                if _post_person(client, external_id):
                    with lock:
                        acknowledged.append(external_id)
                        if restarted.is_set():
                            after_restart[number] += 1
                else:
                    with lock:
                        failures += 1
                    time.sleep(0.05)
        finally:
            connection.close()

    writers = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for writer in writers:
        writer.start()
    time.sleep(5)
    before = len(acknowledged)
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart"],
        check=True,
        timeout=60,
    )
    restarted.set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and min(after_restart.values()) < 3:
        time.sleep(0.2)
    stop.set()
    for writer in writers:
        writer.join(30)
    connection.close()  # the test's own connection did not survive the restart either

    print(f"{before} acknowledged before the restart; {after_restart} after it")
    assert before >= WRITERS, "the writers wrote before the restart"
    assert min(after_restart.values()) >= 3, f"the app did not recover: {after_restart}"
    stored = set(Person.objects.filter(family_name="再起動").values_list("external_id", flat=True))
    assert sorted(set(acknowledged) - stored) == []
    print(f"{len(acknowledged)} acknowledged, {failures} refused during the restart")
