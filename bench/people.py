"""Benchmark: importing assessments and rendering the skill matrix at a designated city's scale.

Figures printed:
- importing 100,000 assessment rows from CSV (read, checked, inserted, current levels
  refreshed; target: under 5 s, peak memory of the process under 300 MB), with the baseline
  measured in the same run: a raw insert of the same rows as tuples (executemany on SQLite,
  COPY on PostgreSQL; no parsing, checking or refresh);
- recomputing every current level of the organisation from 200,000 ratings;
- the skill-matrix page for 2,000 people × 40 skills, server time through the Django test
  client (target: under 1 s), with the baseline of computing the matrix alone (no HTML);
- deleting the organisation's ratings (about 200,000) in bulk (people.services.delete_ratings:
  one DELETE, one audit event), with the baseline measured in the same run: QuerySet.delete()
  of 2,000 of them (one object and audit signal per row, even in a bulk change), scaled.

On PostgreSQL on this machine, the database server's CPU seconds for the import are printed
too (read from /proc for the connection's backend): on a busy machine the wall seconds
stretch, the CPU seconds much less.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import resource
import statistics
import sys
import time

from _database import isolated
from _speed import row

DATABASE = isolated()

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from dxtalent.web.audit.signals import bulk_change  # noqa: E402
from dxtalent.web.organisations.models import Membership, Organisation, Role  # noqa: E402
from dxtalent.web.people.imports import RATING_COLUMNS, import_file  # noqa: E402
from dxtalent.web.people.matrix import skill_matrix  # noqa: E402
from dxtalent.web.people.models import Framework, Person, Rating, RoleTarget, Skill  # noqa: E402
from dxtalent.web.people.models import Role as SkillRole  # noqa: E402
from dxtalent.web.people.services import delete_ratings, refresh_current_levels  # noqa: E402

PEOPLE = 2_000
SKILLS = 40
ROWS = 100_000
DELETE_SAMPLE = 2_000


def setup() -> tuple[Organisation, Framework]:
    call_command("migrate", verbosity=0)
    city = Organisation.objects.get(code="011002")  # 札幌市, a designated city
    framework = Framework.objects.create(
        code="BENCH", version="1", name_ja="ベンチ", name_en="Bench"
    )
    skills = Skill.objects.bulk_create(
        Skill(
            framework=framework,
            code=f"B{i:02}",
            area_code="A",
            name_ja=f"技能{i}",
            name_en=f"Skill {i}",
            position=i,
        )
        for i in range(SKILLS)
    )
    role = SkillRole.objects.create(
        framework=framework, code="R", name_ja="役割", name_en="Role", scope="project"
    )
    RoleTarget.objects.bulk_create(RoleTarget(role=role, skill=s, level=3) for s in skills[:20])
    Person.objects.bulk_create(
        Person(organisation=city, external_id=f"P{i:05}", family_name=f"職員{i}")
        for i in range(PEOPLE)
    )
    return city, framework


def csv_rows(rng: random.Random) -> list[tuple[str, str, int, str, dt.date]]:
    """(number, skill, level, source, rated_on) for ROWS ratings."""
    rows = []
    for i in range(ROWS):
        day = dt.date(2020, 4, 1) + dt.timedelta(days=rng.randrange(2000))
        source = rng.choice(("self", "manager", "verified"))
        rows.append(
            (f"P{rng.randrange(PEOPLE):05}", f"B{i % SKILLS:02}", rng.randrange(5), source, day)
        )
    return rows


def peak_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def server_cpu() -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend, when the server runs
    on this machine; None on SQLite (the database works in this process) or a remote server."""
    if connection.vendor != "postgresql" or connection.settings_dict["HOST"] not in (
        "127.0.0.1",
        "localhost",
        "::1",
        "",
    ):
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def raw_insert(city: Organisation, framework: Framework, rows: list[tuple]) -> float:
    """Seconds to insert the same ratings as tuples, committed, the plainest way each database
    offers (no parsing, checks or refresh): one executemany on SQLite, one COPY with psycopg's
    own write_row on PostgreSQL (executemany there is a round trip a row: not a baseline)."""
    people = dict(Person.objects.filter(organisation=city).values_list("external_id", "pk"))
    skills = dict(Skill.objects.filter(framework=framework).values_list("code", "pk"))
    now = timezone.now()
    tuples = [
        (city.pk, people[number], skills[skill], level, source, day, "", None, now)
        for number, skill, level, source, day in rows
    ]
    table = connection.ops.quote_name(Rating._meta.db_table)
    names = ", ".join(RATING_COLUMNS)
    marks = ", ".join(["%s"] * len(RATING_COLUMNS))
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for values in tuples:
                    copy.write_row(values)
        else:
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608
                tuples,
            )
    return time.perf_counter() - start


