"""Admin pages of the alley programme. The register and households are written through
the services (the ward is found from the line, house numbers checked); proposals, money
and ballots are read here and worked on the ward's pages (/alleys/staff/), where every
rule applies. No page of the admin shows how a household voted."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from smartdistrict.alleys.models import (
    Alley,
    Ballot,
    EstimateItem,
    Expense,
    Household,
    Payment,
    Pledge,
    Proposal,
    ProposalEvent,
)
from smartdistrict.alleys.services.households import household_save
from smartdistrict.alleys.services.register import alley_upsert
from smartdistrict.core.errors import DomainError


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AlleyForm(forms.ModelForm):
    """Checks the line and finds its ward before saving, so a refusal shows on the field."""

    class Meta:
        model = Alley
        fields = ["name", "code", "geometry", "width_m", "surface", "drainage", "flooding",
                  "lighting", "households", "note", "location_approximate", "illustrative"]
        widgets = {"geometry": forms.Textarea(attrs={"rows": 4})}

    def clean_geometry(self) -> str:
        from smartdistrict.alleys.services.register import ward_of_line

        geometry = self.cleaned_data.get("geometry", "")
        try:
            ward_of_line(geometry)
        except DomainError as error:
            raise ValidationError(str(error.message)) from None
        return geometry


class HouseholdForm(forms.ModelForm):
    class Meta:
        model = Household
        fields = ["alley", "house_number", "head_name", "phone", "standing", "name_public",
                  "public_name"]

    def clean(self):
        cleaned = super().clean()
        alley = cleaned.get("alley")
        if alley is not None and self.instance.pk is None and Ballot.objects.filter(
                proposal__alley=alley, closed_at__isnull=True).exists():
            raise ValidationError(_(
                "A ballot is open on this alley: its list of households is fixed until it "
                "closes."))
        return cleaned


@admin.register(Alley)
class AlleyAdmin(admin.ModelAdmin):
    form = AlleyForm
    list_display = ["name", "code", "unit", "length_m", "households", "illustrative"]
    list_filter = ["illustrative", "surface", "flooding"]
    search_fields = ["name", "code"]
    readonly_fields = ["unit", "length_m", "created_at", "updated_at"]
    fields = ["name", "code", "geometry", "unit", "length_m", "width_m", "surface", "drainage",
              "flooding", "lighting", "households", "note", "location_approximate",
              "illustrative", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        try:
            saved = alley_upsert(
                code=obj.code, name=obj.name, geometry=obj.geometry, width_m=obj.width_m,
                surface=obj.surface, drainage=obj.drainage, flooding=obj.flooding,
                lighting=obj.lighting, households=obj.households, note=obj.note,
                location_approximate=obj.location_approximate, illustrative=obj.illustrative,
                actor=request.user,
            )
        except DomainError as error:
            messages.error(request, str(error.message))
            return
        obj.pk, obj.unit, obj.length_m = saved.pk, saved.unit, saved.length_m

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # proposals and households point at it


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    form = HouseholdForm
    list_display = ["house_number", "alley", "standing", "name_public"]
    list_filter = ["standing", "name_public"]
    search_fields = ["house_number", "alley__name"]
    autocomplete_fields = ["alley"]

    def save_model(self, request, obj, form, change):
        try:
            saved = household_save(
                alley=obj.alley, house_number=obj.house_number, head_name=obj.head_name,
                phone=obj.phone, standing=obj.standing, name_public=obj.name_public,
                public_name=obj.public_name, actor=request.user,
                household=Household.objects.get(pk=obj.pk) if obj.pk else None,
            )
        except DomainError as error:
            messages.error(request, str(error.message))
            return
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ItemInline(admin.TabularInline):
    model = EstimateItem
    extra = 0
    can_delete = False
    readonly_fields = ["description", "unit", "quantity", "unit_price_vnd", "amount_vnd"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class EventInline(ItemInline):
    model = ProposalEvent
    readonly_fields = ["created_at", "kind", "from_state", "to_state", "note", "public", "actor"]
    fields = readonly_fields


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "alley", "state", "estimate_vnd", "state_budget_vnd",
                    "households_vnd", "sponsors_vnd", "illustrative"]
    list_filter = ["state", "illustrative"]
    search_fields = ["code", "title", "alley__name"]
    inlines = [ItemInline, EventInline]


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "number", "online", "threshold_percent", "opened_at",
                    "closed_at", "reopened", "passed"]
    exclude = ["meeting_key_hash"]


@admin.register(Pledge)
class PledgeAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "household", "sponsor_name", "kind", "value_vnd", "pledged_on"]
    list_filter = ["kind"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["receipt_number", "proposal", "household", "payer_name", "amount_vnd",
                    "received_on"]
    search_fields = ["receipt_number"]


@admin.register(Expense)
class ExpenseAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "description", "source", "amount_vnd", "spent_on"]
    list_filter = ["source"]
