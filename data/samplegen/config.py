"""Constants of the sample data set: window, languages, planted drivers, catalogues.

``PLANTED`` and ``EVENTS`` are the planted truth that TRUTH.json reports and the pipeline
should recover; the other tables set the mix of regions, channels, products and sources.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

Row = dict[str, Any]  # one record / note on its way to a file

DEFAULT_SEED = 7
WINDOW_START = datetime(2026, 5, 1)
WINDOW_END = datetime(2026, 10, 31, 23, 59, 59)
LANGS = ("en", "ru", "uk", "ro")

# topic -> (planted effect on the 0-10 score, polarity of every mention, mention weight)
PLANTED: dict[str, tuple[float, str, float]] = {
    "product_quality": (1.0, "positive", 8),
    "price_value": (-1.2, "negative", 10),
    "billing_payments": (-2.5, "negative", 9),
    "delivery": (0.5, "positive", 4),
    "waiting_speed": (-1.5, "negative", 10),
    "staff_attitude": (1.0, "positive", 10),
    "staff_competence": (0.8, "positive", 6),
    "problem_resolution": (1.5, "positive", 7),
    "app_website": (-0.8, "negative", 7),
    "network_quality": (-2.0, "negative", 8),
    "contract_tariff": (-1.0, "negative", 5),
    "personalization": (0.0, "neutral", 4),
    "channel_consistency": (-0.6, "negative", 4),
    "trust_honesty": (-1.8, "negative", 4),
    "loyalty_program": (0.0, "neutral", 5),
    "cancellation": (-3.0, "negative", 3),
}
TOPICS = tuple(PLANTED)
SIGN = {"positive": 1, "negative": -1, "neutral": 0}
# Month-specific multipliers on topic mention weights (the "why did NPS move" story).
EVENTS: list[Row] = [
    {
        "month": "2026-07",
        "topic": "network_quality",
        "weight_x": 3.0,
        "story": "storm damage to towers in July: many signal/outage complaints",
    },
    {
        "month": "2026-09",
        "topic": "billing_payments",
        "weight_x": 4.0,
        "story": "billing system migration in September: many wrong/double bills",
    },
]
SEGMENT_ADJ = {"mass": 0.0, "premium": 0.3, "business": -0.4}
BASE_MEAN, BASE_SD, NOISE_SD = 8.6, 1.2, 0.9
MD_REGIONS = ["Кишинёв", "Бельцы", "Кагул", "Унгены", "Орхей"]
UA_REGIONS = ["Киев", "Львов", "Одесса", "Харьков", "Днепр"]
LANG_BY_COUNTRY = {"md": {"ro": 0.5, "ru": 0.3, "en": 0.2}, "ua": {"uk": 0.5, "ru": 0.3, "en": 0.2}}
CHANNELS = {"web": 0.3, "email": 0.25, "sms": 0.15, "app": 0.2, "phone": 0.1}
PRODUCTS = [
    "Mobile S",
    "Mobile L",
    "Mobile Unlimited",
    "Home Internet 300",
    "Home Internet 1G",
    "TV Plus",
    "Smartphone (shop)",
]
APP_PRODUCT = "Lumatel app"
REVIEW_SOURCES = {
    "en": {"google": 0.4, "trustpilot": 0.3, "app_store": 0.15, "google_play": 0.15},
    "ru": {"otzovik": 0.4, "google": 0.3, "google_play": 0.2, "app_store": 0.1},
    "uk": {"google": 0.5, "google_play": 0.3, "app_store": 0.2},
    "ro": {"google": 0.4, "facebook": 0.35, "google_play": 0.15, "app_store": 0.1},
}
PLATFORMS = {
    "en": {"x": 0.5, "reddit": 0.25, "facebook": 0.25},
    "ru": {"telegram": 0.45, "facebook": 0.3, "x": 0.25},
    "uk": {"telegram": 0.4, "facebook": 0.35, "instagram": 0.25},
    "ro": {"facebook": 0.6, "instagram": 0.3, "x": 0.1},
}
