"""People services: ratings, current levels, role fit and training evidence (the skill matrix:
matrix.py; programmes, their templates and enrolling: training.py).

The one place that loads people and ratings from the database, calls core.assessments and
saves the results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

from dxtalent.core.assessments import (
    DEFAULT_POLICY,
    CurrentLevelPolicy,
    RatingSource,
    RoleFit,
    rank_for_role,
    role_fit,
)
from dxtalent.core.people import (
    LevelOutOfScaleError,
    PersonFields,
    check_rating_level,
    person_errors,
)
from dxtalent.web import versions
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.models import (
    CurrentLevel,
    Department,
    Enrolment,
    Framework,
    Person,
    PersonNote,
    Post,
    Rating,
    Role,
    Skill,
)


class AssessmentError(ValueError):
    """A rating that cannot be recorded (skill of another framework, level outside 0–4...)."""


def person_fields(person: Person) -> PersonFields:
    """The fields of a person that core.people's record rules read."""
    return PersonFields(
        kind=person.kind,
        employment_type=person.employment_type,
        contract_end=person.contract_end,
        rotation_min_years=person.rotation_min_years,
        rotation_max_years=person.rotation_max_years,
    )


def check_person(person: Person) -> None:
    """Raise Django's ValidationError with every record rule `person` breaks, by field, in
    the reader's language (the API answers it as 400 with the field in "loc")."""
    from django.core.exceptions import ValidationError

    found: dict[str, list[str]] = {}
    for error in person_errors(person_fields(person)):
        found.setdefault(error.field, []).append(error.reason.render())
    if found:
        raise ValidationError(found)


def frameworks_for(organisation: Organisation) -> QuerySet[Framework]:
    """The shipped frameworks and the organisation's own copies; never another's copies."""
    from django.db.models import Q

    return Framework.objects.filter(Q(organisation__isnull=True) | Q(organisation=organisation))


def _ranked_ratings(ratings: QuerySet[Rating], policy: CurrentLevelPolicy) -> QuerySet[Rating]:
    """Ratings reduced to the one that counts per person and skill under the policy: a window
    function ranks each person's ratings of a skill by the policy's source order, then date,
    then entry (core.assessments.current_levels_from_rows is the reference; tests compare)."""
    ratings = ratings.filter(source__in=[source.value for source in policy.order])
    if policy.max_age_days is not None:
        today = policy.reference_day or timezone.localdate()
        ratings = ratings.filter(rated_on__gte=today - dt.timedelta(days=policy.max_age_days))
    source_rank = Case(
        *[
            When(source=source.value, then=Value(index))
            for index, source in enumerate(policy.order)
        ],
        output_field=IntegerField(),
    )
    return ratings.annotate(
        position=Window(
            RowNumber(),
            partition_by=[F("person_id"), F("skill_id")],
            order_by=[source_rank.asc(), F("rated_on").desc(), F("id").desc()],
        )
    ).filter(position=1)


# People per set-based refresh: well under SQLite's oldest limit of 999 parameters per query;
# PostgreSQL takes 65,535, and each statement reads all the organisation's ratings once, so
# fewer, larger chunks there (an import rating 2,000 people into 200,000 ratings: 12 % less
# CPU in the server to refresh).
_REFRESH_CHUNK = {"sqlite": 900, "postgresql": 10_000}


def refresh_current_levels(organisation: Organisation, people: Iterable[int] | None = None) -> int:
    """Recompute the stored current levels (default policy) of some people, or of everyone in
    the organisation; called after ratings are added. Returns the number of cells stored.

    Set-based: for each chunk of people one DELETE of their stored levels and one
    INSERT … SELECT of the ratings the policy ranks first (_ranked_ratings); no rows pass
    through Python."""
    ids = sorted(set(people)) if people is not None else None
    size = _REFRESH_CHUNK.get(connection.vendor, 900)
    chunks: list[list[int] | None] = (
        [None] if ids is None else [ids[i : i + size] for i in range(0, len(ids), size)]
    )
    stored = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for chunk in chunks:
            ratings = Rating.objects.filter(organisation=organisation)
            old = CurrentLevel.objects.filter(organisation=organisation)
            if chunk is not None:
                ratings = ratings.filter(person_id__in=chunk)
                old = old.filter(person_id__in=chunk)
            # Derived rows with no audit trail: a plain DELETE (QuerySet.delete() would load
            # every row to send the audit module's post_delete signal).
            old._raw_delete(old.db)
            ranked = (
                _ranked_ratings(ratings, DEFAULT_POLICY)
                .order_by()
                .values_list("organisation_id", "person_id", "skill_id", "level", "id")
            )
            select, params = ranked.query.sql_with_params()
            table = connection.ops.quote_name(CurrentLevel._meta.db_table)
            cursor.execute(
                f"INSERT INTO {table} (organisation_id, person_id, skill_id, level, rating_id) "
                f"{select}",
                params,
            )
            stored += cursor.rowcount
    return stored


