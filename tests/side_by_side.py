"""Driving a side-by-side translation screen (portal/core/side_by_side.py) as an editor does."""

import re

from bs4 import BeautifulSoup


def fields_by_dutch(page: str) -> dict[str, str]:
    """{Dutch text: the name of the box beside it} from the screen."""
    soup = BeautifulSoup(page, "html.parser")
    found = {}
    for row in soup.select("li.loket-translate__row"):
        dutch = row.select_one(".loket-translate__dutch")
        dutch.select_one(".w-sr-only").extract()
        box = row.select_one("input, textarea")
        found[re.sub(r"\s+", " ", dutch.get_text()).strip()] = box["name"]
    return found


def post_side_by_side(client, url: str, page: str, changes: dict[str, str]):
    """Post the screen as an editor saves it: every box as it is, with `changes` (by Dutch text) typed in."""
    soup = BeautifulSoup(page, "html.parser")
    data = {"csrfmiddlewaretoken": soup.select_one("[name=csrfmiddlewaretoken]")["value"]}
    for box in soup.select(".loket-translate input, .loket-translate textarea"):
        data[box["name"]] = box.get("value", "") if box.name == "input" else box.get_text().lstrip("\n")
    names = fields_by_dutch(page)
    data.update({names[dutch]: value for dutch, value in changes.items()})
    return client.post(url, data)
