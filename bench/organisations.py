"""Benchmark: loading the 1,788 local governments and searching them.

Prints the time to load the national list into an empty database, the mean time of a directory
search (name, kana, code) through the ORM, and a baseline measured in the same run: the same
searches as a plain Python scan over the parsed list in memory.
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

from django.core.management import call_command  # noqa: E402

from dxtalent.core.organisations.codes import to_katakana  # noqa: E402
from dxtalent.web.organisations.models import Organisation  # noqa: E402
from dxtalent.web.organisations.services import (  # noqa: E402
    read_local_governments,
    sync_local_governments,
)

QUERIES = ["東広島", "ひがしひろしま", "ｺｳﾍﾞ", "34212", "村", "さくら"]
REPEAT = 30


def timed(function, repeat: int = REPEAT) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    call_command("migrate", verbosity=0)
    Organisation.objects.exclude(kind="prefecture").delete()
    Organisation.objects.all().delete()
    start = time.perf_counter()
    result = sync_local_governments()
    load = time.perf_counter() - start
    governments = read_local_governments()

    def orm_search() -> None:
        for query in QUERIES:
            list(Organisation.objects.search(query).values_list("code", flat=True)[:50])

    def python_scan() -> None:
        for query in QUERIES:
            kana = to_katakana(query)
            [
                g.code
                for g in governments
                if query in g.name or kana in g.kana or g.code.startswith(query)
            ][:50]

    orm = timed(orm_search) / len(QUERIES)
    scan = timed(python_scan) / len(QUERIES)
    print(f"load {result.total} local governments into an empty database: {load * 1000:.0f} ms")
    print(f"directory search through the ORM (median per query): {orm * 1000:.2f} ms")
    print(f"baseline, plain Python scan of the list in memory:   {scan * 1000:.2f} ms")
    print(f"ratio ORM / in-memory scan: {orm / scan:.1f}x")
    row(
        f"[{DATABASE}] load the {result.total:,} local governments into an empty database",
        f"{load:.1f} s",
    )
    row(
        f"[{DATABASE}] directory search (name, kana, code)",
        f"{orm * 1000:.1f} ms a query",
        f"{scan * 1000:.2f} ms for a scan of the list in memory",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
