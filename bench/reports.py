"""Benchmark: the plan report of a designated city (issue 17: under 3 s).

Figures printed: the three strategies of bench/planning.py's designated-city scenario (300
staff, 66 levers, 10 fiscal years, 40 capabilities; solving not counted) made into the council
and internal reports, as PDF (Typst) and .docx (python-docx, its chart drawn by Typst): the
time to build the document and to render each, median of REPEAT. Baseline in the same run:
the document built alone (the sentences of describe_plan, the budget table).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time

from _speed import row
from dxtalent.core.planning import plan_staffing
from dxtalent.core.reports import Audience, plan_document, render_docx, render_pdf
from planning import scenario

REPEAT = 3


def _median(work) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    s = scenario(0)
    plans = {
        name: plan_staffing(s, strategy=name, time_limit=60)
        for name in ("acquire", "develop", "mix")
    }
    day = dt.date(2026, 12, 6)
    worst = 0.0
    figures = []
    for audience in Audience:

        def build(audience: Audience = audience):  # type: ignore[no-untyped-def]
            return plan_document(
                s,
                plans,
                organisation="指定都市（ベンチマーク）",
                audience=audience,
                language="ja",
                generated=day,
                data_as_of=day,
            )

        built, document = _median(build)
        pdf, content = _median(lambda document=document: render_pdf(document))
        docx, _ = _median(lambda document=document: render_docx(document))
        worst = max(worst, built + max(pdf, docx))
        print(
            f"plan report ({audience.value}), {len(document.blocks)} blocks: document {built:.2f} s, "
            f"PDF {pdf:.2f} s ({len(content) // 1024} KiB), .docx {docx:.2f} s "
            f"(median of {REPEAT})"
        )
        figures.append(f"{audience.value}: PDF {pdf:.2f} s, .docx {docx:.2f} s")
    print(f"slowest report: {worst:.2f} s (target < 3 s)")
    row(
        "plan report of the designated-city plans above, the three strategies (target < 3 s)",
        "; ".join(figures),
        f"the document alone, without rendering: {built:.2f} s",
    )
    return 0 if worst < 3 else 1


if __name__ == "__main__":
    sys.exit(main())
