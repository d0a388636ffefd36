"""Benchmark: importing assessments and rendering the skill matrix at a designated city's scale.

Figures printed:
- importing 100,000 assessment rows from CSV (read, checked, inserted, current levels
  refreshed; target: under 5 s, peak memory of the process under 300 MB), with the baseline
  measured in the same run: a raw executemany INSERT of the same rows as tuples (no parsing,
  checking or refresh);
- recomputing every current level of the organisation from 200,000 ratings;
- the skill-matrix page for 2,000 people × 40 skills, server time through the Django test
  client (target: under 1 s), with the baseline of computing the matrix alone (no HTML).
"""

from __future__ import annotations

import datetime as dt
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

from dxtalent.web.organisations.models import Membership, Organisation, Role  # noqa: E402
from dxtalent.web.people.imports import RATING_COLUMNS, import_file  # noqa: E402
from dxtalent.web.people.models import Framework, Person, Rating, RoleTarget, Skill  # noqa: E402
from dxtalent.web.people.models import Role as SkillRole  # noqa: E402
from dxtalent.web.people.services import refresh_current_levels, skill_matrix  # noqa: E402

PEOPLE = 2_000
SKILLS = 40
ROWS = 100_000


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


def raw_insert(city: Organisation, framework: Framework, rows: list[tuple]) -> float:
    """Seconds to insert the same ratings as tuples with one executemany (no checks)."""
    people = dict(Person.objects.filter(organisation=city).values_list("external_id", "pk"))
    skills = dict(Skill.objects.filter(framework=framework).values_list("code", "pk"))
    now = timezone.now()
    tuples = [
        (city.pk, people[number], skills[skill], level, source, day, "", None, now)
        for number, skill, level, source, day in rows
    ]
    table = connection.ops.quote_name(Rating._meta.db_table)
    marks = ", ".join(["%s"] * len(RATING_COLUMNS))
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(RATING_COLUMNS)}) VALUES ({marks})",  # noqa: S608
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
    start, cpu = time.perf_counter(), time.process_time()
    result = import_file(city, "assessments", data, "bench.csv")
    imported, imported_cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = peak_mb()
    assert result.created == ROWS

    baseline = raw_insert(city, framework, rows)
    start = time.perf_counter()
    cells = refresh_current_levels(city)
    refresh = time.perf_counter() - start

    print(
        f"[{DATABASE}] import {ROWS:,} assessment rows (CSV → checked → saved → current levels): "
        f"{imported:.2f} s ({imported_cpu:.2f} s CPU in this process; target < 5 s)"
    )
    print(
        f"[{DATABASE}] peak memory of the process: {peak:.0f} MB after the import "
        f"({before:.0f} MB before it; target < 300 MB)"
    )
    print(
        f"[{DATABASE}] baseline, raw executemany INSERT of the same {ROWS:,} rows as tuples: {baseline:.2f} s"
    )
    print(f"[{DATABASE}] ratio import / raw insert: {imported / baseline:.1f}x")
    row(
        f"[{DATABASE}] import {ROWS:,} assessment rows from CSV, checked, current levels "
        "refreshed (target < 5 s, peak memory < 300 MB)",
        f"{imported:.1f} s ({imported_cpu:.1f} s CPU in the app's process), peak {peak:.0f} MB",
        f"{baseline:.1f} s for a raw executemany of the same rows ({imported / baseline:.1f}x)",
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