def delete_ratings(ratings: QuerySet[Rating], what: str) -> int:
    """Delete many ratings at once (a reset, a person or an organisation with 300,000 of
    them): their current-level cells and then the ratings, each with one DELETE statement,
    and one audit event per organisation with the number of ratings and `what` was done
    (counted toward the bulk change in progress, if any). The current levels of the people
    concerned are then recomputed from the ratings they keep. Returns how many were deleted.

    QuerySet.delete() loads every rating and sends a signal for each (the audit trail's),
    then deletes them a hundred at a time: 300,000 ratings did not finish in 12 minutes."""
    from dxtalent.web.audit.signals import record_deleted

    ratings = ratings.order_by()
    with transaction.atomic():
        counts: dict[int, int] = {}
        people: dict[int, set[int]] = {}
        for organisation_id, person_id, count in ratings.values_list(
            "organisation_id", "person_id"
        ).annotate(count=Count("id")):
            counts[organisation_id] = counts.get(organisation_id, 0) + count
            people.setdefault(organisation_id, set()).add(person_id)
        if not counts:
            return 0
        # Derived rows with no audit trail of their own, then the ratings (nothing else
        # refers to a rating); no row passes through Python.
        cells = CurrentLevel.objects.filter(rating__in=ratings.values("pk"))
        cells._raw_delete(cells.db)
        ratings._raw_delete(ratings.db)
        for organisation in Organisation.objects.filter(pk__in=list(people)):
            refresh_current_levels(organisation, people[organisation.pk])
        record_deleted(Rating, counts, what)
    return sum(counts.values())


def levels_of(
    organisation: Organisation,
    framework: Framework,
    people: Iterable[Person] | QuerySet[Person] | None = None,
    policy: CurrentLevelPolicy = DEFAULT_POLICY,
) -> dict[int, dict[str, int]]:
    """Current level per person id and skill code in one framework, by the policy.

    The default policy reads the stored current levels (one row per cell); any other policy
    ranks the ratings in the database. Both agree with core.assessments (tests compare)."""
    codes = dict(framework.skills.values_list("pk", "code"))
    if policy == DEFAULT_POLICY:
        source: QuerySet[Any] = CurrentLevel.objects.filter(
            organisation=organisation, skill_id__in=list(codes)
        )
    else:
        source = _ranked_ratings(
            Rating.objects.filter(organisation=organisation, skill_id__in=list(codes)), policy
        )
    wanted: set[int] | None = None
    if isinstance(people, QuerySet):
        # A whole department: filtering the result is cheaper than a subquery.
        wanted = set(people.values_list("pk", flat=True))
    elif people is not None:
        ids = [p.pk for p in people if p.organisation_id == organisation.pk]
        if policy == DEFAULT_POLICY:
            # A few people of the organisation: read by the (person, skill) index, not the
            # (organisation, skill) one, which SQLite prefers and which reads every member of
            # staff's levels (24,000 rows in a large city for one person's page).
            source = CurrentLevel.objects.filter(person_id__in=ids, skill_id__in=list(codes))
        else:
            source = source.filter(person__in=ids)
    result: dict[int, dict[str, int]] = {}
    for person, skill, level in source.values_list("person_id", "skill_id", "level"):
        if wanted is None or person in wanted:
            result.setdefault(person, {})[codes[skill]] = level
    return result


def default_framework(organisation: Organisation) -> Framework | None:
    """The framework a page opens with: the one most used in the organisation's ratings, else
    its own copy, else the first shipped one. Counting a large city's current levels takes
    milliseconds on every page that opens with a framework: the count is kept per data
    version (web/versions.py)."""
    used = versions.kept(
        ("most used framework", versions.data_version(organisation)),
        lambda: _most_used_framework(organisation),
    )
    frameworks = frameworks_for(organisation)
    if used is not None:
        return frameworks.filter(pk=used).first()
    return frameworks.order_by(F("organisation_id").desc(nulls_last=True), "code").first()


