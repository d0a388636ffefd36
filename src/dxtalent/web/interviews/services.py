"""Interview projects stored in the database, to and from core.interviews."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from dxtalent.core.interviews import Agreement, agreement
from dxtalent.core.interviews.agreement import CodeAlpha
from dxtalent.core.interviews.codebook import Code as CoreCode
from dxtalent.core.interviews.codebook import Codebook
from dxtalent.core.interviews.positions import PassagePositionError, check_passage
from dxtalent.core.interviews.project import (
    Case as CoreCase,
)
from dxtalent.core.interviews.project import (
    Coding as CoreCoding,
)
from dxtalent.core.interviews.project import Memo as CoreMemo
from dxtalent.core.interviews.project import (
    Project,
    Selection,
    TextSource,
    User,
    Variable,
    project_from_qdpx,
)
from dxtalent.core.records import StaleRecordError
from dxtalent.core.text import NulCharacterError, refuse_nul
from dxtalent.web.audit.signals import record_bulk
from dxtalent.web.concurrency import save_versioned, stale_message
from dxtalent.web.interviews.models import (
    Case,
    Code,
    Coder,
    Coding,
    InterviewProject,
    Memo,
    Source,
)
from dxtalent.web.organisations.models import Organisation


def store_codes(project: InterviewProject, items: tuple[CoreCode, ...]) -> dict[str, Code]:
    """Store a codebook's codes in `project`, parents first, in order; lower-case GUID →
    stored code."""
    stored: dict[str, Code] = {}
    position = 0

    def store(level: tuple[CoreCode, ...], parent: Code | None) -> None:
        nonlocal position
        for item in level:
            position += 1
            code = Code.objects.create(
                organisation=project.organisation,
                project=project,
                guid=item.guid,
                name=item.name,
                parent=parent,
                description=item.description,
                color=item.color or "",
                codable=item.codable,
                position=position,
            )
            stored[item.guid.lower()] = code
            store(item.children, code)

    store(items, None)
    return stored


def import_project(
    organisation: Organisation, data: bytes, filename: str
) -> tuple[InterviewProject, list[str]]:
    """A project from a .qdpx (or bare project.qde), stored; (project, notes on what was
    skipped). Raises CodebookError for a file that is not a project (nothing written)."""
    imported = project_from_qdpx(data, filename)
    core = imported.project
    notes = list(imported.notes)
    with transaction.atomic():
        project = InterviewProject.objects.create(
            organisation=organisation, name=core.name or filename, origin=core.origin
        )
        codes = store_codes(project, core.codebook.codes)
        coders = {
            u.guid.lower(): Coder.objects.create(
                organisation=organisation, project=project, guid=u.guid, name=u.name or u.guid
            )
            for u in core.users
        }
        sources = {
            s.guid.lower(): Source.objects.create(
                organisation=organisation, project=project, guid=s.guid, name=s.name, text=s.text
            )
            for s in core.sources
        }
        names = {v.guid.lower(): v.name for v in core.variables}
        for item in core.cases:
            case = Case.objects.create(
                organisation=organisation,
                project=project,
                guid=item.guid,
                name=item.name,
                attributes={names.get(ref.lower(), ref): value for ref, value in item.values},
            )
            case.sources.set([sources[g.lower()] for g in item.sources if g.lower() in sources])
            if item.description:
                Memo.objects.create(
                    organisation=organisation,
                    project=project,
                    guid=str(uuid.uuid4()),
                    target=Memo.Target.CASE,
                    target_guid=item.guid,
                    text=item.description,
                )
        _store_memos(project, core.memos, codes, sources, {c.guid.lower(): c for c in core.users})
        codings = []
        for selection in core.selections:
            source = sources.get(selection.source.lower())
            if source is None:
                continue
            try:
                check_passage(selection.start, selection.end, len(source.text))
            except PassagePositionError as error:
                # e.g. a selection in a source whose text the file did not carry
                notes.append(f'selection in "{source.name}" left out: {error}')
                continue
            for coding in selection.codings:
                code = codes.get(coding.code.lower())
                if code is None:
                    notes.append(f"coding {coding.guid}: code {coding.code} is not in the codebook")
                    continue
                coder = coders.get((coding.user or selection.user or "").lower())
                codings.append(
                    Coding(
                        organisation=organisation,
                        project=project,
                        source=source,
                        start=selection.start,
                        end=selection.end,
                        code=code,
                        coder=coder,
                        guid=coding.guid,
                        selection_guid=selection.guid,
                        memo=selection.description,
                        created=coding.created or "",
                    )
                )
        Coding.objects.bulk_create(codings)
        # bulk_create writes the codings without the per-row signal: one event for them.
        record_bulk(
            organisation,
            Coding,
            "create",
            f"project {project.pk}",
            f"{project}: {filename} ({len(codings)} codings)",
            {"file": [None, filename], "codings": [None, len(codings)]},
        )
    return project, notes


def _store_memos(
    project: InterviewProject,
    memos: Any,
    codes: dict[str, Code],
    sources: dict[str, Source],
    users: dict[str, Any],
) -> None:
    """The imported notes as memos on their code, transcript or the project."""
    for memo in memos:
        target = memo.target.lower()
        kind = (
            Memo.Target.CODE
            if target in codes
            else Memo.Target.SOURCE
            if target in sources
            else Memo.Target.PROJECT
        )
        author = users.get((memo.author or "").lower())
        Memo.objects.create(
            organisation=project.organisation,
            project=project,
            guid=memo.guid,
            target=kind,
            target_guid=memo.target if kind != Memo.Target.PROJECT else "",
            name=memo.name[:200],
            text=memo.text,
            author_name=(author.name if author else memo.author or "")[:200],
        )


def add_memo(
    project: InterviewProject, user: Any, target: str, target_guid: str, name: str, text: str
) -> Memo:
    """A new memo by `user` on `target` ("project", "code", "source" or "case" with the
    item's GUID)."""
    return Memo.objects.create(
        organisation=project.organisation,
        project=project,
        guid=str(uuid.uuid4()),
        target=target,
        target_guid=target_guid if target != Memo.Target.PROJECT else "",
        name=name,
        text=text,
        author=user,
        author_name=user.get_full_name() or user.get_username(),
    )


def memos_by_target(project: InterviewProject) -> list[tuple[str, list[Memo]]]:
    """The project's memos grouped under what they are about, by name ("プロジェクト全体",
    a code's, transcript's or case's name), the project first."""
    from django.utils.translation import gettext

    names = (
        {(Memo.Target.CODE, c.guid): c.name for c in project.codes.all()}
        | {(Memo.Target.SOURCE, s.guid): s.name for s in project.sources.all()}
        | {(Memo.Target.CASE, c.guid): c.name for c in project.cases.all()}
    )
    grouped: dict[str, list[Memo]] = {}
    for memo in project.memos.select_related("author"):
        if memo.target == Memo.Target.PROJECT:
            label = gettext("The project as a whole")
        else:
            label = f"{memo.get_target_display()}: " + names.get(
                (Memo.Target(memo.target), memo.target_guid), memo.target_guid
            )
        grouped.setdefault(label, []).append(memo)
    whole = gettext("The project as a whole")
    return sorted(grouped.items(), key=lambda item: (item[0] != whole, item[0]))


def to_core(project: InterviewProject) -> Project:
    """The stored project as a core Project (for the .qdpx export)."""
    children: dict[int | None, list[Code]] = {}
    for code in project.codes.all():
        children.setdefault(code.parent_id, []).append(code)

    def tree(parent: int | None) -> tuple[CoreCode, ...]:
        return tuple(
            CoreCode(c.guid, c.name, c.codable, c.description, c.color or None, tree(c.pk))
            for c in children.get(parent, [])
        )

    selections: dict[str, list[Coding]] = {}
    for coding in project.codings.select_related("code", "coder", "source"):
        selections.setdefault(coding.selection_guid, []).append(coding)
    variables = sorted({key for case in project.cases.all() for key in case.attributes})
    variable_guid = {
        name: str(uuid.uuid5(uuid.NAMESPACE_URL, f"{project.pk}/{name}")) for name in variables
    }
    case_memos: dict[str, list[str]] = {}
    for memo in project.memos.filter(target=Memo.Target.CASE):
        case_memos.setdefault(memo.target_guid, []).append(memo.text)
    return Project(
        name=project.name,
        codebook=Codebook(tree(None), origin="dxtalent"),
        users=tuple(User(c.guid, c.name) for c in project.coders.all()),
        sources=tuple(TextSource(s.guid, s.name, s.text) for s in project.sources.all()),
        selections=tuple(
            Selection(
                guid,
                items[0].source.guid,
                items[0].start,
                items[0].end,
                tuple(
                    CoreCoding(
                        i.guid, i.code.guid, i.coder.guid if i.coder else None, i.created or None
                    )
                    for i in items
                ),
                description=items[0].memo,
            )
            for guid, items in selections.items()
        ),
        variables=tuple(Variable(variable_guid[name], name) for name in variables),
        cases=tuple(
            CoreCase(
                c.guid,
                c.name,
                tuple((variable_guid[k], str(v)) for k, v in sorted(c.attributes.items())),
                tuple(s.guid for s in c.sources.all()),
                "\n\n".join(case_memos.get(c.guid, [])),
            )
            for c in project.cases.all()
        ),
        origin="dxtalent",
        memos=tuple(
            CoreMemo(m.guid, m.text, m.target_guid, m.name)
            for m in project.memos.exclude(target=Memo.Target.CASE)
        ),
    )


def code_case_matrix(
    project: InterviewProject,
) -> tuple[list[Code], list[Case], dict[tuple[int, int], int]]:
    """Codings per code and case (a coding counts for every case its source belongs to)."""
    codes = list(project.codes.all())
    cases = list(project.cases.prefetch_related("sources"))
    case_of: dict[int, list[int]] = {}
    for case in cases:
        for source in case.sources.all():
            case_of.setdefault(source.pk, []).append(case.pk)
    counts: dict[tuple[int, int], int] = {}
    for code_id, source_id in project.codings.values_list("code_id", "source_id"):
        for case_id in case_of.get(source_id, []):
            counts[code_id, case_id] = counts.get((code_id, case_id), 0) + 1
    return codes, cases, counts


def retrieve(
    project: InterviewProject, code: Code, attribute: str = "", value: str = ""
) -> list[Coding]:
    """Every segment coded with `code`, optionally only in sources of cases whose attribute
    equals value."""
    found = project.codings.filter(code=code).select_related("source", "coder")
    if attribute:
        found = found.filter(
            source__cases__in=[
                c for c in project.cases.all() if str(c.attributes.get(attribute)) == value
            ]
        ).distinct()
    return list(found)


def coder_agreement(
    project: InterviewProject, first: Coder, second: Coder
) -> list[tuple[str, Agreement]]:
    """Per code and overall, on characters (core.interviews.agreement)."""
    from dxtalent.core.interviews import Segment

    lengths = {str(s.pk): len(s.text) for s in project.sources.all()}
    segments = [
        Segment(str(c.source_id), c.start, c.end, str(c.code_id), str(c.coder_id))
        for c in project.codings.all()
        if c.coder_id in (first.pk, second.pk)
    ]
    names = {str(c.pk): c.name for c in project.codes.all()}
    return [
        (names.get(r.code, "") if r.code else "", r)
        for r in agreement(segments, lengths, str(first.pk), str(second.pk))
    ]


def coders_agreement(
    project: InterviewProject, coders: list[Coder], *, unit: str = "character"
) -> list[CodeAlpha]:
    """Krippendorff's alpha (nominal) of any number of coders, per code (by name) and over
    all codes, on characters or on paragraphs (core.interviews.agreement.alpha_by_code)."""
    from dxtalent.core.interviews import Segment
    from dxtalent.core.interviews.agreement import alpha_by_code, paragraph_spans

    sources = list(project.sources.all())
    lengths = {str(s.pk): len(s.text) for s in sources}
    spans = {str(s.pk): paragraph_spans(s.text) for s in sources} if unit == "paragraph" else None
    segments = [
        Segment(str(c.source_id), c.start, c.end, str(c.code_id), str(c.coder_id))
        for c in project.codings.filter(coder__in=coders)
    ]
    names = {str(c.pk): c.name for c in project.codes.all()}
    rows = alpha_by_code(segments, lengths, [str(c.pk) for c in coders], spans=spans)
    named = [CodeAlpha(None if r.code is None else names[r.code], r.result, r.fleiss) for r in rows]
    return sorted(named, key=lambda r: (r.code is None, r.code or ""))


def new_project(organisation: Organisation, name: str) -> InterviewProject:
    """An empty project with the shipped codebook (Japanese names, the examples in the
    descriptions)."""
    from dxtalent.core.interviews.codebook import shipped_codebook

    with transaction.atomic():
        project = InterviewProject.objects.create(
            organisation=organisation, name=name, origin="dxtalent"
        )
        store_codes(project, shipped_codebook("ja").codes)
    return project


class TranscriptError(ValueError):
    """A transcript file that cannot be read; the message names the file."""


def transcript_text(data: bytes, filename: str) -> str:
    """The text of a transcript: UTF-8 (with or without BOM) or Shift_JIS text, or a Word
    .docx (its paragraphs, one per line). Line endings become "\n"; nothing else changes.
    A .docx over the archive limits (a zip bomb, dxtalent.core.tabular.archives) is refused before
    python-docx reads it."""
    name = filename.lower()
    if name.endswith(".docx"):
        import io

        import docx

        from dxtalent.core.tabular.archives import ArchiveRefused, check_archive

        try:
            check_archive(data, filename)
        except ArchiveRefused as error:
            raise TranscriptError(str(error)) from None
        except Exception as error:  # not a zip at all: reported as below
            raise TranscriptError(f"{filename}: not a readable Word file ({error})") from None
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as error:  # python-docx raises several kinds for a broken file
            raise TranscriptError(f"{filename}: not a readable Word file ({error})") from None
        return _without_nul(
            "\n".join(paragraph.text for paragraph in document.paragraphs), filename
        )
    if not name.endswith((".txt", ".text", ".md")):
        raise TranscriptError(f"{filename}: a transcript is a .txt or .docx file")
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
        return _without_nul(text, filename)
    raise TranscriptError(f"{filename}: neither UTF-8 nor Shift_JIS text")


def _without_nul(text: str, filename: str) -> str:
    try:
        return refuse_nul(text, filename)
    except NulCharacterError as error:
        raise TranscriptError(str(error)) from None


def add_transcripts(project: InterviewProject, files: list[tuple[str, bytes]]) -> list[Source]:
    """Store every file as a source, each its own case; TranscriptError for the first
    unreadable one (then nothing is stored)."""
    texts = [(name, transcript_text(data, name)) for name, data in files]
    with transaction.atomic():
        sources = []
        for name, text in texts:
            source = Source.objects.create(
                organisation=project.organisation,
                project=project,
                guid=str(uuid.uuid4()),
                name=name,
                text=text,
            )
            # Each transcript is its own case (e.g. one city) until the researcher says more.
            case = Case.objects.create(
                organisation=project.organisation,
                project=project,
                guid=str(uuid.uuid4()),
                name=name.rsplit(".", 1)[0],
            )
            case.sources.set([source])
            sources.append(source)
        return sources


def set_attributes(case: Case, text: str, read: int | None = None) -> list[str]:
    """Replace a case's attributes with lines "name = value"; errors name each bad line
    (then nothing changes). read: the case's version the editor saw; someone else's save
    since then is an error showing both (dxtalent.web.concurrency), and nothing changes."""
    attributes: dict[str, str] = {}
    errors = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, value = line.partition("=")
        if not sep or not name.strip():
            errors.append(f'line {number}: "{line.strip()}"; "name = value", e.g. "規模 = 中核市"')
            continue
        attributes[name.strip()] = value.strip()
    if not errors:
        case.attributes = attributes
        try:
            save_versioned(case, read)
        except StaleRecordError:
            current = Case.objects.get(pk=case.pk)
            label = gettext("Attributes")
            errors.append(
                stale_message(
                    str(current),
                    [(label, _attributes_text(attributes), _attributes_text(current.attributes))],
                    in_form=False,
                )
            )
    return errors


def _attributes_text(attributes: dict[str, Any]) -> str:
    return ", ".join(f"{name} = {value}" for name, value in attributes.items())


def coder_for(project: InterviewProject, user: Any) -> Coder:
    """The coder that stands for `user` in `project`, made on first use."""
    name = user.get_username()
    coder = project.coders.filter(name=name).first()
    if coder is None:
        coder = Coder.objects.create(
            organisation=project.organisation, project=project, guid=str(uuid.uuid4()), name=name
        )
    return coder


def pieces(source: Source) -> list[tuple[str, list[str]]]:
    """The source's text cut at every coding's start and end: (text, names of the codes that
    cover it), in order, so that the page can mark what is coded."""
    codings = list(source.codings.select_related("code"))
    cuts = sorted({0, len(source.text), *(c.start for c in codings), *(c.end for c in codings)})
    found = []
    for start, end in itertools.pairwise(cuts):
        names = sorted({c.code.name for c in codings if c.start <= start and end <= c.end})
        found.append((source.text[start:end], names))
    return found


def _paragraph(text: str, position: int) -> int:
    """The number of the paragraph (lines separated by newlines) holding `position`."""
    return text.count("\n", 0, position)


def co_occurrence(
    project: InterviewProject, paragraph: bool = False
) -> tuple[list[Code], dict[tuple[int, int], int]]:
    """For each pair of codes, how many times a coding of one overlaps a coding of the other
    in the same source (any coder), or with `paragraph`, starts in the same paragraph (a line
    of the transcript); the codes that occur in some pair."""
    texts = dict(project.sources.values_list("pk", "text")) if paragraph else {}
    by_source: dict[int, list[tuple[int, int, int]]] = {}
    for source_id, start, end, code_id in project.codings.values_list(
        "source_id", "start", "end", "code_id"
    ):
        by_source.setdefault(source_id, []).append((start, end, code_id))
    pairs: dict[tuple[int, int], int] = {}
    for source_id, spans in by_source.items():
        for i, (start, end, one) in enumerate(spans):
            for other_start, other_end, two in spans[i + 1 :]:
                if paragraph:
                    text = texts[source_id]
                    together = _paragraph(text, start) == _paragraph(text, other_start)
                else:
                    together = start < other_end and other_start < end
                if one != two and together:
                    key = (min(one, two), max(one, two))
                    pairs[key] = pairs.get(key, 0) + 1
    used = {code for pair in pairs for code in pair}
    codes = [code for code in project.codes.all() if code.pk in used]
    return codes, pairs
