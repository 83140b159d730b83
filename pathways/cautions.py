"""Safety cautions (pathway-rules.md, "Safety cautions the tool must show").

Caution id -> title and full plain-language text. Titles and texts are
English msgids (``N_`` marks them for Babel extraction; it returns the text
unchanged). Order here is the order the engine returns them in.
"""
from __future__ import annotations

from dataclasses import dataclass


def N_(text: str) -> str:
    """Mark a string for translation without translating it (Babel keyword)."""
    return text


@dataclass(frozen=True)
class Caution:
    id: str
    title: str
    text: str
    source: str  # which numbered caution or rule it comes from


_CAUTIONS = (
    Caution(
        "silent-call",
        N_("If you cannot speak on a 999 call"),
        N_("On a mobile, call 999, stay on the line and press 55 when you are asked. "
           "On a landline, just stay on the line: you do not need to press 55. "
           "Pressing 55 does not tell the police where you are. If you can say one thing, say where you are. "
           "If you are deaf or cannot speak, use 999 BSL (video relay, no need to register). "
           "Texting 999 (emergencySMS) only works if the phone was registered beforehand."),
        "Caution 3; R2-R5",
    ),
    Caution(
        "one-chance",
        N_("You may only get one chance to help"),
        N_("Forced marriage, 'honour'-based abuse and FGM: see the person on their own, straight away, somewhere private. "
           "Do not contact their family, friends or community leaders, and do not tell them what was said. "
           "Do not try mediation, family counselling or reconciliation. "
           "Do not use family or community members to interpret: use an independent interpreter. "
           "Agree a safe way to stay in touch, such as a code word, and do not let the person leave without a safety plan."),
        "Caution 4; R58, R77",
    ),
    Caution(
        "leaving-is-risky",
        N_("Leaving can be the most dangerous time"),
        N_("The risk of serious harm often goes up when someone leaves, or is about to leave, an abusive partner. "
           "Plan when and how to go with an IDVA or a 24-hour helpline if you can. "
           "Take only essentials, and only if it is safe to get them."),
        "Caution 5; R12",
    ),
    Caution(
        "strangulation",
        N_("Choking or strangling is very serious"),
        N_("Being choked, strangled or smothered can cause hidden injuries, even with no marks. "
           "Get a medical check as soon as you can. It is a sign of high risk: speak to an IDVA or a helpline today."),
        "Caution 6; R12",
    ),
    Caution(
        "forensic-window",
        N_("After a sexual assault: evidence and time limits"),
        N_("If you can, avoid washing, eating or drinking, or using the toilet, and keep the clothes you wore in a paper bag. "
           "But go to the sexual assault referral centre or get medical care anyway, even if you have already washed. "
           "Evidence can often be collected up to 7 days afterwards, and you do not have to involve the police. "
           "Medicine to prevent HIV (PEP) must be started within 72 hours. "
           "Emergency contraception works best as soon as possible: some pills up to 72 hours, another up to 120 hours, "
           "and a copper coil up to 5 days."),
        "Caution 7; R29-R33",
    ),
    Caution(
        "dont-confront",
        N_("Do not confront them"),
        N_("Do not confront, argue or negotiate with a stalker or someone sharing or threatening to share images, "
           "and do not pay any demand for money. Keep evidence: screenshots with the web address, messages, "
           "and a diary of what happened and when."),
        "Caution 10; R61",
    ),
    Caution(
        "tech-safety",
        N_("Phones and devices may be watched"),
        N_("Phones, shared online accounts, location sharing, smart-home devices and 'find my' features can be used to monitor you. "
           "Check before you call or search, and use a phone or device that the person harming you cannot get at. "
           "Some freephone numbers do not show on phone bills, but check first."),
        "Caution 2",
    ),
    Caution(
        "clear-history",
        N_("Cover your tracks"),
        N_("Use the 'Leave this site' button if someone comes in. It replaces this page so Back does not return to it. "
           "If you can, use a private or incognito window, or a device the person harming you cannot use, "
           "and delete this site from your browser history. This site does not save your answers or use cookies."),
        "Caution 1",
    ),
    Caution(
        "no-mediation",
        N_("No mediation or couples counselling"),
        N_("Couples counselling, mediation or 'talking it through with the family' are not safe responses to domestic abuse, "
           "'honour'-based abuse or forced marriage. They can put the person at more risk."),
        "Caution 12; R58; A14",
    ),
    Caution(
        "confidentiality-limits",
        N_("What stays private, and what may be shared"),
        N_("Helplines such as Childline, Stop It Now and the Modern Slavery Helpline, and professionals, "
           "keep what you say private, except that they will share information if a child is at risk or a life is in danger."),
        "Caution 9; R45, R72, R73",
    ),
    Caution(
        "children-telling",
        N_("Talking with a child"),
        N_("Tell the child they are not in trouble and that they were right to tell. "
           "Be honest that a trusted adult may need to share what they say to keep them safe. Do not promise to keep a secret."),
        "Caution 11",
    ),
    Caution(
        "not-a-risk-assessment",
        N_("This is not a risk assessment"),
        N_("These answers can only suggest how serious things might be. They are not a risk assessment. "
           "A trained person such as an IDVA, a helpline adviser or the police can go through a proper risk check with you. "
           "If your answers suggest you could be at high risk, speak to an IDVA or a helpline today. "
           "A professional's judgement always counts more than any score."),
        "Caution 8; R10, R12",
    ),
)

CAUTIONS: dict[str, Caution] = {c.id: c for c in _CAUTIONS}
CAUTION_ORDER: tuple[str, ...] = tuple(c.id for c in _CAUTIONS)
