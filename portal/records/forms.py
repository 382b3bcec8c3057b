from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from portal.records import retention
from portal.records.models import LegalHold


class LegalHoldForm(WagtailAdminModelForm):
    kind = forms.ChoiceField(label=_("Soort"), choices=retention.kind_choices)

    class Meta:
        model = LegalHold
        fields = ["kind", "identification", "reason"]

    def clean(self):
        data = super().clean()
        kind, identification = data.get("kind"), (data.get("identification") or "").strip()
        if kind and identification:
            data["identification"] = identification
            if not retention.rule(kind).exists(identification):
                self.add_error(
                    "identification", _("Er is geen %(kind)s met dit nummer.") % {"kind": retention.label(kind)}
                )
        return data


class ReviewForm(forms.Form):
    """Per item: keep it (with why) or let it go; built from the list's items."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"keep_{item.pk}"] = forms.BooleanField(
                label=_("%(identification)s niet vernietigen") % {"identification": item.identification},
                required=False,
            )
            self.fields[f"why_{item.pk}"] = forms.CharField(
                label=_("Waarom niet (%(identification)s)") % {"identification": item.identification},
                required=False,
                max_length=300,
            )

    def clean(self):
        data = super().clean()
        for item in self.items:
            if data.get(f"keep_{item.pk}") and not (data.get(f"why_{item.pk}") or "").strip():
                self.add_error(f"why_{item.pk}", _("Zeg waarom dit niet vernietigd mag worden."))
        return data

    def excluded(self) -> dict[int, str]:
        return {
            item.pk: self.cleaned_data[f"why_{item.pk}"] for item in self.items if self.cleaned_data[f"keep_{item.pk}"]
        }

    def rows(self):
        return [(item, self[f"keep_{item.pk}"], self[f"why_{item.pk}"]) for item in self.items]


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reden van afwijzing"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)
