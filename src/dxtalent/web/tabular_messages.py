"""Marks the messages of dxtalent.core.tabular and of the record rules (dxtalent.core.records)
for translation.

Core never imports gettext, so makemessages cannot see its templates there; this module
lists each one (tests/web/test_conventions.py checks it is complete). Regenerate with:
`python -m dxtalent.web.tabular_messages` after changing core/tabular/messages.py or
core/records.py.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

TEMPLATES = (
    gettext_noop(
        '"{employment_type}" staff serve a term and no end date is given; give the last day of the term'
    ),
    gettext_noop(
        '"{file}" is {size} bytes, more than the limit of {limit} bytes for this kind of file ({kind}); split it or leave out what is not needed.'
    ),
    gettext_noop(
        '"{file}" was refused: its member "{member}" expands to {found} bytes, more than the limit of {limit} bytes.'
    ),
    gettext_noop(
        '"{file}" was refused: its member "{member}" expands {found} times, more than the limit of {limit} times (a zip bomb).'
    ),
    gettext_noop(
        '"{file}" was refused: its members expand to {found} bytes (at "{member}"), more than the limit of {limit} bytes.'
    ),
    gettext_noop(
        '"{file}" was refused: the archive holds {found} members, more than the limit of {limit}.'
    ),
    gettext_noop('"{value}" bidders is more than one for a single-bid procurement'),
    gettext_noop('"{value}" has {characters}, which are not kana'),
    gettext_noop('"{value}" has {length} characters, more than {max_length}'),
    gettext_noop('"{value}" is also in row {other_row}; each row needs a different value'),
    gettext_noop('"{value}" is before the start of the contract ({start})'),
    gettext_noop('"{value}" is less than {minimum}'),
    gettext_noop('"{value}" is more than {maximum}'),
    gettext_noop('"{value}" is not a date'),
    gettext_noop('"{value}" is not a day in the calendar'),
    gettext_noop(
        '"{value}" is not a level of the framework\'s scale; give a whole number from {minimum} to {maximum}'
    ),
    gettext_noop('"{value}" is not a number'),
    gettext_noop(
        '"{value}" is not a position; give a whole number of characters from 0 to {length}'
    ),
    gettext_noop('"{value}" is not a whole number'),
    gettext_noop('"{value}" is not accepted'),
    gettext_noop(
        '"{value}" is not accepted: {exclusive} cannot be ticked with another option; give {exclusive} alone, or options among {options}'
    ),
    gettext_noop('"{value}" is not accepted; give a date from {first} to {last}'),
    gettext_noop('"{value}" is not accepted; give the number of bidders, 0 or more'),
    gettext_noop('"{value}" is not accepted; give yen a year, a whole number from 0 to {maximum}'),
    gettext_noop('"{value}" is not accepted; give {accepted}'),
    gettext_noop('"{value}" is not an employment type; give one of {accepted}'),
    gettext_noop('"{value}" is not one of the accepted values'),
    gettext_noop('"{value}" is not yes or no'),
    gettext_noop("... and {more} more"),
    gettext_noop(
        'Duplicate column "{column}" in columns {first} ({first_letter}) and {second} ({second_letter}) of row {row}; give each column a different name.'
    ),
    gettext_noop(
        "Empty header in column {number} ({letter}) of row {row}; give every column a name in the header row."
    ),
    gettext_noop("Errors in the file: {count}"),
    gettext_noop(
        'Line {line} of the file cannot be read ({problem}); check that every double quote (") that opens a value also closes it.'
    ),
    gettext_noop(
        'More values than the header row has columns ({number}) in rows {rows}; name the extra columns in the header row, or put values that contain "{delimiter}" in double quotes.'
    ),
    gettext_noop('Row {row}, column "{column}": {message}'),
    gettext_noop(
        "The file is an Excel 97-2003 workbook (.xls) or a password-protected workbook; save it as an .xlsx workbook without a password."
    ),
    gettext_noop("The file is empty: it has no header row."),
    gettext_noop('The file is named ".xlsx" but is not an Excel workbook that can be read.'),
    gettext_noop(
        'The file is named "{extension}" but is an Excel workbook; rename it to .xlsx or save it as CSV.'
    ),
    gettext_noop(
        'The file is not {encoding} text: undecodable bytes at line {line}, byte {offset} ({bytes}). Save it again from Excel as "CSV UTF-8 (comma delimited)".'
    ),
    gettext_noop('The workbook has no sheet named "{sheet}"; its sheets are {sheets}.'),
    gettext_noop('Unsupported file type "{extension}"; accepted: {accepted}.'),
    gettext_noop(
        "Values to the right of the last named column, {number} ({letter}), in rows {rows}; name those columns in the header row."
    ),
    gettext_noop("a date like 2025-04-01, 2025/4/1, 令和7年4月1日 or R7.4.1"),
    gettext_noop("a number"),
    gettext_noop("a number from {minimum} to {maximum}"),
    gettext_noop("a number of at least {minimum}"),
    gettext_noop("a number of at most {maximum}"),
    gettext_noop("a reading in katakana or hiragana (stored in katakana)"),
    gettext_noop(
        "a reason is given for a system that is not a specific migration-support system; leave the reason empty or mark the system"
    ),
    gettext_noop("a value is required"),
    gettext_noop("a whole number"),
    gettext_noop("a whole number from {minimum} to {maximum}"),
    gettext_noop("a whole number of at least {minimum}"),
    gettext_noop("a whole number of at most {maximum}"),
    gettext_noop(
        "holds a NUL character (\\x00) at position {position}; text without it is accepted"
    ),
    gettext_noop("longest stay"),
    gettext_noop(
        "not answered; every question asked needs an answer before the answers are submitted"
    ),
    gettext_noop("one bidder in a competitive procurement; record it as a single bid"),
    gettext_noop("one of {options}"),
    gettext_noop(
        "only the {given} is given; give both the shortest and the longest stay in years, or neither to use the organisation's rotation window"
    ),
    gettext_noop("options among {options}"),
    gettext_noop("shortest stay"),
    gettext_noop("text"),
    gettext_noop("text of at most {max_length} characters"),
    gettext_noop('the column is given twice, as "{first}" and "{second}"; keep one of them'),
    gettext_noop("the column is not one this import reads; the columns it reads are {known}"),
    gettext_noop(
        "the longest stay ({high} years) is shorter than the shortest ({low} years); give a longest stay of at least {low} years"
    ),
    gettext_noop(
        "the passage {start}–{end} is not within the text; give a start before the end, both from 0 to {length} (characters of the text, counted from 0, the end excluded)"
    ),
    gettext_noop(
        "the required column is missing; add a column headed {headers} (the header row has {found})"
    ),
    gettext_noop("yes or no (also {options})"),
    gettext_noop("{reason}; give {accepted}"),
    gettext_noop(
        "{value} years is not accepted; give a whole number of years in post from {minimum} to {maximum}"
    ),
)


def core_templates() -> list[str]:
    """Every message template of core that reaches people, sorted: core.tabular's and the
    record rules'."""
    from dxtalent.core.records import TEMPLATES as RECORDS
    from dxtalent.core.tabular.messages import TEMPLATES as TABULAR

    return sorted(set(TABULAR) | set(RECORDS))


def _generate() -> str:
    from pathlib import Path

    source = Path(__file__).read_text(encoding="utf-8")
    head, _sep, tail = source.partition("TEMPLATES = (\n")
    _old, _sep, rest = tail.partition("\n)\n")
    body = "\n".join(f"    gettext_noop({template!r})," for template in core_templates())
    return f"{head}TEMPLATES = (\n{body}\n)\n{rest}"


if __name__ == "__main__":  # pragma: no cover
    from pathlib import Path

    Path(__file__).write_text(_generate(), encoding="utf-8")
