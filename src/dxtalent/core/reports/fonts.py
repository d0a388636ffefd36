"""The Japanese font the PDF reports embed: Noto Sans JP (SIL Open Font License 1.1), installed
by `make install` from the npm package @expo-google-fonts/noto-sans-jp into the package's
data/fonts folder. No system font is assumed or looked at."""

from __future__ import annotations

from pathlib import Path

FONT_FAMILY = "Noto Sans JP"
FONT_FILES = ("NotoSansJP_400Regular.ttf", "NotoSansJP_700Bold.ttf")
FONT_DIR = Path(__file__).resolve().parents[2] / "data" / "fonts"


class ReportFontMissingError(RuntimeError):
    """The Japanese font files are not installed."""


def font_dir(folder: Path = FONT_DIR) -> Path:
    """The folder holding the report fonts; ReportFontMissingError naming the missing files and
    how to install them when any is missing."""
    missing = [name for name in FONT_FILES if not (folder / name).is_file()]
    if missing:
        raise ReportFontMissingError(
            f"{', '.join(missing)} not found in {folder}: run `make install` (it copies Noto "
            "Sans JP from the npm package @expo-google-fonts/noto-sans-jp) to produce PDF reports"
        )
    return folder
