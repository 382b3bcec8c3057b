"""Charts drawn on the server with pygal, made fit for the portal's pages: no script, no inline styles (the
content security policy allows neither; the portal's stylesheet colours them), a stable id, and an accessible
name and description (role="img" with its <title> and <desc>). The same figures are always in a table beside it."""

import pygal
from django.utils.text import slugify
from lxml import etree

SVG = "http://www.w3.org/2000/svg"


def bar_chart(*, key: str, title: str, description: str, labels: list[str], values: list, maximum: float) -> str:
    chart = pygal.Bar(
        js=[],
        disable_xml_declaration=True,
        show_legend=False,
        width=720,
        height=300,
        range=(0, maximum),
        print_values=False,
        x_label_rotation=0,
        margin=12,
        style=pygal.style.Style(font_family="inherit"),
    )
    chart.x_labels = labels
    chart.add(title, values)
    return _accessible(chart.render(is_unicode=True), key=key, title=title, description=description)


def _accessible(svg: str, *, key: str, title: str, description: str) -> str:
    root = etree.fromstring(svg.encode())
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments
            continue
        element.attrib.pop("style", None)
    for name in ("script", "style", "title", "desc"):
        for element in root.findall(f".//{{{SVG}}}{name}"):
            element.getparent().remove(element)
    for comment in root.xpath("//comment()"):
        comment.getparent().remove(comment)
    chart_id = "grafiek-" + slugify(key)
    root.set("id", chart_id)
    root.set("class", "loket-chart__svg")
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-titel {chart_id}-beschrijving")
    name = etree.Element(f"{{{SVG}}}title", id=f"{chart_id}-titel")
    name.text = title
    desc = etree.Element(f"{{{SVG}}}desc", id=f"{chart_id}-beschrijving")
    desc.text = description
    root.insert(0, desc)
    root.insert(0, name)
    return etree.tostring(root, encoding="unicode")
