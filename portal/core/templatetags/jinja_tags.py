from django import template
from django.template import engines
from django.template.loader_tags import BlockNode
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def jinja_include(template_name: str, **context):
    """A part written for Jinja2 (jinja2/, see portal.core.jinja) inside a Django template, given only what it
    names. Its output is escaped by Jinja2 and marked safe."""
    return mark_safe(engines["jinja2"].get_template(template_name).render(context))  # noqa: S308 - escaped by Jinja2


class JinjaFrameNode(template.Node):
    def __init__(self, template_name: str, nodelist):
        self.template_name, self.nodelist = template_name, nodelist
        self.blocks = [node for node in nodelist if isinstance(node, BlockNode)]

    def render(self, context):
        # Rendered by Django first, with the page's overrides ({% extends %} finds these blocks in self.nodelist).
        blocks = {block.name: mark_safe(block.render(context)) for block in self.blocks}  # noqa: S308 - Django's output
        frame = engines["jinja2"].get_template(self.template_name).template  # Jinja2's own: no second context run
        return frame.render({**context.flatten(), "dtl_blocks": blocks})


@register.tag
def jinja_frame(parser, token):
    """`{% jinja_frame "base.html" %}{% block title %}…{% endblock %}…{% endjinja_frame %}`: the Jinja2 frame around a
    Django page. The blocks inside are the page's, rendered by Django; the frame gets them as `dtl_blocks` with the
    page's whole context, so a Django page and a Jinja2 page share one frame."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "'\"" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("{% jinja_frame %} takes one quoted template name")
    nodelist = parser.parse(("endjinja_frame",))
    parser.delete_first_token()
    return JinjaFrameNode(bits[1][1:-1], nodelist)
