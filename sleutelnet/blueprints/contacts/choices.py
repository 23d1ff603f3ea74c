"""Code lists of contacts: channels (issue 7) and topic tags (themes from the ESS guide §1.1, §3.1), in
labels.toml."""
from __future__ import annotations

from ...platform.labels import catalogues

CHANNELS, TOPICS = catalogues(__package__).tables("CHANNELS", "TOPICS")


def channel_label(code: str) -> str:
    return str(CHANNELS.get(code, code))


def topic_label(code: str) -> str:
    return str(TOPICS.get(code, code))