def main() -> int:
    rng = random.Random(7)
    city, framework = setup()
    rows = csv_rows(rng)
    lines = ["number,framework,skill,level,source,rated_on,evidence"]
    lines += [f"{n},BENCH,{skill},{level},{source},{day}," for n, skill, level, source, day in rows]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    del lines

    before = peak_mb()
    server_before = server_cpu()
    start, cpu = time.perf_counter(), time.process_time()
    result = import_file(city, "assessments", data, "bench.csv")
    imported, imported_cpu = time.perf_counter() - start, time.process_time() - cpu
    server_after = server_cpu()
    peak = peak_mb()
    server = (
        f" + {server_after - server_before:.1f} s CPU in the database server"
        if server_before is not None and server_after is not None
        else ""
    )
    assert result.created == ROWS

    baseline = raw_insert(city, framework, rows)
    raw_kind = "COPY" if connection.vendor == "postgresql" else "executemany INSERT"
    start = time.perf_counter()
    cells = refresh_current_levels(city)
    refresh = time.perf_counter() - start

    print(
        f"[{DATABASE}] import {ROWS:,} assessment rows (CSV → checked → saved → current levels): "
        f"{imported:.2f} s ({imported_cpu:.2f} s CPU in this process{server}; target < 5 s)"
    )
    print(
        f"[{DATABASE}] peak memory of the process: {peak:.0f} MB after the import "
        f"({before:.0f} MB before it; target < 300 MB)"
    )
    print(
        f"[{DATABASE}] baseline, raw {raw_kind} of the same {ROWS:,} rows as tuples: {baseline:.2f} s"
    )
    print(f"[{DATABASE}] ratio import / raw insert: {imported / baseline:.1f}x")
    row(
        f"[{DATABASE}] import {ROWS:,} assessment rows from CSV, checked, current levels "
        "refreshed (target < 5 s, peak memory < 300 MB)",
        f"{imported:.1f} s ({imported_cpu:.1f} s CPU in the app's process{server}), "
        f"peak {peak:.0f} MB",
        f"{baseline:.1f} s for a raw {raw_kind} of the same rows ({imported / baseline:.1f}x)",
    )
    print(
        f"[{DATABASE}] recomputing all {cells:,} current levels from {2 * ROWS:,} ratings: {refresh:.2f} s"
    )

    user = get_user_model().objects.create_user("bench")  # force_login below: no password
    Membership.objects.create(user=user, organisation=city, role=Role.VIEWER)
    client = Client()
    client.force_login(user)
    url = f"/o/{city.code}/matrix/?framework={framework.pk}"
    client.get(url)  # warm up templates and connections
    page_times, core_times = [], []
    for _ in range(5):
        start = time.perf_counter()
        response = client.get(url)
        page_times.append(time.perf_counter() - start)
        assert response.status_code == 200
        start = time.perf_counter()
        view = skill_matrix(city, framework)
        core_times.append(time.perf_counter() - start)
    assert len(view.people) == PEOPLE and len(view.skills) == SKILLS
    page, core = statistics.median(page_times), statistics.median(core_times)
    print(
        f"[{DATABASE}] skill-matrix page, {PEOPLE:,} people × {SKILLS} skills ({2 * ROWS:,} ratings): {page * 1000:.0f} ms (target < 1,000 ms)"
    )
    print(
        f"[{DATABASE}] baseline, computing the matrix without rendering: {core * 1000:.0f} ms; ratio page / matrix: {page / core:.1f}x"
    )
    row(
        f"[{DATABASE}] skill-matrix page, {PEOPLE:,} people × {SKILLS} skills, "
        f"{2 * ROWS:,} ratings (target < 1 s)",
        f"{page:.2f} s",
        f"{core:.2f} s to compute the matrix without the page",
    )

    # Deleting ratings: the ORM's path (an object and an audit signal per row, counted into
    # one event by bulk_change) on a sample, then the bulk path on all the others.
    ratings = Rating.objects.filter(organisation=city)
    sample = list(ratings.order_by("id").values_list("id", flat=True)[:DELETE_SAMPLE])
    start = time.perf_counter()
    with transaction.atomic(), bulk_change("bench"):
        Rating.objects.filter(pk__in=sample).delete()
    orm_per_row = (time.perf_counter() - start) / len(sample)
    start = time.perf_counter()
    deleted = delete_ratings(ratings, "bench")
    bulk = time.perf_counter() - start
    assert not ratings.exists()
    orm = orm_per_row * deleted
    print(
        f"[{DATABASE}] delete {deleted:,} ratings in bulk (one DELETE, one audit event, current "
        f"levels recomputed): {bulk:.2f} s"
    )
    print(
        f"[{DATABASE}] baseline, QuerySet.delete() of {len(sample):,} of them: "
        f"{orm_per_row * 1e6:.0f} µs a row, {orm:.0f} s for {deleted:,} ({orm / bulk:.0f}x)"
    )
    row(
        f"[{DATABASE}] delete {deleted:,} ratings of an organisation, audited as one event",
        f"{bulk:.1f} s",
        f"QuerySet.delete() row by row: {orm_per_row * 1e6:.0f} µs a row (measured on "
        f"{len(sample):,}), {orm:.0f} s for all ({orm / bulk:.0f}x)",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
