"""The prefecture's aggregates of its sharing municipalities and every organisation's comparison with
its peers by size and kind: figures kept per data version, small cells suppressed, totals shown
before kept against differencing (core.pool.aggregate, core.pool.peers)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dxtalent.core.pool.aggregate import DEFAULT_THRESHOLD, Contribution, Suppressed, aggregate
from dxtalent.core.pool.peers import Peer, compare_with_peers, view_key
from dxtalent.core.standardization.register import PHASE_CODES, phase
from dxtalent.web.organisations.access import AggregateScope
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.pool.models import (
    PoolRequest,
    PublishedView,
    Sharing,
)

# --- Aggregates ----------------------------------------------------------------------------


def organisation_figures(
    organisation: Organisation, today: dt.date | None = None
) -> tuple[int, dict[str, float]]:
    """(people in its DX team, figures) of one organisation, as aggregates count them: the
    capabilities below target this and next fiscal year, findings by rule and severity,
    departures to the end of next fiscal year, pool requests and, where the register of
    systems exists, its systems by migration phase. Kept per organisation, its data version
    and the day (web/versions.py): a diagnosis per municipality per view would be slow."""
    from dxtalent.web import versions

    day = today or timezone.localdate()
    return versions.kept(
        ("pool-figures", versions.data_version(organisation), day),
        partial(_figures, organisation, day),
    )


def _figures(organisation: Organisation, today: dt.date) -> tuple[int, dict[str, float]]:
    from dxtalent.web.diagnostics import services as diagnostics
    from dxtalent.web.standardization.models import System

    report = diagnostics.diagnose(organisation, years=2, runs=50, today=today)
    phases = tuple(
        System.objects.filter(organisation=organisation)
        .order_by("phase")
        .values_list("phase")
        .annotate(n=Count("pk"))
    )
    data = diagnostics.report_json(report, "ja")
    years = data["fiscal_years"][:2]
    figures: dict[str, float] = {}
    for i, year_key in enumerate(("below_target_this_year", "below_target_next_year")):
        figures[year_key] = float(
            sum(
                1
                for row in data["forecast"]
                if len(row["years"]) > i and not row["years"][i]["met"]
            )
        )
    for finding in data["findings"]:
        key = f"finding:{finding['rule']}:{finding['severity']}"
        figures[key] = figures.get(key, 0.0) + 1
    horizon = str(years[-1] + 1) + "-04-01" if years else ""
    figures["departures"] = float(
        sum(1 for t in data["timeline"] if t["leaves"] and t["leaves"] < horizon)
    )
    figures["requests"] = float(PoolRequest.objects.filter(organisation=organisation).count())
    if phases:
        figures["register"] = 1.0
        for phase_code in PHASE_CODES:
            figures[f"phase:{phase_code}"] = float(dict(phases).get(phase_code, 0))
    return len(report.members), figures


PUBLISHED_WINDOW = dt.timedelta(days=365)


def published_views(view: str) -> list[dict[str, int]]:
    """Who the overall figures of `view` were built from each time they were shown in the
    last year (PUBLISHED_WINDOW): a reader may still hold them."""
    from django.utils import timezone

    since = timezone.now() - PUBLISHED_WINDOW
    return [
        {str(k): int(v) for k, v in members.items()}
        for members in PublishedView.objects.filter(view=view, shown_at__gte=since).values_list(
            "members", flat=True
        )
    ]


def record_view(view: str, members: dict[str, int], published: list[dict[str, int]]) -> None:
    """Keep that `view`'s overall figures were shown, built from `members`, unless the same
    set was already kept."""
    if not any(members == earlier for earlier in published):
        PublishedView.objects.create(view=view, members=members)


def suppressed_aggregate(view: str, contributions: list[Contribution], threshold: int) -> Any:
    """core.pool.aggregate over `contributions` with the views of `view` shown before, and
    this one kept when its overall figures are shown."""
    published = published_views(view)
    result = aggregate(contributions, threshold, published)
    if result.total is not None:
        record_view(view, {c.municipality: c.people for c in contributions}, published)
    return result


def aggregates(scope: AggregateScope, threshold: int = DEFAULT_THRESHOLD) -> dict[str, Any]:
    """What the prefecture reads of its sharing municipalities: per municipality and overall,
    the figures of organisation_figures; every figure built from fewer than `threshold` people
    or municipalities suppressed, and the overall figures also when they differ from those
    shown before by too few municipalities or people (dxtalent.core.pool.aggregate). No
    person's name, rating or note leaves the municipality. The versions of all municipalities
    are read in two queries (web/versions.py)."""
    from dxtalent.web import versions

    today = timezone.localdate()
    data_versions = versions.data_versions(scope.municipalities)
    contributions = []
    for municipality in scope.municipalities:
        people, figures = versions.kept(
            ("pool-figures", data_versions[municipality.pk], today),
            partial(_figures, municipality, today),
        )
        contributions.append(Contribution(municipality.code, people, figures))
    names = {m.code: m.name for m in scope.municipalities}
    result = suppressed_aggregate(f"prefecture:{scope.prefecture.code}", contributions, threshold)
    keys = ordered_figures({k for c in contributions for k in c.figures})
    return {
        "threshold": result.threshold,
        "municipalities": result.municipalities,
        "figures": keys,
        "rows": [
            {
                "municipality": row.municipality,
                "municipality_name": names[row.municipality],
                "figures": dict(row.figures) if row.figures is not None else None,
                "values": [row.figures[k] if row.figures is not None else None for k in keys],
                "suppressed": row.suppressed.value if row.suppressed else None,
            }
            for row in result.rows
        ],
        "total": dict(result.total) if result.total is not None else None,
        "total_values": [result.total[k] if result.total is not None else None for k in keys],
        "total_suppressed": result.total_suppressed.value if result.total_suppressed else None,
        "total_suppressed_text": suppressed_text(result.total_suppressed),
    }


def suppressed_text(reason: Suppressed | None) -> str:
    """Why an overall figure is not shown, in the reader's language ("" when shown)."""
    if reason is None:
        return ""
    return {
        Suppressed.FEW_MUNICIPALITIES: _(
            "The total is suppressed: fewer municipalities or people than the threshold."
        ),
        Suppressed.DIFFERENCING: _(
            "The total is suppressed: it would give a suppressed municipality away by difference."
        ),
        Suppressed.VIEWS_DIFFER: _(
            "The total is suppressed: it differs from a total shown in the last year by fewer "
            "municipalities or people than the threshold, so the difference would give them away."
        ),
        Suppressed.FEW_PEOPLE: _("Suppressed: fewer people than the threshold."),
    }[reason]


