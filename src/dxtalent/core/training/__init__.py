"""Training programmes: templates of published programmes, each figure with its source.

`shipped_templates()` → the templates in `dxtalent.data.programmes` (the Kanazawa case of
Nakagawa 2025); `template_from_dict(data, origin)` checks one in full and raises
InvalidPackError listing every problem.
"""

from dxtalent.core.training.templates import (
    KANAZAWA,
    NotPublished,
    ProgrammeTemplate,
    SourcedFigure,
    UnknownTemplateError,
    shipped_template,
    shipped_templates,
    template_from_dict,
)

__all__ = [
    "KANAZAWA",
    "NotPublished",
    "ProgrammeTemplate",
    "SourcedFigure",
    "UnknownTemplateError",
    "shipped_template",
    "shipped_templates",
    "template_from_dict",
]
