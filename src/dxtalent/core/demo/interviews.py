"""The synthetic interview project of the demo: three fictional municipalities' transcripts,
coded by two coders with the shipped codebook.

Everything here is invented. Coder A and coder B agree on most passages and differ on a few,
so the agreement page has something to show.
"""

from __future__ import annotations

from dataclasses import dataclass

PROJECT_NAME = "合成インタビュー（デモ：架空の3自治体）"
CODERS = ("A", "B")

# (file name, case attributes, transcript)
TRANSCRIPTS: tuple[tuple[str, dict[str, str], str], ...] = (
    (
        "架空のA市（中核市）.txt",
        {"規模": "中核市", "戦略": "1"},
        "聞き手：DX推進の体制について教えてください。\n"
        "担当者：係長が全体を見ていて、彼が異動したら回らなくなると皆が思っています。"
        "去年、IT企業出身の方を任期付で採用しましたが、議会や予算の段取りが分からず最初は苦労していました。\n"
        "聞き手：事業者との関係はいかがですか。\n"
        "担当者：見積りの内訳を一つずつ確認して、標準準拠に不要な改修を外してもらいました。"
        "移行費用が妥当かどうか判断できる人が庁内に少ないのが悩みです。",
    ),
    (
        "架空のB町（町村）.txt",
        {"規模": "町村", "戦略": "2"},
        "聞き手：人材の育成はどうしていますか。\n"
        "担当者：各課から推進員を一人ずつ選んで研修を受けてもらっています。ただ研修は夜のオンライン講座で、"
        "出るかどうかは本人次第です。\n"
        "聞き手：外部人材はどうですか。\n"
        "担当者：予算が足りず、CIO補佐官の費用は特別交付税で一部まかなっています。"
        "来てくれた方は、給料より子育てしやすい町だというのが決め手だったそうです。",
    ),
    (
        "架空のC市（一般市）.txt",
        {"規模": "一般市", "戦略": "1"},
        "聞き手：庁内の協力は得られていますか。\n"
        "担当者：福祉の窓口に何度も足を運び、電子申請で手間がどう減るかを見せて納得してもらいました。"
        "仕様書は最低三人で読み合わせないと抜けが出ます。\n"
        "聞き手：異動の影響は。\n"
        "担当者：やっと仕組みが分かった頃に異動になり、また一から教え直しです。",
    ),
)

# (transcript, phrase, code key, coders): coder A and coder B agree on most passages, differ on
# a few (one codes a passage the other leaves, or picks a wider span).
CODINGS: tuple[tuple[int, str, str, str], ...] = (
    (
        0,
        "係長が全体を見ていて、彼が異動したら回らなくなると皆が思っています",
        "central-figure",
        "AB",
    ),
    (0, "彼が異動したら回らなくなる", "rotation", "A"),
    (0, "IT企業出身の方を任期付で採用しました", "strategy-acquire", "AB"),
    (
        0,
        "議会や予算の段取りが分からず最初は苦労していました",
        "understanding-local-government",
        "AB",
    ),
    (
        0,
        "見積りの内訳を一つずつ確認して、標準準拠に不要な改修を外してもらいました",
        "negotiation",
        "AB",
    ),
    (0, "移行費用が妥当かどうか判断できる人が庁内に少ない", "vendor-lock-in", "B"),
    (1, "各課から推進員を一人ずつ選んで研修を受けてもらっています", "strategy-develop", "AB"),
    (1, "研修は夜のオンライン講座で、出るかどうかは本人次第です", "training-outside-hours", "AB"),
    (1, "予算が足りず、CIO補佐官の費用は特別交付税で一部まかなっています", "budget", "AB"),
    (1, "給料より子育てしやすい町だというのが決め手だった", "living-environment", "A"),
    (
        2,
        "福祉の窓口に何度も足を運び、電子申請で手間がどう減るかを見せて納得してもらいました",
        "leadership",
        "AB",
    ),
    (2, "仕様書は最低三人で読み合わせないと抜けが出ます", "specification", "AB"),
    (2, "やっと仕組みが分かった頃に異動になり、また一から教え直しです", "rotation", "AB"),
)


@dataclass(frozen=True)
class DemoCoding:
    """One coder's coding of a passage: transcript index into TRANSCRIPTS, start and end as
    character offsets into its text (end exclusive), the shipped codebook key, the coder."""

    transcript: int
    start: int
    end: int
    code: str
    coder: str


def demo_codings() -> tuple[DemoCoding, ...]:
    """CODINGS as character spans, in the order they are written: each passage, then each
    coder who coded it. Coder B takes two more characters on passages longer than 30
    characters (near, not exact, agreement); an end never passes the transcript's end."""
    found = []
    for index, phrase, key, who in CODINGS:
        text = TRANSCRIPTS[index][2]
        start = text.index(phrase)
        for letter in who:
            end = start + len(phrase) + (2 if letter == "B" and len(phrase) > 30 else 0)
            found.append(DemoCoding(index, start, min(end, len(text)), key, letter))
    return tuple(found)
