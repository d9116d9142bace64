"""``{% panel shown %}``: render a panel contributed by another app, with its own context added
to the page's (see placetrain.lib.registry)."""

from __future__ import annotations

from django import template
from django.template.context import Context
from django.utils.safestring import SafeString

from placetrain.lib.registry import ShownPanel

register = template.Library()


@register.simple_tag(takes_context=True)
def panel(context: Context, shown: ShownPanel) -> SafeString:
    assert context.template is not None  # a tag renders inside a template
    tpl = context.template.engine.get_template(shown.template)
    with context.push(**shown.context):
        return tpl.render(context)