def _most_used_framework(organisation: Organisation) -> int | None:
    used = (
        CurrentLevel.objects.filter(organisation=organisation)
        .values("skill__framework")
        .annotate(cells=Count("id"))
        .order_by("-cells")
        .first()
    )
    return None if used is None else int(used["skill__framework"])


def targets_of(role: Role) -> dict[str, int]:
    return dict(role.targets.values_list("skill__code", "level"))


def fit_for_role(organisation: Organisation, person: Person, role: Role) -> RoleFit:
    levels = levels_of(organisation, role.framework, [person]).get(person.pk, {})
    return role_fit(str(person.pk), role.code, targets_of(role), levels)


@dataclass(frozen=True)
class RankedPerson:
    person: Person
    fit: RoleFit


# People in 五十音 order: by the katakana readings, those without a reading after them (by name),
# then by name and number so the order is total.
KANA_ORDER = (
    Case(When(family_name_kana="", then=Value(1)), default=Value(0), output_field=IntegerField()),
    "family_name_kana",
    "given_name_kana",
    "family_name",
    "given_name",
    "pk",
)


def search_people(people: QuerySet[Person], text: str) -> QuerySet[Person]:
    """`people` whose name, reading or number contains `text` (all of them when it is empty)."""
    text = text.strip()
    if not text:
        return people
    return people.filter(
        Q(family_name__icontains=text)
        | Q(given_name__icontains=text)
        | Q(family_name_kana__icontains=text)
        | Q(given_name_kana__icontains=text)
        | Q(external_id__icontains=text)
    )


# How many people a search field offers as the user types (PersonSearchInput).
CHOICES_SHOWN = 20


def rank_people(
    organisation: Organisation, role: Role, kinds: Sequence[str] = ("staff", "candidate")
) -> list[RankedPerson]:
    """Active staff and candidates of the organisation, best fit to the role first."""
    in_order = list(
        Person.objects.filter(organisation=organisation, active=True, kind__in=kinds).order_by(
            *KANA_ORDER
        )
    )
    levels = levels_of(organisation, role.framework, in_order)
    # Keys that sort in 五十音 order, so that people with the same fit are listed by reading.
    keys = {f"{index:08d}": person for index, person in enumerate(in_order)}
    fits = rank_for_role(
        role.code,
        targets_of(role),
        {key: levels.get(person.pk, {}) for key, person in keys.items()},
    )
    return [RankedPerson(keys[fit.person], fit) for fit in fits]


def current_department(person: Person) -> Department | None:
    post = next((p for p in person.posts.all() if p.ended_on is None), None)
    return post.department if post else None


@transaction.atomic
def add_rating(
    *,
    organisation: Organisation,
    person: Person,
    skill: Skill,
    level: int,
    source: RatingSource,
    rated_on: dt.date | None = None,
    evidence: str = "",
    rated_by: Any = None,
) -> Rating:
    """Record one rating; ratings are added, never changed."""
    if person.organisation_id != organisation.pk:
        raise AssessmentError(_("This person belongs to another organisation."))
    if skill.framework.organisation_id not in (None, organisation.pk):
        raise AssessmentError(
            _("Skill {code} belongs to another organisation's framework.").format(code=skill.code)
        )
    try:
        level = check_rating_level(level, field=skill.code)
    except LevelOutOfScaleError as error:
        raise AssessmentError(error.render()) from None
    rating = Rating.objects.create(
        organisation=organisation,
        person=person,
        skill=skill,
        level=level,
        source=source.value,
        rated_on=rated_on or timezone.localdate(),
        evidence=evidence,
        rated_by=rated_by,
    )
    refresh_current_levels(organisation, [person.pk])
    return rating


@transaction.atomic
def complete_enrolment(
    enrolment: Enrolment, completed_on: dt.date, rated_by: Any = None
) -> list[Rating]:
    """Mark an enrolment completed and add training evidence for each skill the programme
    raises (source "training"); the manager confirms it later with a manager rating."""
    if enrolment.status == Enrolment.Status.COMPLETED:
        raise AssessmentError(_("This enrolment is already completed."))
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.completed_on = completed_on
    enrolment.save()
    programme = enrolment.programme
    return [
        add_rating(
            organisation=enrolment.organisation,
            person=enrolment.person,
            skill=gain.skill,
            level=gain.to_level,
            source=RatingSource.TRAINING,
            rated_on=completed_on,
            evidence=_("Completed “{programme}”").format(programme=programme.name),
            rated_by=rated_by,
        )
        for gain in programme.skills.select_related("skill", "skill__framework")
    ]


