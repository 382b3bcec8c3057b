"""Checks on rendered HTML shared by the integration and browser tests."""

import itertools

from bs4 import BeautifulSoup


def heading_levels(html: str) -> list[int]:
    soup = BeautifulSoup(html, "html.parser")
    return [int(tag.name[1]) for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def heading_problems(levels: list[int]) -> list[str]:
    """Empty when the outline starts at one h1 and never skips a level on the way down."""
    problems = []
    if not levels or levels[0] != 1:
        problems.append(f"first heading is not h1: {levels[:1]}")
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} h1 elements")
    for previous, current in itertools.pairwise(levels):
        if current > previous + 1:
            problems.append(f"h{previous} followed by h{current}")
    return problems
