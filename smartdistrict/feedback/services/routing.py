"""Routing: (category, ward) → department, as data with an audited change log."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.core.errors import InvalidInput
from smartdistrict.feedback.config_cache import config, config_changed
from smartdistrict.feedback.models import Category, RoutingRule, RoutingRuleChange
from smartdistrict.geography.models import Unit
from smartdistrict.organisations.models import Department


def route(*, category: Category, ward_id: int) -> Department:
    """The department for a new report: the rule for (category, ward), else the ward's
    People's Committee. A ward with neither is a configuration error, said clearly."""
    snapshot = config()
    department = snapshot.rules.get((category.id, ward_id))
    if department is not None:
        return department
    committee = snapshot.committees.get(ward_id)
    if committee is None:
        ward = Unit.objects.get(pk=ward_id)
        raise InvalidInput(
            _("No department handles this category in %(ward)s yet.") % {"ward": ward.name},
            field="category",
            code="no_route",
        )
    return committee


@transaction.atomic
def routing_rule_set(
    *, category: Category, unit: Unit, department: Department, actor: User | None
) -> RoutingRule:
    """Create or change a rule. Applies to reports created from now on; logged."""
    rule = RoutingRule.objects.select_for_update().filter(category=category, unit=unit).first()
    old = rule.department if rule else None
    if rule is None:
        rule = RoutingRule.objects.create(category=category, unit=unit, department=department)
    elif rule.department_id != department.id:
        rule.department = department
        rule.save(update_fields=["department"])
    if old is None or old.id != department.id:
        RoutingRuleChange.objects.create(
            category=category, unit=unit, old_department=old, new_department=department,
            actor=actor,
        )
    config_changed()
    return rule


@transaction.atomic
def routing_rule_delete(*, rule: RoutingRule, actor: User | None) -> None:
    RoutingRuleChange.objects.create(
        category=rule.category, unit=rule.unit, old_department=rule.department,
        new_department=None, actor=actor,
    )
    rule.delete()
    config_changed()
