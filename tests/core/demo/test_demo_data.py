"""The demo's survey answers and interview codings, as core.demo makes them."""

from dxtalent.core.demo.interviews import CODERS, CODINGS, TRANSCRIPTS, demo_codings
from dxtalent.core.demo.survey import DEPARTMENTS, generate_answers
from dxtalent.core.surveys import instrument_from_tables, instrument_to_dict, shipped_tables

INSTRUMENT = instrument_to_dict(instrument_from_tables(shipped_tables()))


def test_each_invited_organisation_answers_for_both_departments_and_only_the_last_is_a_draft():
    answers = generate_answers(INSTRUMENT, 2, seed=2025)
    assert [(a.respondent, a.department) for a in answers] == [
        (o, d) for o in range(2) for d in DEPARTMENTS
    ]
    assert [a.submitted for a in answers] == [True, True, True, False]
    assert len(answers[-1].answers) == 1


def test_the_same_seed_gives_the_same_answers_and_another_seed_others():
    assert generate_answers(INSTRUMENT, 2, seed=7) == generate_answers(INSTRUMENT, 2, seed=7)
    assert generate_answers(INSTRUMENT, 2, seed=7) != generate_answers(INSTRUMENT, 2, seed=8)


def test_only_questions_asked_of_the_department_are_answered_with_its_options():
    questions = {q["code"]: q for q in INSTRUMENT["questions"]}
    for answer in generate_answers(INSTRUMENT, 2, seed=2025):
        for code, chosen in answer.answers.items():
            question = questions[code]
            assert answer.department in question["departments"]
            assert set(chosen) <= {o["code"] for o in question["options"]}


def test_every_demo_coding_spans_its_phrase_within_the_transcript():
    codings = demo_codings()
    assert len(codings) == sum(len(who) for *_rest, who in CODINGS)
    for coding in codings:
        text = TRANSCRIPTS[coding.transcript][2]
        assert 0 <= coding.start < coding.end <= len(text)
        assert coding.coder in CODERS


def test_coder_b_takes_two_more_characters_than_coder_a_on_a_long_passage():
    long_passage = [c for c in demo_codings() if c.end - c.start > 32]
    by_start = {(c.transcript, c.start, c.coder): c.end for c in long_passage}
    pairs = [(k, v) for k, v in by_start.items() if k[2] == "B" and (k[0], k[1], "A") in by_start]
    assert pairs
    for (transcript, start, _coder), end in pairs:
        assert end == min(by_start[(transcript, start, "A")] + 2, len(TRANSCRIPTS[transcript][2]))
