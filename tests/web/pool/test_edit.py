"""Editing the pool's records: a municipality's request and a prefecture's professional, with
the version read (optimistic concurrency) and the audit trail."""

from __future__ import annotations

import pytest

from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.pool.models import PoolRequest, Professional

pytestmark = pytest.mark.django_db


def _request_data(**changes):
    data = {
        "fiscal_year": 2026,
        "capability": "MIC-R-PM",
        "level": 2,
        "days_per_month": "2",
        "months": [4, 5],
        "priority": 2,
        "reason": "",
    }
    data.update(changes)
    return data


def test_an_editor_changes_a_request_and_a_stale_form_is_refused_naming_both_values(
    client, alice, city_a
):
    record = PoolRequest.objects.create(
        organisation=city_a,
        fiscal_year=2026,
        capability="MIC-R-PM",
        level=2,
        days_per_month=2,
        months=[4, 5],
    )
    client.force_login(alice)
    url = f"/o/{city_a.code}/pool/requests/{record.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, _request_data(level=3, version=1))
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.level, record.version) == (3, 2)
    event = AuditEvent.objects.filter(model="pool.PoolRequest", action="update").latest("at")
    assert event.changes["level"] == [2, 3]
    # A second writer who read version 1 is refused; nothing of theirs is saved.
    stale = client.post(url, _request_data(level=4, version=1))
    assert stale.status_code == 400
    page = stale.content.decode()
    assert ("while you were editing" in page) or ("編集中" in page)
    record.refresh_from_db()
    assert record.level == 3


def test_an_editor_changes_a_professionals_share_and_a_bad_value_is_named(client, pete, hiroshima):
    professional = Professional.objects.create(
        organisation=hiroshima,
        name="山田 花子",
        levels={"MIC-R-PM": 3},
        days_per_month=4,
        remote=True,
        employment_form="secondee",
        cost_per_day=40_000,
        payer="shared",
    )
    client.force_login(pete)
    url = f"/o/{hiroshima.code}/pool/professionals/{professional.pk}/"
    base = {
        "name": "山田 花子",
        "days_per_month": "4",
        "remote": "on",
        "term_months": 12,
        "employment_form": "secondee",
        "cost_per_day": 40_000,
        "payer": "shared",
        "level_MIC-R-PM": 3,
        "version": 1,
    }
    refused = client.post(url, {**base, "municipality_share": 150})
    assert refused.status_code == 400
    assert "150" in refused.content.decode() or "100" in refused.content.decode()
    assert client.post(url, {**base, "municipality_share": 25}).status_code == 302
    professional.refresh_from_db()
    assert (professional.municipality_share, professional.version) == (25, 2)
    assert AuditEvent.objects.filter(model="pool.Professional", action="update").exists()


def test_a_municipality_cannot_edit_another_municipalitys_request(client, alice, city_b):
    record = PoolRequest.objects.create(
        organisation=city_b,
        fiscal_year=2026,
        capability="MIC-R-PM",
        level=2,
        days_per_month=2,
        months=[4],
    )
    client.force_login(alice)
    assert client.get(f"/o/{city_b.code}/pool/requests/{record.pk}/").status_code == 404
