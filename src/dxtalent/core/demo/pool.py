"""The demo prefecture's talent pool: professionals, its municipalities' requests, which of
them share aggregates, and the small synthetic teams those aggregates are built from.

Everything is invented; the names carry （架空） through their organisations. Small towns ask
more often and for the central figure (司令塔), as the paper's small municipalities do."""

from __future__ import annotations

import random
from dataclasses import dataclass

from dxtalent.core.demo.generator import CITY_A, CITY_B, FAMILY_NAMES, GIVEN_NAMES, TOWNS

# Calendar months April–March, as the pool's requests give them.
FISCAL_MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)


@dataclass(frozen=True)
class DemoProfessional:
    """levels: capability code → 0–4; reaches: municipality codes, None for remote work."""

    name: str
    levels: dict[str, int]
    days_per_month: float
    reaches: tuple[str, ...] | None
    term_months: int
    employment_form: str
    cost_per_day: int
    payer: str


@dataclass(frozen=True)
class DemoRequest:
    municipality: str
    capability: str
    level: int
    days_per_month: float
    months: tuple[int, ...]
    priority: int
    reason: str
    next_year: bool = False  # for the coming fiscal year (the one plans start with)


@dataclass(frozen=True)
class DemoPool:
    professionals: tuple[DemoProfessional, ...]
    requests: tuple[DemoRequest, ...]
    sharing: tuple[str, ...]  # municipality codes that share aggregates with the prefecture
    staff: dict[str, int]  # municipality code → synthetic DX staff to create (not city A)


MUNICIPALITIES = (CITY_A, CITY_B, *TOWNS)
NORTH = tuple(m.code for m in MUNICIPALITIES[::2])
SOUTH = tuple(m.code for m in MUNICIPALITIES[1::2])
CAPABILITIES = (
    "CO-CAP-CENTRAL",
    "CO-CAP-SPEC",
    "CO-CAP-NEGO",
    "MIC-R-PM",
    "MIC-R-SD",
    "MIC-R-ENGINEER",
    "MIC-R-PRODUCER",
)
REASONS = (
    "基幹業務システムの標準化・ガバメントクラウド移行",
    "書かない窓口の導入",
    "庁内DX推進体制の立ち上げ",
    "調達仕様書の作成支援",
    "住民向けオンライン申請の拡充",
)


def demo_pool(seed: int = 2025) -> DemoPool:
    """The pool for a seed: eight professionals (three remote), about two requests per
    municipality (small ones ask more often) and city A's two for the coming fiscal year, ten
    of the twelve municipalities sharing."""
    rng = random.Random(seed)  # noqa: S311  (reproducible demo data, not secrets)
    forms = ("fixed_term", "secondee", "side_job", "contractor")
    professionals = []
    for i in range(8):
        strong = CAPABILITIES[i % len(CAPABILITIES)]
        second = CAPABILITIES[(i + 3) % len(CAPABILITIES)]
        reaches = None if i % 3 == 0 else (NORTH if i % 2 else SOUTH)
        professionals.append(
            DemoProfessional(
                name=f"{rng.choice(FAMILY_NAMES)} {rng.choice(GIVEN_NAMES)}",
                levels={strong: rng.choice((3, 4)), second: rng.choice((2, 3))},
                days_per_month=float(rng.choice((2, 4, 6, 8))),
                reaches=reaches,
                term_months=12 if i % 4 else 6,
                employment_form=forms[i % len(forms)],
                cost_per_day=rng.choice((30_000, 40_000, 50_000)),
                payer=("prefecture", "shared", "municipality")[i % 3],
            )
        )
    requests = []
    for municipality in MUNICIPALITIES:
        small = (municipality.population or 100_000) < 50_000
        for _ in range(rng.choice((2, 3)) if small else 1):
            start = rng.randrange(0, 9)
            requests.append(
                DemoRequest(
                    municipality=municipality.code,
                    capability=rng.choice(CAPABILITIES[:3] if small else CAPABILITIES[3:]),
                    level=rng.choice((2, 3)),
                    days_per_month=float(rng.choice((1, 2, 3, 4))),
                    months=FISCAL_MONTHS[start : start + rng.choice((3, 6, 12))],
                    priority=rng.choice((1, 2, 2, 3)),
                    reason=rng.choice(REASONS),
                )
            )
    # One request nobody in the pool can serve, so the demo shows an unmet reason.
    requests.append(
        DemoRequest(
            TOWNS[-1].code, "CO-CAP-TEAM", 3, 2.0, FISCAL_MONTHS[:6], 1, "DX推進チームの体制づくり"
        )
    )
    # City A asks for the coming fiscal year, as the prefecture allocates it while budgets
    # are drawn up: its plan then counts the days it is given.
    requests.extend(
        (
            DemoRequest(
                CITY_A.code, "CO-CAP-SPEC", 2, 8.0, FISCAL_MONTHS, 1, "調達仕様書の作成支援", True
            ),
            DemoRequest(
                CITY_A.code, "CO-CAP-NEGO", 2, 4.0, FISCAL_MONTHS, 2, "事業者との契約更新交渉", True
            ),
        )
    )
    sharing = tuple(m.code for m in MUNICIPALITIES if m.code not in {TOWNS[1].code, TOWNS[4].code})
    staff = {
        TOWNS[0].code: 6,
        TOWNS[2].code: 4,
        TOWNS[3].code: 3,
        TOWNS[5].code: 1,  # a town whose single DX staff member the aggregates must hide
    }
    return DemoPool(tuple(professionals), tuple(requests), sharing, staff)
