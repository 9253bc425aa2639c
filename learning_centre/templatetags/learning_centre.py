from django import template
from django.utils.safestring import SafeString

from core.markdown import markdown_render

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return markdown_render(text)
