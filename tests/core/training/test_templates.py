"""The paper's training programme as a template: Kanazawa's workshops (Nakagawa 2025,
"Method" and footnote 8), each figure with its source, and nothing the paper does not say."""

from __future__ import annotations

import copy

import pytest
import yaml

from dxtalent.core.frameworks import InvalidPackError
from dxtalent.core.planning import defaults
from dxtalent.core.training import (
    KANAZAWA,
    UnknownTemplateError,
    shipped_template,
    shipped_templates,
    template_from_dict,
)
from tests.paper import the_paper


def kanazawa_pack() -> dict:
    from importlib.resources import files

    text = files("dxtalent.data.programmes").joinpath("nakagawa-2025-kanazawa.yaml")
    return yaml.safe_load(text.read_text(encoding="utf-8"))


def test_the_kanazawa_template_holds_the_papers_figures_with_their_sources():
    template = shipped_template(KANAZAWA)
    assert (template.hours, template.months, template.seats_per_year) == (200, 7, 20)
    assert template.figure("development_years").value == 10
    assert template.figure("departments").value == 3
    seats = template.figure("seats_per_year")
    assert seats.approximate and seats.footnote == 8 and seats.section == "Method"
    assert seats.source == (
        'Nakagawa 2025, "Method", footnote 8: '
        '"totaling approximately 20 individuals every fiscal year"'
    )
    assert "30s and 40s" in template.figure("participants").text.en
    assert "invitation" in template.figure("eligibility").text.en
    content = template.figure("content").text.en
    assert "digital service design" in content and "vendor lock-in" in content
    assert template.programme_kind == "internal_training" and not template.is_external


def test_what_the_paper_does_not_say_is_marked_unknown_not_guessed():
    template = shipped_template(KANAZAWA)
    for key in ("cost_per_seat", "outside_working_hours", "skills"):
        assert not template.is_published(key), key
        with pytest.raises(KeyError, match=key):
            template.figure(key)
    assert template.is_published("hours")
    notes = template.notes("en")
    assert "The paper does not give the cost per seat." in notes
    assert "in or outside working hours" in notes
    assert "1人あたりの費用は論文に書かれていない。" in template.notes("ja")


def test_each_figure_quotes_the_paper_in_the_section_or_footnote_it_cites():
    paper = the_paper()
    for figure in shipped_template(KANAZAWA).figures:
        if figure.footnote is None:
            assert figure.passage in paper.section(figure.section), figure.key
        else:
            assert figure.passage in paper.footnotes[figure.footnote], figure.key
            assert paper.footnote_sections[figure.footnote] == figure.section, figure.key


def test_the_papers_text_never_says_when_kanazawas_workshops_are_held_or_what_they_cost():
    paper = the_paper()
    method = paper.section("Method")
    kanazawa = method[method.index("city government of Kanazawa") :]
    kanazawa = kanazawa[: kanazawa.index("Some local governments have met")]
    for word in ("working hours", "yen", "cost", "budget", "evening"):
        assert word not in kanazawa


def test_the_planners_training_defaults_come_from_the_template():
    template = shipped_template(KANAZAWA)
    assert template.months == defaults.TRAINING_MONTHS
    assert template.seats_per_year == defaults.TRAINING_SEATS_PER_YEAR


def test_the_notes_list_each_passage_once_with_its_section():
    notes = shipped_template(KANAZAWA).notes("en").splitlines()
    assert notes[0] == "After the case of Kanazawa City (Nakagawa 2025)."
    assert notes[1] == '- 200 hours of workshops over seven months ("Method")'
    assert '- approximately 20 participants every fiscal year ("Method", footnote 8)' in notes
    assert not any(line.startswith("- seven months") for line in notes)
    statements = [f.key for f in shipped_template(KANAZAWA).statements()]
    assert "months" not in statements and "departments" not in statements
    assert statements[:2] == ["hours", "seats_per_year"] and len(statements) == 7


def test_an_unknown_template_code_names_the_templates_there_are():
    with pytest.raises(UnknownTemplateError, match=KANAZAWA):
        shipped_template("NAKAGAWA-2025-KOBE")
    assert list(shipped_templates()) == [KANAZAWA]


def test_a_pack_with_problems_is_refused_with_every_problem_listed():
    pack = copy.deepcopy(kanazawa_pack())
    pack["programme_kind"] = "evening_school"
    pack["figures"][0]["section"] = "Theoretical Framework"
    pack["figures"][1]["value"] = -7
    pack["figures"][2]["footnote"] = 21
    pack["figures"][3]["passage"] = ""
    pack["not_published"].append({"key": "hours", "text": {"ja": "不明", "en": "unknown"}})
    with pytest.raises(InvalidPackError) as raised:
        template_from_dict(pack, "broken.yaml")
    message = str(raised.value)
    assert "broken.yaml: programme_kind: 'evening_school'" in message
    assert "figures[0].section: 'Theoretical Framework' — a section of the paper" in message
    assert "figures[1].value: -7 — a whole number ≥ 0" in message
    assert "figures.months: no whole-number value" in message
    assert "figures[2].footnote: 21 — a footnote number from 1 to 20" in message
    assert "figures[3].passage: '' — a non-empty text" in message
    assert 'not_published[3].key: "hours" is also a figure' in message
    assert len(raised.value.problems) == 7


def test_a_pack_without_the_figures_a_programme_needs_is_refused():
    pack = copy.deepcopy(kanazawa_pack())
    pack["figures"] = [f for f in pack["figures"] if f["key"] != "seats_per_year"]
    with pytest.raises(InvalidPackError, match=r"figures\.seats_per_year: no whole-number value"):
        template_from_dict(pack, "short.yaml")
