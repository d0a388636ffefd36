"""Each diagnostic rule's source (the paper's section or MIC's document it rests on), the same
in a short sentence the reader can act on, and its name."""

from __future__ import annotations

from collections.abc import Mapping

from dxtalent.core.i18n import Phrase, gettext_noop

SOURCES: Mapping[str, str] = {
    "central-figure": (
        'Nakagawa 2025, "Discussion": a single central figure handles communication (1), '
        'leadership (2), negotiation (3) and specification documents; "Conclusion": '
        "exceptional local civil servants serving as control towers"
    ),
    "coordinating-staff": (
        'Nakagawa 2025, "Discussion": "alongside the central figure, the DX or digital '
        "department should include a minimum of two additional ones who are proficient in "
        'tasks related to abilities (1, 2, and 3) and the creation of specification documents"'
    ),
    "specification-team": (
        'Nakagawa 2025, "Discussion": "creating specification documents typically demands the '
        'involvement of at least three staff members"'
    ),
    "mic-roles": (
        "MIC 2022, 自治体DX推進のための外部人材スキル標準: four talent profiles, a menu from which "
        "each municipality chooses (https://blogs.itmedia.co.jp/business20/2022/07/post_7737.html); "
        "role targets and the fit threshold: dxtalent"
    ),
    "bus-factor": (
        'dxtalent, from Nakagawa 2025, "Discussion": staff rotate every three to five years, '
        "so no critical capability should rest on one person"
    ),
    "succession": (
        'Nakagawa 2025, "Discussion": staff rotate every three to five years unless in '
        "specialised posts; the central figure must recruit and groom at least two staff and "
        'nurture people without experience from the ground up; "Data and Empirics": many staff '
        "cannot attend training during working hours, so growing a successor takes time"
    ),
    "external-pairing": (
        'Nakagawa 2025, "Conclusion": digital professionals lack an understanding of how local '
        "governments function; strong relationships between digital professionals and in-house "
        "digital experts are key (Yurihonjo, Sakata, Nagai)"
    ),
    "negotiation-capacity": (
        'Nakagawa 2025, "Discussion", third challenge: vendor lock-in, information asymmetry, '
        "contracts of a year or longer; one negotiator per N contracts: dxtalent's assumption"
    ),
}

# Each rule's source in a short sentence the reader can act on; the original quote (SOURCES)
# stays behind a disclosure on the page.
SOURCE_SUMMARIES: Mapping[str, Phrase] = {
    "central-figure": Phrase.of(
        gettext_noop(
            'Nakagawa (2025), "Discussion" and "Conclusion": one central figure handles the four '
            "abilities; the control towers are local civil servants."
        )
    ),
    "coordinating-staff": Phrase.of(
        gettext_noop(
            'Nakagawa (2025), "Discussion": at least two more staff with the same abilities '
            "besides the central figure."
        )
    ),
    "specification-team": Phrase.of(
        gettext_noop(
            'Nakagawa (2025), "Discussion": a specification usually takes at least three staff.'
        )
    ),
    "mic-roles": Phrase.of(
        gettext_noop(
            "MIC (2022) skill standard for external DX talent: four profiles to choose from; "
            "targets and the fit threshold are dxtalent's."
        )
    ),
    "bus-factor": Phrase.of(
        gettext_noop(
            'dxtalent, from Nakagawa (2025), "Discussion": staff rotate every 3–5 years, so no '
            "critical capability should rest on one person."
        )
    ),
    "succession": Phrase.of(
        gettext_noop(
            'Nakagawa (2025), "Discussion" and "Data and Empirics": staff rotate every 3–5 '
            "years; successors must be grown, and training in working hours is hard to attend."
        )
    ),
    "external-pairing": Phrase.of(
        gettext_noop(
            'Nakagawa (2025), "Conclusion": external professionals often do not know how local '
            "government works; pairing them with in-house staff is key."
        )
    ),
    "negotiation-capacity": Phrase.of(
        gettext_noop(
            'Nakagawa (2025), "Discussion": vendor lock-in and information asymmetry call for '
            "negotiators; contracts per negotiator is dxtalent's assumption."
        )
    ),
}

NAMES: Mapping[str, Phrase] = {
    "central-figure": Phrase.of(gettext_noop("Central figure (control tower)")),
    "coordinating-staff": Phrase.of(gettext_noop("Two more coordinating staff")),
    "specification-team": Phrase.of(gettext_noop("Specifications take three people")),
    "mic-roles": Phrase.of(gettext_noop("MIC's four roles")),
    "bus-factor": Phrase.of(gettext_noop("Capabilities resting on one person")),
    "succession": Phrase.of(gettext_noop("Rotation and successors")),
    "external-pairing": Phrase.of(
        gettext_noop("External professionals paired with in-house staff")
    ),
    "negotiation-capacity": Phrase.of(gettext_noop("Negotiation capacity for vendor contracts")),
}