SEVERITY_ORDER = ("critical", "warning", "info")
TEAM_FIGURES = ("people", "below_target_this_year", "below_target_next_year", "departures")


def figure_order(key: str) -> tuple[int, int, int]:
    """Where a figure's column stands, as a reader goes through them: the team (its people,
    the capabilities below target this fiscal year and next, the departures coming), the
    diagnosis's findings in the order of its rules and worst first, the pool requests, then
    the register and its systems in the order of the migration's phases."""
    from dxtalent.core.diagnostics.rules import NAMES as RULE_NAMES

    if key in TEAM_FIGURES:
        return (0, TEAM_FIGURES.index(key), 0)
    if key.startswith("finding:"):
        _prefix, rule, severity = key.split(":", 2)
        rules = list(RULE_NAMES)
        return (
            1,
            rules.index(rule) if rule in rules else len(rules),
            SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER),
        )
    if key == "requests":
        return (2, 0, 0)
    if key == "register":
        return (3, 0, 0)
    if key.startswith("phase:"):
        code = key.removeprefix("phase:")
        return (3, 1 + (PHASE_CODES.index(code) if code in PHASE_CODES else len(PHASE_CODES)), 0)
    return (4, 0, 0)


def ordered_figures(keys: set[str]) -> list[str]:
    """The figures' keys in figure_order (a key it does not know last, by its name)."""
    return sorted(keys, key=lambda key: (figure_order(key), key))


