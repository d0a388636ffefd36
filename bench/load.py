"""Benchmark: every officer page under load, on a national-scale database, through a real server.

On its own temporary database (bench/_database.py: SQLite, and PostgreSQL when DATABASE_URL is
set) it loads a national-scale fixture:
- migrate's national list (1,788 local governments) and the synthetic demo (`dxtalent demo`:
  the demo city, its prefecture and pool, a survey, interviews, a register of systems);
- the demo city grown to a large city: 2,000 × SCALE staff in 20 departments (300 × SCALE of
  them in the DX department), each with about 100 ratings over four years (200,000 × SCALE);
- a survey of the demo city sent to both departments of 1,741 × SCALE municipalities, answered.

It then starts the real server (gunicorn with WORKERS workers as in docs/deploy.md; waitress,
as `dxtalent serve`, where gunicorn is not installed), signs CLIENTS clients in (threads, each
with its own session, the standard library's urllib), and finds the officer pages of the demo
city and of its prefecture by following their links (one address per page; downloads left
out). Each page is first asked for as many times as there are workers (each keeps what it
computed per data version) and timed alone (median of 3). Then the clients request every page
in turn twice:
- saturated, for SECONDS seconds: without pauses, a closed loop that measures the server's
  capacity (pages a second). On one machine the clients share its cores with the server, so
  every request queues behind the others, the baselines' too: by Little's law the mean time
  is clients ÷ rate, whatever a page costs;
- paced (the goal's setting), for twice as long: 20 officers using the app at once, each
  pausing 0.5–1.5 × THINK seconds between pages (default 1 s: a person reading a page takes
  longer, so this is more than 20 officers ask of the server).
Printed per page: its time alone, the paced run's requests, p50/p95/p99 and errors, its size
and its p95 in the saturated run; overall for both runs. The baseline in the same runs is
`/health` (one query, no login) and a static file, requested in the same rotation under the
same load. Goal: p95 under 300 ms on every page with 20 officers at once, 0 errors.

    python bench/load.py --scale 0.25 --clients 4 --seconds 20     # a quick look
    python bench/load.py --clients 20 --seconds 60                  # the issue's setting
    python bench/load.py --think 0                                  # only the saturated run
    python bench/load.py --profile 3                                # then profile the 3 slowest

--profile N: after the load, the N slowest pages (p95) run once more inside this process under
cProfile (Django's test client on the same database); the functions with the most cumulative
time are printed.
"""

from __future__ import annotations

import argparse
import html
import http.cookiejar
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict, deque
from dataclasses import dataclass, field

from _database import isolated
from _speed import row


def options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="size of the fixture (1 = national)"
    )
    parser.add_argument("--clients", type=int, default=20, help="concurrent signed-in clients")
    parser.add_argument("--seconds", type=float, default=60, help="how long the clients request")
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="a user's mean pause between pages, seconds (uniform in 0.5–1.5 × it); 0: only the "
        "saturation run",
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (docs/deploy.md)")
    parser.add_argument("--profile", type=int, default=0, help="profile the N slowest pages")
    parser.add_argument("--seed", type=int, default=2025)
    found = parser.parse_args(argv)
    if (
        not 0 < found.scale <= 4
        or found.clients < 1
        or found.seconds <= 0
        or found.workers < 1
        or found.think < 0
    ):
        parser.error("--scale in (0, 4], --clients, --seconds and --workers above 0, --think ≥ 0")
    return found


OPTIONS = options()
DATABASE = isolated()

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.urls import Resolver404, resolve  # noqa: E402
from django.utils import timezone  # noqa: E402

