"""Exceptions and the cell error that imports report to people."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from dxtalent.core.i18n import _
from dxtalent.core.tabular import messages as m
from dxtalent.core.tabular.messages import Message

# A TableValidationError's message lists this many errors, then "... and N more"; an import
# keeps no more than this many in memory however many rows are bad (ErrorList).
MAX_LISTED_ERRORS = 200


class TabularError(ValueError):
    """Base of the errors a file can cause; the web layer shows them on the upload form."""

    def render(self) -> str:
        """The message in the reader's language; subclasses that keep a template translate
        it, this base translates the whole text."""
        return _(str(self))


class TableFormatError(TabularError):
    """The file as a whole cannot be read as a table: wrong type, encoding or header row.

    `detail` holds the message template and its fields for translation.
    """

    def __init__(self, detail: Message) -> None:
        super().__init__(detail.render())
        self.detail = detail

    def render(self) -> str:
        """The message in the reader's language."""
        return self.detail.render()


@dataclass(frozen=True)
class CellError:
    """One problem in one cell, or with one column of the header (then `row` is the header row).

    row: the row number a person sees in Excel (header = 1). column: the column's name in the
    schema (or the header text for a column the schema does not know). value: the cell as read
    ("" for a missing column). message: the complete text as rendered when the error was found
    (English unless a translator is installed), e.g.
    '"PMM" is not accepted; give a skill code such as "PM-01"'. detail: the same as a
    template with fields, for translation (None when built from plain text). accepted: what the
    column accepts (None when the column says nothing).

    str(error) reads 'Row 12, column "skill": "PMM" is not accepted; give ...'.
    """

    row: int
    column: str
    value: str
    message: str
    detail: Message | None = None
    accepted: Message | None = None

    @classmethod
    def rejected(
        cls,
        row: int,
        column: str,
        value: str,
        reason: Message,
        accepted: Message | None = None,
    ) -> CellError:
        """An error saying why `value` was rejected and, when given, what is accepted instead.

        For checks made after `validate`, e.g. a skill code that is not in the catalogue:
        CellError.rejected(12, "skill", "PMM", Message('"{value}" is not in the catalogue',
        {"value": "PMM"}), Message('a skill code such as "PM-01"')).
        """
        detail = reason
        if accepted is not None:
            detail = Message(m.REJECTED_GIVE, {"reason": reason, "accepted": accepted})
        return cls(row, column, value, detail.render(), detail, accepted)

    def render(self) -> str:
        """'Row 12, column "skill": ...' in the reader's language."""
        text = self.detail.render() if self.detail else _(self.message)
        return Message(
            m.CELL_ERROR, {"row": self.row, "column": self.column, "message": text}
        ).render()

    def __str__(self) -> str:
        return self.render()


class ErrorList:
    """The errors of one import, bounded in memory: keeps the first `keep` errors appended
    (MAX_LISTED_ERRORS by default) and counts every one. Iterating gives the kept errors;
    `total` is how many were appended (plus `total` given for errors counted elsewhere)."""

    def __init__(
        self, errors: Iterable[CellError] = (), total: int = 0, keep: int = MAX_LISTED_ERRORS
    ) -> None:
        self.kept: list[CellError] = []
        self.keep = keep
        self.total = 0
        self.extend(errors)
        self.total = max(self.total, total)

    def append(self, error: CellError) -> None:
        """Count `error`; keep it while fewer than `keep` are kept."""
        self.total += 1
        if len(self.kept) < self.keep:
            self.kept.append(error)

    def extend(self, errors: Iterable[CellError]) -> None:
        for error in errors:
            self.append(error)

    def __iter__(self) -> Iterator[CellError]:
        return iter(self.kept)

    def __bool__(self) -> bool:
        return self.total > 0


class TableValidationError(TabularError):
    """A file with at least one bad cell or column. `errors` holds the first ones (at most
    MAX_LISTED_ERRORS when they come from `validate`); `total` counts every one.

    The message lists the first MAX_LISTED_ERRORS errors, one a line, then "... and N more".
    """

    def __init__(self, errors: Sequence[CellError] | ErrorList, total: int | None = None) -> None:
        if isinstance(errors, ErrorList):
            total = errors.total if total is None else total
            errors = errors.kept
        self.errors: tuple[CellError, ...] = tuple(errors)
        self.total = max(total or 0, len(self.errors))
        super().__init__(self.render())

    def render(self, limit: int = MAX_LISTED_ERRORS) -> str:
        """Summary line, then one line per error up to `limit`, then "... and N more"."""
        lines = [Message(m.VALIDATION_SUMMARY, {"count": self.total}).render()]
        listed = self.errors[:limit]
        lines += [error.render() for error in listed]
        if self.total > len(listed):
            more = self.total - len(listed)
            lines.append(Message(m.VALIDATION_MORE, {"more": more}).render())
        return "\n".join(lines)
