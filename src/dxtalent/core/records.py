"""The error a record rule raises, and the English templates of every record rule's message.

A record rule says which values a record may hold: a person's rotation window, an employment
type and its end date, a level within the framework's scale, an answer to a survey question,
a coded passage within its text. Each rule lives once in core (core.people.rules,
core.surveys.answers, core.interviews.positions); the web form, the import, the API and the
CLI call it and pass its error on, so that the same bad value gets the same message wherever
it comes in:

- a form shows `error.reason` on the field `error.field`;
- an import reports it as a cell error of its row, in the column the file names it by;
- the API answers 400 {"errors": [{"loc": ["body", field], "msg": reason}]};
- the CLI prints it to stderr and exits 2.

Every reason is a `Message` (template and fields), its template marked for the catalogue
where it is written below and translated when shown (dxtalent.core.i18n); `TEMPLATES` lists
the templates, so that a convention test can check each has a Japanese translation.
"""

from __future__ import annotations

from dxtalent.core.i18n import gettext_noop
from dxtalent.core.tabular.messages import Message


class RecordRuleError(ValueError):
    """A value a record may not hold.

    field: the field's name as the model, the forms, the API and the imports call it (e.g.
    "rotation_max_years"). value: the value found, as text ("" when it is missing). reason:
    why it is refused and what is accepted, e.g. 'the longest stay (3 years) is shorter than
    the shortest (5 years); give a longest stay of at least 5 years'.
    str(error) reads "rotation_max_years: the longest stay ...".
    """

    def __init__(self, field: str, value: object, reason: Message) -> None:
        self.field = field
        self.value = "" if value is None else str(value)
        self.reason = reason
        super().__init__(self.render())

    def render(self) -> str:
        """'field: reason' in the reader's language."""
        return f"{self.field}: {self.reason.render()}"


# --- People (core.people.rules) ------------------------------------------------------------------

ROTATION_YEARS_OUT_OF_RANGE = gettext_noop(
    "{value} years is not accepted; give a whole number of years in post from {minimum} to "
    "{maximum}"
)
ROTATION_REVERSED = gettext_noop(
    "the longest stay ({high} years) is shorter than the shortest ({low} years); give a longest "
    "stay of at least {low} years"
)
ROTATION_HALF_GIVEN = gettext_noop(
    "only the {given} is given; give both the shortest and the longest stay in years, or "
    "neither to use the organisation's rotation window"
)
ROTATION_SHORTEST = gettext_noop("shortest stay")
ROTATION_LONGEST = gettext_noop("longest stay")
UNKNOWN_EMPLOYMENT_TYPE = gettext_noop(
    '"{value}" is not an employment type; give one of {accepted}'
)
TERM_WITHOUT_END = gettext_noop(
    '"{employment_type}" staff serve a term and no end date is given; give the last day of the term'
)
LEVEL_OUT_OF_SCALE = gettext_noop(
    '"{value}" is not a level of the framework\'s scale; give a whole number from {minimum} '
    "to "
    "{maximum}"
)

# --- Survey answers (core.surveys.answers) -------------------------------------------------------

ANSWER_NOT_ACCEPTED = gettext_noop('"{value}" is not accepted; give {accepted}')
ANSWER_EXCLUSIVE = gettext_noop(
    '"{value}" is not accepted: {exclusive} cannot be ticked with another option; give '
    "{exclusive} alone, or options among {options}"
)
ACCEPTED_ONE_OF = gettext_noop("one of {options}")
ACCEPTED_OPTIONS_AMONG = gettext_noop("options among {options}")
ACCEPTED_SCALE = gettext_noop("a whole number from {minimum} to {maximum}")
ACCEPTED_NUMBER = gettext_noop("a number")
ACCEPTED_ANSWER_TEXT = gettext_noop("text")
NOT_ANSWERED = gettext_noop(
    "not answered; every question asked needs an answer before the answers are submitted"
)

# --- Coded passages (core.interviews.positions) --------------------------------------------------

PASSAGE_OUTSIDE_TEXT = gettext_noop(
    "the passage {start}–{end} is not within the text; give a start before the end, both "
    "from 0 to {length} (characters of the text, counted from 0, the end excluded)"
)
POSITION_NOT_WHOLE_NUMBER = gettext_noop(
    '"{value}" is not a position; give a whole number of characters from 0 to {length}'
)

# --- The register of systems and contracts (core.standardization.register) -----------------------

COST_OUT_OF_RANGE = gettext_noop(
    '"{value}" is not accepted; give yen a year, a whole number from 0 to {maximum}'
)
REASON_WITHOUT_FLAG = gettext_noop(
    "a reason is given for a system that is not a specific migration-support system; leave "
    "the reason empty or mark the system"
)
DATE_OUT_OF_RANGE = gettext_noop('"{value}" is not accepted; give a date from {first} to {last}')
DATE_BEFORE_START = gettext_noop('"{value}" is before the start of the contract ({start})')
BIDDERS_NEGATIVE = gettext_noop('"{value}" is not accepted; give the number of bidders, 0 or more')
SINGLE_BID_BIDDERS = gettext_noop('"{value}" bidders is more than one for a single-bid procurement')
COMPETITIVE_ONE_BIDDER = gettext_noop(
    "one bidder in a competitive procurement; record it as a single bid"
)


TEMPLATES: tuple[str, ...] = tuple(
    value for name, value in sorted(globals().items()) if name.isupper() and isinstance(value, str)
)


# --- Concurrent edits (dxtalent.web.concurrency) ----------------------------------------------


class StaleRecordError(Exception):
    """A record was saved by someone else after this writer read it: the writer read version
    `read`, the record is now at version `current` (versions count saves from 1). Saving
    would silently overwrite the other change, so the write is refused."""

    def __init__(self, record: str, read: int, current: int) -> None:
        self.record = record
        self.read = read
        self.current = current
        super().__init__(
            f"{record} was changed by someone else after you read it (you read version {read}, "
            f"it is now version {current}); nothing was saved"
        )


def check_version(record: str, read: int | None, current: int) -> None:
    """The optimistic-concurrency rule of every editable record: a writer who read version
    `read` may save only while the record is still at that version. read None: the writer
    did not say which version it read (an API client without If-Match), so nothing is
    checked. Raises StaleRecordError otherwise."""
    if read is not None and read != current:
        raise StaleRecordError(record, read, current)
