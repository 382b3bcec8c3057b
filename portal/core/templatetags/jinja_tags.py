from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def jinja_include(template_name: str, **context):
    """A part written for Jinja2 (jinja2/, see portal.core.jinja) inside a Django template, given only what it
    names. Its output is escaped by Jinja2 and marked safe."""
    return mark_safe(engines["jinja2"].get_template(template_name).render(context))  # noqa: S308 - escaped by Jinja2
