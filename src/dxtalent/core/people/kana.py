"""Readings of names in kana (フリガナ), the key Japanese lists are sorted by (五十音順).

A reading is stored in katakana: a person or a file may give it in hiragana or in half-width
katakana, and both are turned into full-width katakana, so that one sort order serves
everyone. Sorting by the code points of katakana gives the 五十音 order (ア < イ < … < ン;
a voiced kana just after its plain one: カ < ガ < キ), which is what sorting in SQLite (binary
collation) and in Python does.
"""

from __future__ import annotations

import unicodedata

# Hiragana ぁ (U+3041) to ゖ (U+3096) and the iteration marks ゝゞ (U+309D, U+309E) sit exactly
# 0x60 below their katakana (ァ U+30A1 … ヶ U+30F6, ヽヾ U+30FD, U+30FE) in Unicode.
_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in [*range(0x3041, 0x3097), 0x309D, 0x309E]}
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
    text = " ".join(unicodedata.normalize("NFKC", reading).split())
    katakana = text.translate(_HIRAGANA_TO_KATAKANA)
    refused = "".join(dict.fromkeys(c for c in katakana if c not in _ACCEPTED))
    if refused:
        raise NotKanaError(reading, refused)
    return katakana
