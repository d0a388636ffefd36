"""Text that can be stored: no NUL character ("\\x00").

PostgreSQL's text columns cannot hold a NUL character, and no name, answer or transcript needs
one; a NUL usually means a binary file read as text. Every way in (API bodies and parameters,
imports, transcripts, invitations) refuses it with a message naming the field, through
`refuse_nul`, so that the same bad text gets the same message wherever it comes in.
"""

from __future__ import annotations

from dxtalent.core.i18n import _

NUL = "\x00"


class NulCharacterError(ValueError):
    """A text holding a NUL character. field: the field's name; position: the 0-based index
    of the first NUL in the text, in code points."""

    def __init__(self, field: str, position: int) -> None:
        self.field = field
        self.position = position
        super().__init__(f"{field}: {nul_message_at(position)}")


def nul_message_at(position: int) -> str:
    """The reason for refusing a text with its first NUL at `position` (0-based)."""
    return _(
        "holds a NUL character (\\x00) at position {position}; text without control character "
        "NUL is accepted (was a binary file read as text?)"
    ).format(position=position + 1)


def nul_message(text: str) -> str:
    """The reason for refusing `text`, which holds a NUL character."""
    return nul_message_at(text.index(NUL))


def refuse_nul(text: str, field: str) -> str:
    """`text` unchanged when it holds no NUL character; else NulCharacterError naming `field`."""
    position = text.find(NUL)
    if position >= 0:
        raise NulCharacterError(field, position)
    return text
