"""Readings of names in kana (フリガナ), the key Japanese lists are sorted by (五十音順).

A reading is stored in katakana: a person or a file may give it in hiragana or in half-width
katakana, and both are turned into full-width katakana, so that one sort order serves
everyone. Sorting by the code points of katakana gives the 五十音 order (ア < イ < … < ン;
a voiced kana just after its plain one: カ < ガ < キ), which is what sorting in SQLite (binary
collation) and in Python does.
"""

from __future__ import annotations

from dxtalent.core.organisations.codes import to_katakana as _as_katakana

# What a stored reading may contain: katakana ァ to ヺ, the middle dot ・, the long vowel
# mark ー, the iteration marks ヽヾ, and spaces between the words of a name.
_ACCEPTED = {chr(code) for code in range(0x30A1, 0x30FB)} | {"・", "ー", "ヽ", "ヾ", " "}


class NotKanaError(ValueError):
    """A reading has characters that are not kana; `value` is the reading as given and
    `characters` the characters refused, in order of first appearance."""

    def __init__(self, value: str, characters: str) -> None:
        super().__init__(
            f'reading "{value}" has {characters!r}, which are not kana; '
            "give katakana or hiragana (spaces and ー are allowed)"
        )
        self.value = value
        self.characters = characters


def to_katakana(reading: str) -> str:
    """`reading` (e.g. "やまだ", "ﾔﾏﾀﾞ" or "ヤマダ") in full-width katakana ("ヤマダ").

    The text is NFKC-normalised (half-width katakana become full-width, the ideographic space
    an ordinary one), surrounding spaces removed and inner runs of spaces kept as one; then
    hiragana become katakana. "" (or only spaces) gives "". Raises NotKanaError naming the
    characters that are neither kana, ー, ・ nor spaces (kanji, Latin letters, digits)."""
    # The conversion is the directory search's (NFKC, then hiragana to katakana).
    katakana = " ".join(_as_katakana(reading).split())
    refused = "".join(dict.fromkeys(c for c in katakana if c not in _ACCEPTED))
    if refused:
        raise NotKanaError(reading, refused)
    return katakana