def pending_training_evidence(
    organisation: Organisation, person: Person | None = None
) -> QuerySet[Rating]:
    """Training ratings not yet followed by a manager or verified rating of the same skill."""
    from django.db.models import Exists, OuterRef

    confirmed = Rating.objects.filter(
        # organisation first: the correlated lookup then uses the (organisation, person,
        # skill) index rather than every rating of the skill (16,000 in a large city).
        organisation=OuterRef("organisation"),
        person=OuterRef("person"),
        skill=OuterRef("skill"),
        source__in=[RatingSource.MANAGER.value, RatingSource.VERIFIED.value],
        rated_on__gte=OuterRef("rated_on"),
    )
    pending = Rating.objects.filter(
        organisation=organisation, source=RatingSource.TRAINING.value
    ).exclude(Exists(confirmed))
    if person is not None:
        pending = pending.filter(person=person)
    return pending.select_related("person", "skill")


def people_with_posts(organisation: Organisation, kind: str = "staff") -> QuerySet[Person]:
    return (
        Person.objects.filter(organisation=organisation, kind=kind)
        .select_related("manager")
        .prefetch_related(Prefetch("posts", queryset=Post.objects.select_related("department")))
    )


# Posts and assessments ------------------------------------------------------------------------


@transaction.atomic
def add_person(organisation: Organisation, person: Person, department: Department | None) -> Person:
    """Save a new person of `organisation`; with a department, their first post in it starts
    today (the local date). Without one, the person has no post until one is added."""
    person.organisation = organisation
    person.save()
    if department is not None:
        move_to_post(person, Post(department=department, started_on=timezone.localdate()))
    return person


@transaction.atomic
def move_to_post(person: Person, post: Post) -> Post:
    """Start a new post; the open one (if any) ends the day before. History is kept."""
    if post.department.organisation_id != person.organisation_id:
        raise AssessmentError(_("The department belongs to another organisation."))
    open_posts = Post.objects.select_for_update().filter(person=person, ended_on__isnull=True)
    for previous in open_posts:
        if previous.started_on >= post.started_on:
            raise AssessmentError(
                _("The new post starts on {new}, not after the current one ({current}).").format(
                    new=post.started_on, current=previous.started_on
                )
            )
        previous.ended_on = post.started_on - dt.timedelta(days=1)
        previous.save()
    post.person = person
    post.organisation_id = person.organisation_id
    post.save()
    return post


def add_note(person: Person, kind: str, text: str, written_by: Any) -> PersonNote:
    """Record a note on `person` (a PersonNote.Kind value) by `written_by`, now; the audit
    trail records it with the same actor."""
    return PersonNote.objects.create(
        organisation_id=person.organisation_id,
        person=person,
        kind=kind,
        text=text.strip(),
        written_by=written_by,
        written_at=timezone.now(),
    )


def writer_name(user: Any) -> str:
    """How a note or a rating names its writer: the full name (family name first, as in
    Japanese), else the username; "—" when the account is gone."""
    if user is None:
        return "—"
    full = f"{user.last_name} {user.first_name}".strip()
    return full or user.get_username()


def note_defaults(person: Person, kind: str) -> dict[str, str]:
    """The note form's first values when it is opened from a diagnosis finding's next step."""
    if kind == PersonNote.Kind.DEFER_MOVE:
        return {
            "kind": kind,
            "text": _("Asked 人事課 to defer the move of {person}.").format(person=person),
        }
    return {}


@transaction.atomic
def assess(
    *,
    organisation: Organisation,
    person: Person,
    framework: Framework,
    levels: dict[str, int],
    source: RatingSource,
    rated_on: dt.date,
    evidence: str = "",
    rated_by: Any = None,
) -> list[Rating]:
    """Record one assessment: a rating for each skill code in `levels`, all with one date,
    source and evidence note."""
    skills = {s.code: s for s in framework.skills.filter(code__in=list(levels))}
    unknown = sorted(set(levels) - set(skills))
    if unknown:
        raise AssessmentError(
            _("{codes} are not skills of {framework}.").format(
                codes=", ".join(unknown), framework=framework.code
            )
        )
    return [
        add_rating(
            organisation=organisation,
            person=person,
            skill=skills[code],
            level=level,
            source=source,
            rated_on=rated_on,
            evidence=evidence,
            rated_by=rated_by,
        )
        for code, level in levels.items()
    ]