from dxtalent.core.demo.generator import CITY_A, PREFECTURE  # noqa: E402
from dxtalent.core.demo.survey import generate_answers  # noqa: E402
from dxtalent.web.bulk import insert_rows  # noqa: E402
from dxtalent.web.demo.services import prepare_demo  # noqa: E402
from dxtalent.web.organisations.models import Membership, Organisation, Role  # noqa: E402
from dxtalent.web.people.imports import RATING_COLUMNS  # noqa: E402
from dxtalent.web.people.models import Department, Person, Post, Rating, Skill  # noqa: E402
from dxtalent.web.people.services import refresh_current_levels  # noqa: E402
from dxtalent.web.surveys.models import Answer, Invitation, Survey  # noqa: E402
from dxtalent.web.surveys.services import shipped_instrument  # noqa: E402

STAFF, DX_STAFF, DEPARTMENTS, RATINGS_EACH, MUNICIPALITIES = 2_000, 300, 20, 100, 1_741
USERNAME = "bench-load"
TARGET_MS = 300
# Links not to follow: downloads, signing out, the respondents' private forms, the admin.
SKIP = re.compile(r"\.(xlsx|pdf|docx|qdpx|csv|zip|json|yaml|txt)$|/logout/|^/s/|^/admin/|^/api/")
LINK = re.compile(r'(?:href|hx-get)="(/[^"#]*)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- The fixture -----------------------------------------------------------------------------


def grow_city(city: Organisation, staff: int, dx_staff: int, rng: random.Random) -> int:
    """`staff` more people in `city` in DEPARTMENTS departments, `dx_staff` of them in its DX
    department, each with a post and about RATINGS_EACH ratings of the shipped frameworks'
    skills over four fiscal years; current levels refreshed. Returns the number of ratings."""
    today = timezone.localdate()
    dx = Department.objects.get(organisation=city, is_dx=True)
    departments = [dx] + [
        Department.objects.create(organisation=city, code=f"B{d:02}", name=f"ベンチ部{d}（架空）")
        for d in range(1, DEPARTMENTS)
    ]
    people = Person.objects.bulk_create(
        Person(
            organisation=city,
            external_id=f"L{i:05}",
            family_name="職員",
            given_name=f"{i}（架空）",
            rotation_min_years=3,
            rotation_max_years=5,
        )
        for i in range(staff)
    )
    Post.objects.bulk_create(
        Post(
            organisation=city,
            person=person,
            department=dx if i < dx_staff else departments[1 + i % (DEPARTMENTS - 1)],
            title="主事",
            started_on=today.replace(year=today.year - rng.randint(0, 6), month=4, day=1),
        )
        for i, person in enumerate(people)
    )
    skills = list(
        Skill.objects.filter(framework__organisation__isnull=True).values_list("pk", flat=True)
    )
    now = timezone.now()
    rows = []
    for person in people:
        for skill in rng.sample(skills, min(len(skills), RATINGS_EACH // 4)):
            level = rng.randint(0, 3)
            for year in range(4):
                day = today.replace(year=today.year - 4 + year, month=6, day=1)
                source = ("self", "manager", "manager", "verified")[year]
                level = min(4, level + rng.choice((0, 0, 1)))
                rows.append((city.pk, person.pk, skill, level, source, day, "", None, now))
    assert len(RATING_COLUMNS) == len(rows[0])
    for start in range(0, len(rows), 50_000):
        insert_rows(Rating, RATING_COLUMNS, rows[start : start + 50_000])
    refresh_current_levels(city)
    return len(rows)


def national_survey(owner: Organisation, count: int, seed: int) -> int:
    """A survey of `owner` sent to both departments of `count` municipalities, answered (the
    demo's synthetic answers, the last one a draft). Returns the number of invitations."""
    instrument = shipped_instrument()
    survey = Survey.objects.create(
        organisation=owner,
        title="全国デジタル人材調査（ベンチ：回答は架空）",
        instrument=instrument,
    )
    invited = list(
        Organisation.objects.exclude(kind="prefecture")
        .filter(is_synthetic=False)
        .order_by("code")[:count]
    )
    demo = generate_answers(instrument, len(invited), seed)
    invitations = Invitation.objects.bulk_create(
        Invitation(
            organisation=owner,
            survey=survey,
            respondent=invited[answer.respondent],
            department=answer.department,
        )
        for answer in demo
    )
    now = timezone.now()
    Answer.objects.bulk_create(
        Answer(
            invitation=invitation,
            answers=answer.answers,
            submitted_at=now if answer.submitted else None,
        )
        for invitation, answer in zip(invitations, demo, strict=True)
    )
    return len(invitations)


def load_fixture(scale: float, seed: int) -> tuple[list[Organisation], str, str]:
    """The national-scale database; the organisations whose pages are loaded, and the bench
    user's name and password (an administrator of both)."""
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    prepare_demo(seed)
    city = Organisation.objects.get(code=CITY_A.code)
    prefecture = Organisation.objects.get(code=PREFECTURE.code)
    rng = random.Random(seed)
    with transaction.atomic():
        ratings = grow_city(city, round(STAFF * scale), round(DX_STAFF * scale), rng)
        invitations = national_survey(city, round(MUNICIPALITIES * scale), seed)
    if connection.vendor == "postgresql":
        # What autovacuum does within a minute of a load this size: without statistics the
        # planner takes 200,000 ratings for a handful and nests loops over them (the review
        # queue took 17 s instead of 0.1 s).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    password = secrets.token_urlsafe(16)
    user = get_user_model().objects.create_user(USERNAME, password=password)
    for organisation in (city, prefecture):
        Membership.objects.create(user=user, organisation=organisation, role=Role.ADMIN)
    people = Person.objects.filter(organisation=city).count()
    print(
        f"[{DATABASE}] fixture (scale {scale:g}): {Organisation.objects.count():,} organisations; "
        f"{city.name}: {people:,} people, {Rating.objects.filter(organisation=city).count():,} "
        f"ratings ({ratings:,} added), a survey with {invitations:,} invitations answered; "
        f"{time.perf_counter() - started:.0f} s to generate",
        flush=True,
    )
    return [city, prefecture], USERNAME, password


# --- The server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def have(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def start_server(port: int, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    """The app served on 127.0.0.1:port in production pages on this machine (local mode, as
    the demo): gunicorn as in docs/deploy.md, or waitress when gunicorn is not installed."""
    env = dict(os.environ)
    env.update(
        {
            "DXTALENT_DEBUG": "0",
            "DXTALENT_LOCAL": "1",
            "DXTALENT_SECRET_KEY": secrets.token_urlsafe(50),
            "DXTALENT_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DXTALENT_LOG_LEVEL": "WARNING",
        }
    )
    if have("gunicorn"):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "dxtalent.web.config.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ]
        label = f"gunicorn, {workers} workers"
    else:
        command = [
            sys.executable,
            "-c",
            "import django; django.setup(); from waitress import serve; "
            "from dxtalent.web.config.wsgi import application; "
            f"serve(application, host='127.0.0.1', port={port}, threads=8)",
        ]
        label = "waitress, 8 threads (gunicorn is not installed)"
    server = subprocess.Popen(command, env=env, start_new_session=True)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped at start ({label}): exit {server.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5):
                return server, label
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    stop_server(server)
    raise SystemExit("the server did not answer /health within 60 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# --- The clients -----------------------------------------------------------------------------


class NotSignedIn(Exception):
    pass


@dataclass
class Session:
    """One client: its own cookies (session and CSRF), as a browser has."""

    base: str
    cookies: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.opener.addheaders = [("Accept-Language", "ja")]

    def get(self, path: str) -> tuple[int, bytes, str]:
        """Status, body and the final path after redirects; an error status is returned, not
        raised."""
        try:
            with self.opener.open(self.base + path, timeout=120) as response:
                return response.status, response.read(), urllib.parse.urlsplit(response.url).path
        except urllib.error.HTTPError as error:
            return error.code, error.read(), path

    def sign_in(self, username: str, password: str) -> None:
        _status, body, _path = self.get("/accounts/login/")
        token = CSRF.search(body.decode())
        if token is None:
            raise NotSignedIn("no CSRF token on the login page")
        data = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
        ).encode()
        request = urllib.request.Request(  # noqa: S310
            self.base + "/accounts/login/",
            data=data,
            headers={"Referer": self.base + "/accounts/login/"},
        )
        with self.opener.open(request, timeout=120) as response:
            if urllib.parse.urlsplit(response.url).path.startswith("/accounts/login/"):
                raise NotSignedIn(f"{username} was not signed in")


def page_name(path: str, home: str) -> str | None:
    """The page's URL name; another organisation's than `home` (the prefecture's) names the
    organisation too."""
    try:
        match = resolve(urllib.parse.urlsplit(path).path)
    except Resolver404:
        return None
    code = match.kwargs.get("code", home)
    return match.url_name if code == home else f"{match.url_name} ({code})"


def officer_pages(session: Session, organisations: list[Organisation]) -> dict[str, str]:
    """One address per page (its URL name) reachable by links from each organisation's home
    page within its own pages; downloads and sign-out left out."""
    prefixes = tuple(
        p for o in organisations for p in (f"/o/{o.code}/", f"/organisations/{o.code}/")
    )
    queue = deque(f"/o/{o.code}/" for o in organisations)
    pages: dict[str, str] = {}
    while queue and len(pages) < 300:
        path = queue.popleft()
        name = page_name(path, organisations[0].code)
        if name is None or name in pages:
            continue
        status, body, final = session.get(path)
        if status != 200 or final != urllib.parse.urlsplit(path).path:
            continue  # a form's redirect, or a page this user may not see
        pages[name] = path
        for link in LINK.findall(body.decode("utf-8", "replace")):
            link = html.unescape(link)
            if link.startswith(prefixes) and not SKIP.search(urllib.parse.urlsplit(link).path):
                queue.append(link)
    return pages


@dataclass
class Sample:
    page: str
    seconds: float
    ok: bool
    size: int


def run_load(
    base: str,
    username: str,
    password: str,
    rotation: list[tuple[str, str]],
    clients: int,
    seconds: float,
    think: float,
) -> tuple[list[Sample], float]:
    """CLIENTS threads, each signed in, requesting the pages of `rotation` in turn (each from
    its own starting point) until SECONDS have passed, pausing a random 0.5–1.5 × `think`
    seconds after each answer (0: none, a closed loop that saturates the server); every
    answer with its time. A request that is not 200, or that lands on the login page, is an
    error."""
    sessions = [Session(base) for _ in range(clients)]
    for session in sessions:
        session.sign_in(username, password)
    samples: list[Sample] = []
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def client(index: int) -> None:
        session, found = sessions[index], []
        pause = random.Random(index)
        start.wait()
        turn = index * max(1, len(rotation) // clients)
        while time.monotonic() < deadline[0] and len(found) < 100_000:
            name, path = rotation[turn % len(rotation)]
            turn += 1
            began = time.perf_counter()
            try:
                status, body, final = session.get(path)
                ok = status == 200 and not final.startswith("/accounts/login/")
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                ok, body = False, b""
            found.append(Sample(name, time.perf_counter() - began, ok, len(body)))
            if think:
                time.sleep(think * pause.uniform(0.5, 1.5))
        with lock:
            samples.extend(found)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    deadline[0] = time.monotonic() + seconds
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    return samples, time.perf_counter() - began


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def alone(session: Session, path: str, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        session.get(path)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


# --- Profiling -------------------------------------------------------------------------------


def profile(pages: list[tuple[str, str]], user_pk: int) -> None:
    """Each page once more in this process under cProfile; the costliest functions."""
    import cProfile
    import io
    import pstats

    from django.db import reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_ACCEPT_LANGUAGE="ja", SERVER_NAME="localhost")
    client.force_login(get_user_model().objects.get(pk=user_pk))
    for name, path in pages:
        client.get(path)  # warm: templates, the process's caches
        reset_queries()
        profiler = cProfile.Profile()
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            profiler.enable()
            response = client.get(path)
            profiler.disable()
            took = time.perf_counter() - began
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        print(
            f"\n--- profile of {name} ({path}): {took * 1000:.0f} ms in this process, "
            f"{len(queries)} queries, {len(response.content) / 1024:.0f} KB, "
            f"status {response.status_code}"
        )
        print("\n".join(out.getvalue().splitlines()[:45]))


# --- Main ------------------------------------------------------------------------------------


@dataclass
class Run:
    """One run of the clients: each page's p50/p95/p99 (ms), errors and largest answer (KB),
    and the officer pages' overall figures."""

    took: float
    pages: dict[str, tuple[float, float, float, int, int, float]]
    overall: tuple[float, float, float]
    requests: int
    errors: int

    @classmethod
    def of(cls, samples: list[Sample], took: float, names: list[str]) -> Run:
        by_page: dict[str, list[Sample]] = defaultdict(list)
        for sample in samples:
            by_page[sample.page].append(sample)
        pages = {}
        for name in names:
            found = by_page.get(name, [])
            times = [s.seconds * 1000 for s in found] or [float("nan")]
            pages[name] = (
                percentile(times, 50),
                percentile(times, 95),
                percentile(times, 99),
                len(found),
                sum(1 for s in found if not s.ok),
                max((s.size for s in found), default=0) / 1024,
            )
        officer = [s for s in samples if not s.page.startswith("baseline")]
        times = [s.seconds * 1000 for s in officer] or [float("nan")]
        overall = (percentile(times, 50), percentile(times, 95), percentile(times, 99))
        errors = sum(1 for s in officer if not s.ok)
        return cls(took, pages, overall, len(officer), errors)

    @property
    def rate(self) -> float:
        return self.requests / self.took

    def line(self) -> str:
        p50, p95, p99 = self.overall
        return (
            f"{self.requests:,} page requests in {self.took:.0f} s ({self.rate:.1f} a second), "
            f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms, {self.errors} errors"
        )


def main() -> int:
    organisations, username, password = load_fixture(OPTIONS.scale, OPTIONS.seed)
    port = free_port()
    server, label = start_server(port, OPTIONS.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        crawler = Session(base)
        crawler.sign_in(username, password)
        pages = officer_pages(crawler, organisations)
        static = static_file()
        baselines = {"baseline: /health": "/health", "baseline: a static file": static}
        rotation = sorted(pages.items()) + list(baselines.items())
        # Each worker process keeps what it computed per data version: every page is asked
        # for as many times as there are workers before it is timed, so that "alone" is
        # mostly a warm server's time (which worker answers is the kernel's choice).
        for _round in range(OPTIONS.workers):
            for _name, path in rotation:
                crawler.get(path)
        single = {name: alone(crawler, path) for name, path in rotation}
        # The closed loop (no pause) measures the server's capacity: with the clients on the
        # same 2 cores, every request queues behind the others (Little's law: the mean time is
        # clients ÷ rate), the baselines included. The paced run is the goal's setting: 20
        # officers at once, each asking for a page about every `think` seconds.
        names = [name for name, _path in rotation]
        runs = {
            "saturated": Run.of(
                *run_load(base, username, password, rotation, OPTIONS.clients, OPTIONS.seconds, 0),
                names,
            )
        }
        if OPTIONS.think:
            runs["paced"] = Run.of(
                *run_load(
                    base,
                    username,
                    password,
                    rotation,
                    OPTIONS.clients,
                    # Twice as long: paced clients ask for fewer pages, and every page needs
                    # enough requests for its p95 (about 20 at the defaults).
                    2 * OPTIONS.seconds,
                    OPTIONS.think,
                ),
                names,
            )
    finally:
        stop_server(server)
    judged_as = "paced" if OPTIONS.think else "saturated"
    judged = runs[judged_as]
    saturated = runs["saturated"]
    setting = (
        f"{OPTIONS.clients} clients × {2 * OPTIONS.seconds:g} s, each pausing "
        f"{OPTIONS.think * 0.5:g}–{OPTIONS.think * 1.5:g} s between pages"
        if OPTIONS.think
        else f"{OPTIONS.clients} clients × {OPTIONS.seconds:g} s without pauses"
    )
    print(
        f"[{DATABASE}] {len(pages)} pages of {', '.join(o.name for o in organisations)} and 2 "
        f"baselines, {label}, {OPTIONS.clients} signed-in clients (load average "
        f"{os.getloadavg()[0]:.1f} at the end, {os.cpu_count()} cores); the table is the "
        f"{judged_as} run ({setting}); the last column is each page's p95 in the saturated run"
    )
    print(
        f"{'page':<34} {'alone ms':>8} {'requests':>8} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'errors':>6} {'KB':>6} {'sat. p95':>8}"
    )
    for name in names:
        p50, p95, p99, count, errors, size = judged.pages[name]
        print(
            f"{name:<34} {single[name] * 1000:>8.0f} {count:>8} {p50:>7.0f} {p95:>7.0f} "
            f"{p99:>7.0f} {errors:>6} {size:>6.0f} {saturated.pages[name][1]:>8.0f}"
        )
    for kind, run in runs.items():
        health = run.pages["baseline: /health"]
        print(
            f"[{DATABASE}] {kind}: {run.line()}; /health p50 {health[0]:.0f} ms, "
            f"p95 {health[1]:.0f} ms"
        )
    # A page no client reached in a short run has no p95 (nan): it is left out of the ranking.
    slow = sorted(
        ((judged.pages[name][1], name) for name in pages if judged.pages[name][3]), reverse=True
    ) or [(float("nan"), "none")]
    over = [name for p, name in slow if p >= TARGET_MS]
    print(
        f"[{DATABASE}] goal: p95 < {TARGET_MS} ms on every page, 0 errors ({judged_as} run); "
        f"pages with p95 ≥ {TARGET_MS} ms: {', '.join(over) or 'none'}; capacity (saturated "
        f"run) {saturated.rate:.0f} pages a second"
    )
    health = judged.pages["baseline: /health"]
    row(
        f"[{DATABASE}] every officer page under load ({len(pages)} pages), scale "
        f"{OPTIONS.scale:g}: {setting}, {label} (target p95 < {TARGET_MS} ms on every page, "
        "0 errors)",
        f"{judged.line()}; slowest p95 {slow[0][1]} {slow[0][0]:.0f} ms; pages over the "
        f"target: {len(over)}; without pauses {saturated.rate:.0f} pages a second, p95 "
        f"{saturated.overall[1]:.0f} ms",
        f"/health in the same run: p50 {health[0]:.0f} ms, p95 {health[1]:.0f} ms; without "
        f"pauses p95 {saturated.pages['baseline: /health'][1]:.0f} ms",
    )
    if OPTIONS.profile:
        user = get_user_model().objects.get(username=username)
        profile([(name, pages[name]) for _p, name in slow[: OPTIONS.profile]], user.pk)
    return 1 if judged.errors or saturated.errors else 0


def static_file() -> str:
    """The app's own stylesheet, as every page links it."""
    from django.contrib.staticfiles import finders

    for candidate in ("dxtalent/app.css", "dxtalent/site.css", "dxtalent/style.css"):
        if finders.find(candidate):
            return f"/static/{candidate}"
    raise SystemExit("no stylesheet of the app found for the static baseline")


if __name__ == "__main__":
    sys.exit(main())
