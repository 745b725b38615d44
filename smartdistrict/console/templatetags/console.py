"""Template filters of the console."""

from django import template

from smartdistrict.console.display import local_name
from smartdistrict.feedback.models import Status

register = template.Library()


@register.filter(name="local_name")
def local_name_filter(thing) -> str:
    return local_name(thing)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (pagination, sorting)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def status_label(value: str) -> str:
    return dict(Status.choices).get(value, value)