def latest_by_source(
    organisation: Organisation, person: Person, framework: Framework, source: RatingSource
) -> dict[str, Rating]:
    latest: dict[str, Rating] = {}
    ratings = Rating.objects.filter(
        organisation=organisation, person=person, skill__framework=framework, source=source.value
    ).select_related("skill")
    for rating in ratings.order_by("rated_on", "id"):
        latest[rating.skill.code] = rating
    return latest


@dataclass(frozen=True)
class ReviewItem:
    """One person and framework with ratings waiting for a manager: self-assessments newer
    than any manager or verified rating of the skill, and unconfirmed training evidence."""

    person: Person
    framework: Framework
    self_ratings: int
    training_evidence: int


# A page of the review queue: a designated city's can hold tens of thousands of people.
REVIEWS_PER_PAGE = 50


@dataclass(frozen=True)
class WaitingReview:
    """One row of waiting_reviews: a person and framework, with how many self-ratings and
    training evidence wait."""

    person_id: int
    framework_id: int
    self_count: int
    training_count: int


def waiting_reviews(organisation: Organisation) -> tuple[WaitingReview, ...]:
    """What waits for a manager's review, one row per person and framework, counted and
    ordered (五十音順 by person, then framework code) in the database. A self-rating waits
    until a manager or verified rating of its skill dated the same day or later exists;
    training evidence likewise.

    Finding them reads every self-rating and training record of the organisation (tens of
    thousands in a large city), so the rows are kept per data version (web/versions.py): a
    page of the queue then reads the data version and its own people and frameworks."""
    return versions.kept(
        ("waiting reviews", versions.data_version(organisation)),
        lambda: _waiting_reviews(organisation),
    )


def _waiting_reviews(organisation: Organisation) -> tuple[WaitingReview, ...]:
    from django.db.models import Count, Exists, OuterRef

    reviewed_later = Rating.objects.filter(
        # organisation first: the correlated lookup then uses the (organisation, person,
        # skill) index rather than reading every rating of the person.
        organisation=OuterRef("organisation"),
        person=OuterRef("person"),
        skill=OuterRef("skill"),
        source__in=[RatingSource.MANAGER.value, RatingSource.VERIFIED.value],
        rated_on__gte=OuterRef("rated_on"),
    )
    person_order = (
        Case(
            When(person__family_name_kana="", then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        "person__family_name_kana",
        "person__given_name_kana",
        "person__family_name",
        "person__given_name",
        "person_id",
    )
    rows = (
        Rating.objects.filter(
            organisation=organisation,
            source__in=[RatingSource.SELF.value, RatingSource.TRAINING.value],
        )
        .exclude(Exists(reviewed_later))
        .values("person_id", framework_id=F("skill__framework_id"))
        .annotate(
            self_count=Count("pk", filter=Q(source=RatingSource.SELF.value)),
            training_count=Count("pk", filter=Q(source=RatingSource.TRAINING.value)),
        )
        .order_by(*person_order, "skill__framework__code", "skill__framework_id")
        .values_list("person_id", "framework_id", "self_count", "training_count")
    )
    return tuple(WaitingReview(*row) for row in rows)


def review_items(rows: Iterable[WaitingReview]) -> list[ReviewItem]:
    """The ReviewItems of rows of waiting_reviews (e.g. one page): two queries in all."""
    rows = list(rows)
    people = Person.objects.in_bulk([row.person_id for row in rows])
    frameworks = Framework.objects.in_bulk([row.framework_id for row in rows])
    return [
        ReviewItem(
            people[row.person_id],
            frameworks[row.framework_id],
            row.self_count,
            row.training_count,
        )
        for row in rows
    ]


def review_queue(organisation: Organisation) -> list[ReviewItem]:
    """Everything that waits for a manager's review, per person and framework (the page
    reads it a page at a time: waiting_reviews, review_items)."""
    return review_items(waiting_reviews(organisation))