def figure_labels(keys: list[str]) -> dict[str, str]:
    """Each aggregate figure's heading in the reader's language."""
    from dxtalent.core.diagnostics.rules import NAMES as RULE_NAMES

    language = "en" if (get_language() or "ja").startswith("en") else "ja"
    severities = {"critical": _("Critical"), "warning": _("Warning"), "info": _("Information")}
    fixed = {
        "below_target_this_year": _("Capabilities below target, this fiscal year"),
        "below_target_next_year": _("Capabilities below target, next fiscal year"),
        "departures": _("Departures coming (to the end of next fiscal year)"),
        "requests": _("Pool requests"),
        "register": _("Municipalities with a register of systems"),
        "people": _("DX staff"),
    }
    labels = {}
    for key in keys:
        if key.startswith("phase:"):
            name = phase(key.removeprefix("phase:")).name.get(language)
            labels[key] = _("Systems in phase: {phase}").format(phase=name)
        elif key.startswith("finding:"):
            _prefix, rule, severity = key.split(":", 2)
            name = RULE_NAMES[rule].get(language) if rule in RULE_NAMES else rule
            labels[key] = _("Findings: {rule} ({severity})").format(
                rule=name, severity=severities.get(severity, severity)
            )
        else:
            labels[key] = str(fixed.get(key, key))
    return labels


# --- Peers by size and kind ----------------------------------------------------------------


def peer_sharing_of(organisation: Organisation) -> bool:
    """Whether the organisation counts in its peers' comparisons (off by default)."""
    found = Sharing.objects.filter(organisation=organisation).first()
    return bool(found and found.with_peers)


def set_peer_sharing(organisation: Organisation, on: bool) -> Sharing:
    """Count the organisation in its peers' comparisons or not (written to the audit trail)."""
    sharing, _created = Sharing.objects.get_or_create(organisation=organisation)
    if sharing.with_peers != on:
        sharing.with_peers = on
        sharing.save()
    return sharing


def _peer(organisation: Organisation) -> Peer:
    people, figures = organisation_figures(organisation)
    return Peer(organisation.code, organisation.kind_enum, organisation.population, people, figures)


def peers(organisation: Organisation, threshold: int = DEFAULT_THRESHOLD) -> dict[str, Any]:
    """The organisation's figures beside the totals and means of the governments of its kind
    and population band that chose to count in peers' comparisons (core.pool.peers), with
    small groups and groups differing too little from one shown before suppressed; and the
    published figures of its band (MIC's average information staff, the national list of
    特定移行支援システム)."""
    from dxtalent.core.organisations.population import POPULATION_ATTRIBUTION
    from dxtalent.web.organisations.models import KIND_LABELS
    from dxtalent.web.standardization.services import peer_comparison

    band = organisation.population_band
    candidates = []
    if band is not None:
        # Synthetic (demo) organisations are compared among themselves only.
        for other in Organisation.objects.filter(
            kind=organisation.kind,
            pool_sharing__with_peers=True,
            is_synthetic=organisation.is_synthetic,
        ).exclude(pk=organisation.pk):
            other_band = other.population_band
            if other_band is not None and other_band.code == band.code:
                candidates.append(_peer(other))
    view = view_key(organisation.kind_enum, band)
    published = published_views(view)
    result = compare_with_peers(_peer(organisation), candidates, threshold, published)
    if result.total is not None:
        record_view(view, dict(result.members), published)
    keys = ordered_figures(set(result.own) | set(result.total or {}))
    language = get_language() or "ja"
    return {
        "threshold": threshold,
        "kind": organisation.kind,
        "kind_name": str(KIND_LABELS.get(organisation.kind_enum, organisation.kind)),
        "band": band.code if band else None,
        "band_name": _(band.name) if band else "",
        "peers": result.peers,
        "figures": keys,
        "own": dict(result.own),
        "total": dict(result.total) if result.total is not None else None,
        "mean": dict(result.mean) if result.mean is not None else None,
        "suppressed": result.suppressed.value if result.suppressed else None,
        "suppressed_text": suppressed_text(result.suppressed),
        "sharing": peer_sharing_of(organisation),
        "published": {
            "information_staff": band.information_staff if band else None,
            "information_staff_source": _(band.source) if band else "",
            "standardization": peer_comparison(organisation, language),
        },
        "population_source": _(POPULATION_ATTRIBUTION),
    }
