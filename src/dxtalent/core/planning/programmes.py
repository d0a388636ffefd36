"""Where the planning organisation is, and which state programmes its engagement levers may
count on there.

地域活性化起業人 (corporate secondees, and from FY2024 its 副業型 for side-job professionals):
a firm in the three metropolitan areas (defaults.METROPOLITAN_PREFECTURES) and a local
government in 地方圏. What is confirmed, and from where, is in docs/scenario-format.md
("Eligibility"); in short:

* confirmed (MIC's programme page): the firm is in the three metropolitan areas and the host
  is a local government of 地方圏, i.e. outside them;
* followed as for MIC's sibling programmes (地域おこし協力隊: "3大都市圏外の全ての市町村及び3大都市圏内の
  条件不利地域"), not confirmed in the 地域活性化起業人 要綱: a municipality inside the three areas
  counts if it has a 条件不利地域 (過疎・山村・離島・半島 and the like). Whether it has one is not
  in dxtalent's data: the organisation says so (None: not known, not eligible);
* assumed, not confirmed: designated cities and Tokyo's special wards inside the three areas
  never count (as in the Cabinet Office's 起業支援金 rule "政令指定都市を除く"); a prefecture
  outside them counts (the literal reading of "地方圏の地方自治体"), one inside never.

When in doubt the support is not counted: a plan never rests on support the organisation
may not get.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from dxtalent.core.i18n import Phrase, _, gettext_noop
from dxtalent.core.organisations.codes import (
    InvalidLocalGovernmentCodeError,
    OrganisationKind,
    kind_by_code,
    normalise_code,
)
from dxtalent.core.planning import defaults


class InvalidLocationError(ValueError):
    """A location that cannot be read; the message names the field and what is accepted."""


@dataclass(frozen=True)
class Location:
    """Where the planning organisation is.

    code: its JIS X 0402 local-government code, 5 digits or 6 with the check digit (full-width
    digits accepted; kept as 6 digits); the first two are the prefecture. disadvantaged_area:
    whether the municipality has a 条件不利地域 (過疎・山村・離島・半島 and the like, as MIC's
    programmes list them); it matters only inside the three metropolitan areas. None: not
    known, which counts as no.
    """

    code: str
    disadvantaged_area: bool | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.code, str):
            raise InvalidLocationError(
                f"location.code: {self.code!r} is not accepted; a local-government code as "
                'text, e.g. "172014" or "17201"'
            )
        try:
            object.__setattr__(self, "code", normalise_code(self.code))
        except InvalidLocalGovernmentCodeError as error:
            raise InvalidLocationError(f"location.code: {error}") from None
        if self.disadvantaged_area is not None and not isinstance(self.disadvantaged_area, bool):
            raise InvalidLocationError(
                f"location.disadvantaged_area: {self.disadvantaged_area!r} is not accepted; "
                "true, false or absent (not known)"
            )

    @property
    def prefecture(self) -> str:
        """The two-digit prefecture code, "01"–"47"."""
        return self.code[:2]

    @property
    def in_metropolitan_area(self) -> bool:
        """Whether the prefecture is one of the three metropolitan areas' eleven."""
        return self.prefecture in defaults.METROPOLITAN_PREFECTURES

    @property
    def kind(self) -> OrganisationKind | None:
        """Prefecture, designated city or special ward as the code tells; None for a city,
        town or village."""
        return kind_by_code(self.code)


class Finding(enum.StrEnum):
    """Why an engagement may or may not count on 地域活性化起業人 support."""

    OUTSIDE = "outside"
    INSIDE_DISADVANTAGED = "inside_disadvantaged"
    NO_LOCATION = "no_location"
    INSIDE_PREFECTURE = "inside_prefecture"
    INSIDE_WARD = "inside_ward"
    INSIDE_DESIGNATED_CITY = "inside_designated_city"
    INSIDE_NOT_DISADVANTAGED = "inside_not_disadvantaged"
    INSIDE_DISADVANTAGED_NOT_KNOWN = "inside_disadvantaged_not_known"
    FIRM_OUTSIDE = "firm_outside"
    FIRM_NOT_GIVEN = "firm_not_given"
    TOO_LITTLE_TIME = "too_little_time"


