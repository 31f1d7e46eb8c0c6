"""The note to the student when the model's is rejected: two to four short, plain sentences
with no names, links or numbers other than the day's minutes."""

from __future__ import annotations

import re
from collections.abc import Mapping

from edugen.schemas import WeeklyPlan

_SAFE_TITLE = re.compile(r"^[A-Za-z][A-Za-z ,'-]*$")


def fallback_summary(plan: WeeklyPlan, titles: Mapping[str, str]) -> str:
    """Two to four short, plain sentences to the student; no names, links or other numbers."""
    days = [day.minutes for day in plan.days if day.tasks]
    if not days:
        return "There is no new work for you this week. Enjoy the break, and keep up the good work!"
    # A day runs short when its questions need less (plans.layout): then "up to" the longest.
    minutes = max(days)
    unit = "minute" if minutes == 1 else "minutes"
    most = "" if min(days) == minutes else "up to "
    sentences = [f"This week you will work for {most}{minutes} {unit} a day."]
    learning = [p for p in plan.picks if p.kind != "spaced review"]
    named = [t for t in (_plain_title(p.code, p.title, titles) for p in learning) if t][:2]
    if named:
        sentences.append(f"You will work on {' and '.join(named)}.")
    elif learning:
        sentences.append("You will learn some new things and go over some old ones.")
    changes = {c.change for c in plan.changes}
    if "stepped back" in changes:
        sentences.append("We will go back over a skill that helps, so the next step is easier.")
    elif "to spaced review" in changes or "harder" in changes:
        sentences.append("You did well last week, so some work moves on.")
    elif any(p.kind == "spaced review" for p in plan.picks):
        sentences.append("You will also look back at things you know, so you keep them.")
    sentences.append("Take your time and do your best!")
    return " ".join(sentences[:4])


def _plain_title(code: str, title: str, titles: Mapping[str, str]) -> str | None:
    """A title safe to show as is: words only, short, no digits or links."""
    text = titles.get(code, title).strip().rstrip(".")
    if not text or not _SAFE_TITLE.match(text) or len(text.split()) > 5:
        return None
    return text
