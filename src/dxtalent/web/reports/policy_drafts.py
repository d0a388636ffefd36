"""The talent policy's digital chapter edited in the app: generate it from the current data and
a plan run, save the officer's prose per section, regenerate keeping that prose, compare any
two versions and export one. Each generation and each save is a new PolicyDraftVersion with
its author and time; the draft's `version` is the newest number, checked on every write
(optimistic concurrency: a writer who read an older version is refused, nothing is saved)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from dxtalent.core.records import check_version
from dxtalent.core.reports.document import Heading, Paragraph, Table
from dxtalent.core.reports.policy_draft import (
    DraftMeta,
    Section,
    SectionDiff,
    diff_sections,
    draft_document,
    draft_sections,
    edit,
    regenerate,
    sections_from_json,
    sections_to_json,
    split_source,
)
from dxtalent.web.concurrency import claim
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.planning.models import PlanRun
from dxtalent.web.reports import services
from dxtalent.web.reports.models import PolicyDraft, PolicyDraftVersion

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser


def draft_of(organisation: Organisation) -> PolicyDraft | None:
    """The organisation's draft, or None before it was first generated."""
    return PolicyDraft.objects.filter(organisation=organisation).first()


def loaded(version: PolicyDraftVersion) -> tuple[DraftMeta, tuple[Section, ...]]:
    """A stored version as core's sections."""
    return sections_from_json(version.content)


def _author(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def generate(
    organisation: Organisation,
    user: Any,
    run: PlanRun | None,
    read: int | None,
    language: str = "ja",
) -> PolicyDraftVersion:
    """Draft the chapter from the current diagnosis and `run`'s plan (None: the newest run
    with a result, else the current data solved now) as the draft's next version, the
    officer's prose of each section kept. The first generation creates the draft in
    `language`; later ones keep the draft's language (its prose is written in it). read: the
    draft's version the writer saw (None: not said); StaleRecordError if it moved since."""
    if run is None:
        run = services.latest_run(organisation)
    draft = draft_of(organisation)
    chosen = draft.language if draft is not None else services._language(language)
    document = services.policy_report(organisation, run, chosen)
    meta, sections = draft_sections(document)
    with transaction.atomic():
        if draft is None:
            draft = PolicyDraft.objects.create(organisation=organisation, language=chosen)
            number = draft.version
        else:
            _, old = loaded(draft.current())
            sections = regenerate(old, sections)
            number = claim(draft, read)
            draft.version = number
            draft.save(update_fields=["updated_at"])
        return PolicyDraftVersion.objects.create(
            organisation=organisation,
            draft=draft,
            number=number,
            kind=PolicyDraftVersion.Kind.GENERATED,
            created_by=_author(user),
            plan_run=run,
            content=sections_to_json(meta, sections),
        )


def save_prose(
    draft: PolicyDraft, user: Any, read: int | None, prose: Mapping[str, str]
) -> PolicyDraftVersion:
    """Save the officer's prose (section key → text) as the draft's next version; the
    current version itself when nothing changed. Core's rules on the prose
    (UnknownPolicySectionError, ProseTooLongError) and StaleRecordError (someone saved or
    regenerated since `read`) refuse the save, writing nothing."""
    with transaction.atomic():
        current = draft.current()
        meta, sections = loaded(current)
        edited = edit(sections, prose)
        stored = PolicyDraft.objects.filter(pk=draft.pk).values_list("version", flat=True).get()
        if read is not None:
            check_version(f"{draft._meta.verbose_name} {draft}", read, stored)
        if edited == sections:
            return current
        number = claim(draft, read)
        draft.version = number
        draft.save(update_fields=["updated_at"])
        return PolicyDraftVersion.objects.create(
            organisation=draft.organisation,
            draft=draft,
            number=number,
            kind=PolicyDraftVersion.Kind.EDITED,
            created_by=_author(user),
            plan_run=current.plan_run,
            content=sections_to_json(meta, edited),
        )


def shown(section: Section) -> list[dict[str, Any]]:
    """A section's generated blocks as the page shows them: statements (text, source, note)
    and tables (caption, header, rows)."""
    items: list[dict[str, Any]] = []
    for block in section.generated:
        if isinstance(block, Paragraph):
            statement = split_source(block)
            items.append(
                {
                    "kind": "statement",
                    "text": statement.text,
                    "source": statement.source,
                    "note": statement.note,
                }
            )
        elif isinstance(block, Heading):
            items.append({"kind": "statement", "text": block.text, "source": "", "note": False})
        elif isinstance(block, Table):
            items.append(
                {
                    "kind": "table",
                    "caption": block.caption,
                    "header": block.header,
                    "rows": block.rows,
                }
            )
    return items


def version_of(draft: PolicyDraft, number: int) -> PolicyDraftVersion | None:
    return draft.versions.filter(number=number).select_related("created_by").first()


def diff(old: PolicyDraftVersion, new: PolicyDraftVersion) -> tuple[SectionDiff, ...]:
    """What changed per section from `old` to `new`: prose and generated figures."""
    return diff_sections(loaded(old)[1], loaded(new)[1])


@dataclass(frozen=True)
class FigureChanges:
    """The newest regeneration that changed figures: the version it made, the one before it,
    and per section key what changed in the generated part."""

    before: PolicyDraftVersion
    after: PolicyDraftVersion
    sections: dict[str, SectionDiff]


def figure_changes(draft: PolicyDraft) -> FigureChanges | None:
    """What the draft's newest regeneration changed in the figures, section by section (only
    sections whose generated part changed); None when it has not been regenerated since it
    was first drafted, or the regeneration changed no figure."""
    regenerated = (
        draft.versions.filter(kind=PolicyDraftVersion.Kind.GENERATED, number__gt=1)
        .order_by("-number")
        .first()
    )
    if regenerated is None:
        return None
    before = version_of(draft, regenerated.number - 1)
    if before is None:
        return None
    changed = {d.key: d for d in diff(before, regenerated) if d.figures_changed}
    return FigureChanges(before, regenerated, changed) if changed else None


def document_of(version: PolicyDraftVersion, today: dt.date | None = None) -> Any:
    """A version as a Document for the renderers (names no person)."""
    meta, sections = loaded(version)
    return draft_document(
        meta,
        sections,
        organisation=version.organisation.name,
        generated=today or timezone.localdate(),
        number=version.number,
    )


def filename(version: PolicyDraftVersion, fmt: str) -> str:
    """ "talent-policy-DEMO-CITY-A-v3.docx"."""
    return f"talent-policy-{version.organisation.code}-v{version.number}.{fmt}"


def export(version: PolicyDraftVersion, fmt: str) -> services.Rendered:
    """A version as PDF or .docx (UnknownReportFormatError for any other format)."""
    return services.render(document_of(version), fmt)
