"""Phrases not tied to one language: the brand, emoji by mood, posts with HTML markup."""

from __future__ import annotations

BRAND = "Lumatel"

EMOJI = {"pos": ["👍", "🙏", "😊", "❤️"], "neg": ["😡", "🤬", "👎", "😤"], "neu": ["🤷", ""]}

# Posts with HTML / script markup (text kept verbatim; language and topics given).
HTML_POSTS = [
    ("en", ["network_quality"], "<b>Worst</b> provider ever, no signal for 3 days @Lumatel"),
    ("en", ["app_website"], "<script>alert(1)</script> your app is down again"),
    (
        "ru",
        ["staff_attitude"],
        '<a href="https://lumatel.example/shop">Люмател</a> спасибо '
        "девушке в салоне, очень вежливая",
    ),
    ("uk", ["billing_payments"], "Знову неправильний рахунок<br>дякую, <i>Люмател</i>"),
    (
        "ro",
        ["problem_resolution"],
        "<p>Mulțumesc că ați rezolvat problema cu internetul &amp; atât de repede!</p>",
    ),
    ("en", ["price_value"], '<div onclick="steal()">prices up AGAIN &gt;:(</div>'),
]
