"""Benchmark: importing assessments and rendering the skill matrix at a designated city's scale.

Figures printed:
- importing 100,000 assessment rows from CSV (target: under 30 s), with a baseline measured in
  the same run: inserting the same ratings with bulk_create alone (no parsing or checking);
- the skill-matrix page for 2,000 people × 40 skills, server time through the Django test
  client (target: under 1 s), with the baseline of computing the matrix alone (no HTML).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time

os.environ.setdefault("DXTALENT_DEBUG", "1")
os.environ.setdefault("DXTALENT_DATA_DIR", tempfile.mkdtemp(prefix="dxtalent-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxtalent.web.config.settings")
os.environ.setdefault("DXTALENT_LOG_LEVEL", "WARNING")
os.environ.setdefault("DXTALENT_ALLOWED_HOSTS", "testserver,localhost")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from dxtalent.web.organisations.models import Membership, Organisation, Role  # noqa: E402
from dxtalent.web.people.imports import import_file  # noqa: E402
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


def csv_rows(rng: random.Random) -> str:
    lines = ["number,framework,skill,level,source,rated_on,evidence"]
    for i in range(ROWS):
        day = dt.date(2020, 4, 1) + dt.timedelta(days=rng.randrange(2000))
        source = rng.choice(("self", "manager", "verified"))
        lines.append(
            f"P{rng.randrange(PEOPLE):05},BENCH,B{i % SKILLS:02},{rng.randrange(5)},{source},{day},"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    rng = random.Random(7)
    city, framework = setup()
    data = csv_rows(rng).encode("utf-8")

    start = time.perf_counter()
    result = import_file(city, "assessments", data, "bench.csv")
    imported = time.perf_counter() - start
    assert result.created == ROWS

    people = dict(Person.objects.filter(organisation=city).values_list("external_id", "pk"))
    skills = dict(Skill.objects.filter(framework=framework).values_list("code", "pk"))
    ratings = [
        Rating(organisation=city, person_id=people[f"P{rng.randrange(PEOPLE):05}"], skill_id=skills[f"B{i % SKILLS:02}"],
               level=rng.randrange(5), source="manager", rated_on=dt.date(2024, 4, 1))
        for i in range(ROWS)
    ]  # fmt: skip
    start = time.perf_counter()
    Rating.objects.bulk_create(ratings, batch_size=2000)
    baseline = time.perf_counter() - start
    start = time.perf_counter()
    cells = refresh_current_levels(city)
    refresh = time.perf_counter() - start

    print(
        f"import {ROWS:,} assessment rows (CSV → checked → saved): {imported:.2f} s (target < 30 s)"
    )
    print(f"baseline, bulk_create of the same number of ratings alone: {baseline:.2f} s")
    print(f"ratio import / bare insert: {imported / baseline:.1f}x")
    print(f"recomputing all {cells:,} current levels from {2 * ROWS:,} ratings: {refresh:.2f} s")

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
        f"skill-matrix page, {PEOPLE:,} people × {SKILLS} skills ({2 * ROWS:,} ratings): {page * 1000:.0f} ms (target < 1,000 ms)"
    )
    print(
        f"baseline, computing the matrix without rendering: {core * 1000:.0f} ms; ratio page / matrix: {page / core:.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