ELIGIBLE_FINDINGS = frozenset({Finding.OUTSIDE, Finding.INSIDE_DISADVANTAGED})


class Advice(enum.StrEnum):
    """Where the reader of a support note can act: on the plan page (and the settings the web
    keeps), or in a scenario file given to the command line. A report to the mayor and council
    gives the facts alone (no Advice)."""

    PAGE = "page"
    FILE = "file"


@dataclass(frozen=True)
class Eligibility:
    """Whether 地域活性化起業人 support counts (finding in ELIGIBLE_FINDINGS), and why: a
    phrase of the catalogue, in the reader's language when shown. remedy: what the planner's
    user can do about it, where they plan (Advice: the page or a scenario file); none where
    there is nothing to do there."""

    finding: Finding
    reason: Phrase
    remedy: Mapping[Advice, Phrase] = field(default_factory=dict)

    def said(self, advice: Advice | None = Advice.FILE) -> str:
        """The reason in the current language, and the remedy where the reader plans after it
        (none for a report, advice=None)."""
        text = self.reason.render()
        remedy = self.remedy.get(advice) if advice is not None else None
        if remedy is not None:
            text += " " + remedy.render()
        return text

    @property
    def eligible(self) -> bool:
        """Whether the support counts."""
        return self.finding in ELIGIBLE_FINDINGS


def _remedy(on_page: str | None, in_file: str) -> dict[Advice, Phrase]:
    """What the reader can do, per place they plan: messages marked with gettext_noop, the
    page's None where there is nothing to do on the page."""
    found = {Advice.FILE: Phrase.of(in_file)}
    if on_page is not None:
        found[Advice.PAGE] = Phrase.of(on_page)
    return found


def _place(location: Location) -> str:
    """The organisation as text in the current language: its code and, inside the areas, its
    prefecture."""
    name = defaults.METROPOLITAN_PREFECTURES.get(location.prefecture)
    if name:
        return _("code {code} ({prefecture})").format(code=location.code, prefecture=name)
    return _("code {code} (prefecture {prefecture})").format(
        code=location.code, prefecture=location.prefecture
    )


def _about(location: Location, message: str) -> Phrase:
    """A reason about the organisation at `location`: `message` (marked with gettext_noop)
    with its {place} filled in when shown."""
    return Phrase(lambda: _(message).format(place=_place(location)))


