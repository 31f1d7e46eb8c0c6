"""Which students' interests make natural settings for which kinds of math.

Keyed by CCSS domain (the part of a code after the grade: RP, NS, EE, G, SP …). A match
only nudges the ranking; it never makes a topic ready or mastered.
"""

from __future__ import annotations

DOMAIN_INTERESTS: dict[str, frozenset[str]] = {
    # Ratios, rates and percents: recipes, speeds, prices, scores.
    "RP": frozenset(
        {
            "cooking",
            "baking",
            "music",
            "soccer",
            "basketball",
            "swimming",
            "cars",
            "shopping",
            "fashion",
            "horses",
            "skateboarding",
            "running",
            "cycling",
            "video games",
        }
    ),
    # Fractions, decimals, integers: measuring, money, temperatures, game scores.
    "NS": frozenset(
        {
            "cooking",
            "baking",
            "money",
            "space",
            "chess",
            "video games",
            "minecraft",
            "gardening",
            "camping",
        }
    ),
    "NF": frozenset({"cooking", "baking", "music", "gardening", "drawing"}),
    "NBT": frozenset({"money", "shopping", "space", "coding", "minecraft"}),
    # Expressions and equations: patterns, rules, programs.
    "EE": frozenset({"coding", "robots", "minecraft", "chess", "video games", "music"}),
    "OA": frozenset({"coding", "robots", "chess", "minecraft"}),
    # Geometry: building, drawing, designing.
    "G": frozenset(
        {
            "drawing",
            "minecraft",
            "gardening",
            "fashion",
            "skateboarding",
            "architecture",
            "robots",
            "camping",
        }
    ),
    "MD": frozenset({"gardening", "cooking", "camping", "drawing"}),
    # Statistics: data about the things they follow.
    "SP": frozenset(
        {
            "soccer",
            "basketball",
            "animals",
            "dinosaurs",
            "music",
            "swimming",
            "dance",
            "horses",
            "anime",
            "reading",
            "weather",
        }
    ),
}


def domain(code: str) -> str:
    parts = code.split(".")
    return parts[1] if len(parts) > 1 else ""


def matches(code: str, interests: list[str]) -> list[str]:
    """The student's interests that fit the topic's domain, in the student's order."""
    fitting = DOMAIN_INTERESTS.get(domain(code), frozenset())
    return [i for i in interests if i.strip().lower() in fitting]
