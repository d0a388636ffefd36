"""Benchmark: the national standardization page with all 1,788 local governments.

Prints the server time of the page (Django test client, a signed-in user, the shipped list of
935 governments summed over all 1,788), the time of the summary alone, and a baseline measured
in the same run: the same summary from the parsed files in memory (no database). The target is
under 300 ms server time for the page.
"""

from __future__ import annotations

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
from django.test import Client  # noqa: E402

from dxtalent.core.organisations.codes import OrganisationKind  # noqa: E402
from dxtalent.core.organisations.population import shipped_population  # noqa: E402
from dxtalent.core.standardization.national import shipped_migration_support  # noqa: E402
from dxtalent.core.standardization.summary import Government, summarise  # noqa: E402
from dxtalent.web.organisations.models import Organisation  # noqa: E402
from dxtalent.web.standardization.services import national_summary  # noqa: E402

REPEAT = 20


def timed(function, repeat: int = REPEAT) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    call_command("migrate", verbosity=0)
    governments = Organisation.objects.local_governments().count()
    user = get_user_model().objects.create_user("bench", "bench@example.jp", "x" * 20)
    client = Client()
    client.force_login(user)

    def page() -> None:
        response = client.get("/standardization/", HTTP_ACCEPT_LANGUAGE="ja")
        assert response.status_code == 200

    kinds = {
        o.code: OrganisationKind(o.kind)
        for o in Organisation.objects.local_governments().only("code", "kind")
    }
    edition = shipped_migration_support()
    in_memory = [
        Government(p.code, kinds[p.code], p.population) for p in shipped_population().values()
    ]

    page_time = timed(page)
    summary_time = timed(national_summary)
    baseline = timed(lambda: summarise(in_memory, edition))
    print(f"local governments in the database: {governments}; on the list: {len(edition.listings)}")
    print(f"national page, server time (median): {page_time * 1000:.1f} ms (target < 300 ms)")
    print(f"summary from the database (median):  {summary_time * 1000:.1f} ms")
    print(f"baseline, summary from memory:       {baseline * 1000:.2f} ms")
    print(f"ratio page / in-memory summary: {page_time / baseline:.0f}x")
    row(
        f"[{DATABASE}] national standardization page with all {governments:,} governments and "
        f"the {len(edition.listings)} listed (target < 300 ms)",
        f"{page_time * 1000:.0f} ms server time",
        f"{baseline * 1000:.0f} ms for the same summary from the files in memory",
    )
    return 0 if page_time < 0.3 else 1


if __name__ == "__main__":
    sys.exit(main())