def organisation_eligibility(location: Location | None) -> Eligibility:
    """Whether an organisation at `location` (None: not known) may host 地域活性化起業人 with
    the state's support, whatever the firm."""
    if location is None:
        return Eligibility(
            Finding.NO_LOCATION,
            Phrase.of(
                gettext_noop(
                    "The organisation's location (its local-government code) is not known: it "
                    "is not registered as a local government, or is demo data. MIC's "
                    "地域活性化起業人 support is not counted."
                )
            ),
            _remedy(None, gettext_noop("In a scenario file, give location.code.")),
        )
    if not location.in_metropolitan_area:
        return Eligibility(
            Finding.OUTSIDE,
            _about(
                location,
                gettext_noop("{place} is outside the three metropolitan areas (地方圏): eligible."),
            ),
        )
    if location.kind is OrganisationKind.PREFECTURE:
        return Eligibility(
            Finding.INSIDE_PREFECTURE,
            _about(
                location,
                gettext_noop(
                    "{place} is a prefecture of the three metropolitan areas: not eligible "
                    "(the programme is for local governments of 地方圏)."
                ),
            ),
        )
    if location.kind is OrganisationKind.SPECIAL_WARD:
        return Eligibility(
            Finding.INSIDE_WARD,
            _about(
                location,
                gettext_noop(
                    "{place} is a special ward of Tokyo, inside the three metropolitan areas: "
                    "not eligible."
                ),
            ),
        )
    if location.kind is OrganisationKind.DESIGNATED_CITY:
        return Eligibility(
            Finding.INSIDE_DESIGNATED_CITY,
            _about(
                location,
                gettext_noop(
                    "{place} is a designated city inside the three metropolitan areas: not "
                    "counted, even with a 条件不利地域 (as other programmes leave designated "
                    "cities out; not confirmed for this programme)."
                ),
            ),
        )
    if location.disadvantaged_area is True:
        return Eligibility(
            Finding.INSIDE_DISADVANTAGED,
            _about(
                location,
                gettext_noop(
                    "{place} is inside the three metropolitan areas but has a 条件不利地域 (過疎, "
                    "山村, 離島, 半島 and the like): counted as eligible."
                ),
            ),
        )
    if location.disadvantaged_area is False:
        return Eligibility(
            Finding.INSIDE_NOT_DISADVANTAGED,
            _about(
                location,
                gettext_noop(
                    "{place} is inside the three metropolitan areas and has no 条件不利地域: "
                    "not eligible."
                ),
            ),
        )
    return Eligibility(
        Finding.INSIDE_DISADVANTAGED_NOT_KNOWN,
        _about(
            location,
            gettext_noop(
                "{place} is inside the three metropolitan areas. A municipality there with a "
                "条件不利地域 (過疎, 山村, 離島, 半島 and the like) may be eligible, but whether "
                "this one has one is not set, so the support is not counted."
            ),
        ),
        _remedy(
            gettext_noop("If it has one, set it in the team diagnosis settings."),
            gettext_noop(
                "If it has one, set location.disadvantaged_area: true in the scenario file."
            ),
        ),
    )


def corporate_secondee_eligibility(
    location: Location | None, firm_in_metropolitan_area: bool | None
) -> Eligibility:
    """Whether an engagement under 地域活性化起業人 (corporate secondee or its 副業型 side job)
    counts on the state's support, for an organisation at `location` (None: not known) and a
    firm in the three metropolitan areas (True), outside them (False) or not given (None).

    The organisation is judged first, then the firm; the first reason that rules the support
    out is the one given. Not known counts as not eligible.
    """
    found = organisation_eligibility(location)
    if not found.eligible:
        return found
    if firm_in_metropolitan_area is False:
        return Eligibility(
            Finding.FIRM_OUTSIDE,
            Phrase.of(
                gettext_noop(
                    "The person's firm is outside the three metropolitan areas: not eligible "
                    "(only firms in 三大都市圏 count)."
                )
            ),
        )
    if firm_in_metropolitan_area is None:
        return Eligibility(
            Finding.FIRM_NOT_GIVEN,
            Phrase.of(
                gettext_noop(
                    "Whether the person's firm is in the three metropolitan areas is not given, "
                    "so the support is not counted."
                )
            ),
            _remedy(
                gettext_noop("If it is, tick “firm in the three metropolitan areas”."),
                gettext_noop(
                    "If it is, set firm_in_metropolitan_area: true for the lever in the "
                    "scenario file."
                ),
            ),
        )
    return found


def side_job_eligibility(
    location: Location | None, firm_in_metropolitan_area: bool | None, fraction: float
) -> Eligibility:
    """As corporate_secondee_eligibility, for 地域活性化起業人 副業型, which also asks for at
    least 4 days (and 20 hours) a month: `fraction` of a person at least
    defaults.SIDE_JOB_FTE (4 of about 20 working days)."""
    found = corporate_secondee_eligibility(location, firm_in_metropolitan_area)
    if found.eligible and fraction < defaults.SIDE_JOB_FTE - 1e-9:
        return Eligibility(
            Finding.TOO_LITTLE_TIME,
            Phrase(
                lambda: _(
                    "副業型 asks for at least 4 days and 20 hours a month; {fraction} of a "
                    "person is less than {minimum}: not eligible."
                ).format(fraction=f"{fraction:g}", minimum=f"{defaults.SIDE_JOB_FTE:g}")
            ),
        )
    return found
