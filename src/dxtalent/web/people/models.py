"""Frameworks in the database, people (staff and candidates), posts, qualifications, ratings,
training programmes and enrolments."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dxtalent.core.assessments import RatingSource
from dxtalent.web.concurrency import Versioned
from dxtalent.web.organisations.models import Organisation, OrganisationOwned


class Framework(models.Model):
    """A skill framework: a shipped pack (organisation None, read-only) or an organisation's
    adjusted copy of one. definition: the whole pack as loaded (levels, anchors, sources)."""

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="frameworks"
    )
    code = models.CharField(_("code"), max_length=64)
    version = models.CharField(_("version"), max_length=32)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    definition = models.JSONField(default=dict)
    # Saves of an organisation's copy's targets, from 1: its optimistic-concurrency version
    # (dxtalent.web.concurrency; "version" is the pack's own version).
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        ordering = ["organisation_id", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code", "version"], name="unique_framework_version"
            ),
            models.UniqueConstraint(
                fields=["code", "version"],
                condition=models.Q(organisation__isnull=True),
                name="unique_shipped_framework_version",
            ),
        ]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self) -> str:
        return f"{self.code} {self.version}"

    @property
    def is_shipped(self) -> bool:
        return self.organisation_id is None

    def areas(self, language: str) -> list[tuple[str, str]]:
        """The framework's skill areas as (code, name in `language`), in the pack's order;
        an area its skills name that the pack does not (a framework stored without its
        definition) is listed by its code, after the others."""
        english = language.startswith("en")
        found: dict[str, str] = {}
        for area in self.definition.get("areas", []):
            name = area.get("name", {})
            found[area["code"]] = (
                (name.get("en") if english else None) or name.get("ja") or area["code"]
            )
        for code in self.skills.order_by("area_code").values_list("area_code", flat=True):
            found.setdefault(code, code)
        return list(found.items())

    # The pack as loaded: copied whole, never edited; the trail names the framework instead.
    audit_exclude = frozenset({"definition"})

    def audit_organisation(self) -> Organisation | None:
        return self.organisation


class Skill(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="skills")
    code = models.CharField(_("code"), max_length=32)
    area_code = models.CharField(_("area"), max_length=32)
    name_ja = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_skill_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_ja}"


class Role(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="roles")
    code = models.CharField(_("code"), max_length=32)
    name_ja = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    scope = models.CharField(max_length=20)
    rank = models.PositiveSmallIntegerField(default=1)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework_id", "rank", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_role_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_ja}"


class RoleTarget(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="targets")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="targets")
    level = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["role", "skill"], name="one_target_per_role_skill"),
            models.CheckConstraint(condition=models.Q(level__lte=4), name="target_level_0_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.role.code}/{self.skill.code}={self.level}"

    def audit_organisation(self) -> Organisation | None:
        """The organisation whose copy of a framework this target is in (None: shipped)."""
        return self.role.framework.organisation


class Department(Versioned, OrganisationOwned):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="departments"
    )
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=200)
    is_dx = models.BooleanField(_("DX department"), default=False)
    is_hr = models.BooleanField(_("HR department"), default=False)
    # Retired: no longer offered for new posts; its posts (the history) stay.
    retired_on = models.DateField(
        _("retired on"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the department is in use."),
    )

    class Meta:
        ordering = ["organisation_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="unique_department_code")
        ]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class EmploymentType(models.TextChoices):
    REGULAR = "regular", _("Regular staff")
    FIXED_TERM = "fixed_term", _("Fixed-term staff (任期付)")
    FIXED_TERM_PART_TIME = "fixed_term_part_time", _("Fiscal-year appointee (会計年度任用)")
    CORPORATE_SECONDEE = "corporate_secondee", _("Corporate secondee (地域活性化起業人 etc.)")
    SIDE_JOB = "side_job", _("Side-job professional")
    DISPATCHED = "dispatched", _("Dispatched by a national scheme")
    ADVISER = "adviser", _("Adviser")


class Origin(models.TextChoices):
    IN_HOUSE = "in_house", _("Came up in-house")
    EXTERNAL = "external", _("Recruited from outside")


class Person(Versioned, OrganisationOwned):
    """A member of staff or a candidate (external applicant, programme registrant).

    it_years: years of experience in IT companies (the paper's strategy 1 asks for over 5).
    For candidates: source_programme and expected_yearly_cost (yen).
    """

    class Kind(models.TextChoices):
        STAFF = "staff", _("Staff")
        CANDIDATE = "candidate", _("Candidate")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STAFF)
    external_id = models.CharField(_("staff or candidate number"), max_length=64)
    family_name = models.CharField(_("family name"), max_length=100)
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    # Readings in katakana (core.people.to_katakana): lists are sorted by them (五十音順).
    family_name_kana = models.CharField(_("family name (kana)"), max_length=100, blank=True)
    given_name_kana = models.CharField(_("given name (kana)"), max_length=100, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    manager = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        verbose_name=_("manager"),
    )
    employment_type = models.CharField(
        _("employment type"),
        max_length=32,
        choices=EmploymentType.choices,
        default=EmploymentType.REGULAR,
    )
    origin = models.CharField(
        _("origin"), max_length=10, choices=Origin.choices, default=Origin.IN_HOUSE
    )
    it_years = models.DecimalField(
        _("years in IT companies"), max_digits=4, decimal_places=1, default=0
    )
    contract_end = models.DateField(_("contract or secondment ends"), null=True, blank=True)
    # None: the default share for the employment type (core.diagnostics.default_fte).
    working_fraction = models.FloatField(
        _("share of full time"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01), MaxValueValidator(1.0)],
        help_text=_(
            "e.g. 0.2 for 4 days a month; empty: 0.2 for side-job professionals, 1 for staff"
        ),
    )
    rotation_min_years = models.PositiveSmallIntegerField(
        _("rotation after at least (years)"), null=True, blank=True
    )
    rotation_max_years = models.PositiveSmallIntegerField(
        _("rotation after at most (years)"), null=True, blank=True
    )
    source_programme = models.CharField(_("source programme"), max_length=200, blank=True)
    expected_yearly_cost = models.PositiveIntegerField(
        _("expected yearly cost (yen)"), null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation_id", "kind", "family_name", "given_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"], name="unique_person_number"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "kind", "active"])]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.family_name} {self.given_name}".strip()


class Post(OrganisationOwned):
    """A period in a department and post. The current post has no end date. A specialist post
    is exempt from rotation (the paper: Higashi-Hiroshima, Kobe and Fukuoka created such posts)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="posts")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="posts", verbose_name=_("department")
    )
    title = models.CharField(_("post title"), max_length=200, blank=True)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    is_specialist = models.BooleanField(_("specialist post (no rotation)"), default=False)

    class Meta:
        ordering = ["person_id", "-started_on"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return f"{self.person} — {self.department} ({self.started_on})"


class Qualification(OrganisationOwned):
    """An ICT qualification, e.g. an IPA examination (基本情報技術者, 応用情報技術者, ...)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="qualifications")
    name = models.CharField(_("qualification"), max_length=200)
    obtained_on = models.DateField(_("obtained on"))

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["person_id", "-obtained_on"]

    def __str__(self) -> str:
        return f"{self.name} ({self.obtained_on})"


class PersonNote(OrganisationOwned):
    """A dated note on a person with who wrote it: a request made to 人事課 about their move
    (from a diagnosis finding: defer it) or a plain note. text: at most 2,000 characters.
    Kept as written; a later note adds to the history."""

    class Kind(models.TextChoices):
        DEFER_MOVE = "defer-move", _("Asked 人事課 to defer the move")
        NOTE = "note", _("Other note")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="notes", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NOTE)
    text = models.TextField(_("note text"), max_length=2000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    written_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["person_id", "-written_at", "-id"]
        verbose_name = _("note on a person")
        verbose_name_plural = _("notes on people")

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"


SOURCE_CHOICES = [
    (RatingSource.SELF.value, _("Self-assessment")),
    (RatingSource.MANAGER.value, _("Manager review")),
    (RatingSource.VERIFIED.value, _("Verified")),
    (RatingSource.TRAINING.value, _("Training evidence")),
]


class Rating(OrganisationOwned):
    """One dated rating of a person's level in a skill. Never changed after it is saved; a new
    assessment adds a new rating (the current level comes from core.assessments' policy)."""

    # Indexed by the (organisation, person, skill) index below, which starts with it: one
    # index fewer to write for each imported rating.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ratings")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="ratings")
    level = models.PositiveSmallIntegerField(_("level"))
    source = models.CharField(
        _("source"), max_length=10, choices=[(s.value, s.value) for s in RatingSource]
    )
    rated_on = models.DateField(_("rated on"))
    evidence = models.TextField(_("evidence"), blank=True)
    # Empty for imported ratings: indexed only where given (Meta), for deleting a user.
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person_id", "skill_id", "rated_on", "id"]
        indexes = [
            models.Index(fields=["organisation", "person", "skill"]),
            models.Index(
                fields=["rated_by"],
                condition=models.Q(rated_by__isnull=False),
                name="rating_rated_by_given",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(level__lte=4), name="rating_level_0_to_4")
        ]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self) -> str:
        return f"{self.person} {self.skill.code}={self.level} ({self.source}, {self.rated_on})"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("ratings are never changed; add a new rating instead")
        super().save(*args, **kwargs)


class ProgrammeKind(models.TextChoices):
    """The kinds of the paper's Table 7 (JMRC 2024, HR departments, n=237)."""

    EXTERNAL_TRAINING = "external_training", _("External training by institutions")
    INTERNAL_TRAINING = "internal_training", _("Internal training within the organisation")
    IT_LEADER_SELECTION = "it_leader_selection", _("Selection and placement of IT leaders")
    QUALIFICATION_SUPPORT = "qualification_support", _("Support for ICT qualifications")
    DEPLOYMENT = "deployment", _("Deployment of staff to another government")


class TrainingProgramme(OrganisationOwned):
    """A training programme. hours: total contact hours; months: duration; seats: places a
    fiscal year; cost: yen per seat. outside_working_hours: held outside working hours (the
    paper: many staff cannot attend in working hours, so attendance depends on their freedom)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="programmes"
    )
    name = models.CharField(_("name"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=ProgrammeKind.choices)
    is_external = models.BooleanField(_("external"), default=True)
    hours = models.PositiveIntegerField(_("hours"), default=0)
    months = models.PositiveSmallIntegerField(_("months"), default=1)
    seats = models.PositiveIntegerField(_("seats a year"), default=0)
    cost_per_seat = models.PositiveIntegerField(_("cost per seat (yen)"), default=0)
    outside_working_hours = models.BooleanField(_("outside working hours"), default=False)
    # None: 1 in working hours, core.planning.defaults.OUTSIDE_HOURS_COMPLETION_RATE outside.
    completion_rate = models.FloatField(
        _("expected completion rate"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01), MaxValueValidator(1.0)],
        help_text=_(
            "share of trainees expected to finish; empty: 1 in working hours, 0.8 outside them (an assumption)"
        ),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["organisation_id", "name"]
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")

    def __str__(self) -> str:
        return self.name


class ProgrammeSkill(OrganisationOwned):
    """A skill a programme raises, and to which level (1–4); prerequisite: the level needed to
    join (0 = none)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(
        TrainingProgramme,
        on_delete=models.CASCADE,
        related_name="skills",
        verbose_name=_("training programme"),
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, related_name="+", verbose_name=_("skill")
    )
    to_level = models.PositiveSmallIntegerField(_("raises to level"))
    prerequisite = models.PositiveSmallIntegerField(_("prerequisite level"), default=0)

    class Meta:
        verbose_name = _("skill a programme raises")
        verbose_name_plural = _("skills programmes raise")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "skill"], name="one_gain_per_programme_skill"
            ),
            models.CheckConstraint(
                condition=models.Q(to_level__gte=1, to_level__lte=4), name="gain_level_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} → {self.skill.code} {self.to_level}"


class Enrolment(OrganisationOwned):
    """A person's place in a programme. Completing it adds training evidence (ratings of source
    "training") for each skill the programme raises, which the manager then confirms."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(
        TrainingProgramme, on_delete=models.CASCADE, related_name="enrolments"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="enrolments")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ENROLLED
    )
    enrolled_on = models.DateField(_("enrolled on"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        ordering = ["programme_id", "person_id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "person"], name="one_enrolment_per_person")
        ]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self) -> str:
        return f"{self.person} @ {self.programme} ({self.status})"


class CurrentLevel(models.Model):
    """The rating that currently counts for a person's skill under the default policy (latest
    verified, else manager, else self), kept up to date whenever ratings are added, so that a
    designated city's skill matrix reads one row per cell. Derived data: it can always be
    rebuilt from the ratings (services.refresh_current_levels).

    No foreign-key constraints in the database (db_constraint=False): PostgreSQL checks four
    of them for every row written, which was half the time of importing 100,000 ratings.
    Rows are only written by refresh_current_levels from existing ratings, and deleted with
    them: the ORM cascades deletes as before, and the bulk delete of ratings
    (services.delete_ratings) deletes their cells first."""

    # Both indexed by the indexes of Meta, which start with them.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="current_levels",
        db_constraint=False,
        db_index=False,
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    level = models.PositiveSmallIntegerField()
    rating = models.ForeignKey(
        Rating, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "skill"], name="one_current_level")
        ]
        indexes = [models.Index(fields=["organisation", "skill"])]

    def __str__(self) -> str:
        return f"{self.person_id}/{self.skill_id}={self.level}"
