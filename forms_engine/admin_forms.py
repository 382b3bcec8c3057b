import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.blocks import BlockField


class FormDefinitionAdminForm(WagtailAdminModelForm):
    """The form editor: destinations chosen as blocks (stored as the plain list the delivery reads); tells its
    script which names are frozen (the form has submissions) and what the add buttons say. The freeze itself is
    enforced by FormDefinition.clean()."""

    def __init__(self, *args, **kwargs):
        from forms_engine.destinations.blocks import destinations_block, to_stream

        super().__init__(*args, **kwargs)
        # Built here, not at import: destination plugins register when the apps are ready.
        block = destinations_block()
        self.fields["destinations"] = BlockField(
            block=block,
            required=False,
            label=gettext_lazy("Extra bestemmingen"),
            help_text=gettext_lazy(
                "Naast de zaak (als er een zaaktype is gekozen): een mailbox, een webhook of een ZGW-zaaksysteem. "
                "Geheimen en wachtwoorden staan in omgevingsvariabelen; hier staat alleen hun naam."
            ),
        )
        self.initial["destinations"] = to_stream(block, self.instance.destinations or [])
        has_submissions = bool(self.instance.pk) and self.instance.submissions.exists()
        frozen = sorted(self.instance.stored_keys()) if has_submissions else []
        self.fields["name"].widget.attrs["data-form-editor"] = json.dumps(
            {
                "frozen_keys": frozen,
                "slug_frozen": has_submissions,
                "frozen_text": _("Er zijn al inzendingen met deze naam; hij kan niet meer veranderen."),
                "add_step": _("Stap toevoegen"),
                "add_field": _("Vraag toevoegen"),
                "add_option": _("Antwoordmogelijkheid toevoegen"),
                "add_destination": _("Bestemming toevoegen"),
                "option_label": _("Antwoordmogelijkheid"),
            }
        )

    def clean_destinations(self):
        from forms_engine.destinations.blocks import from_stream

        return from_stream(self.cleaned_data["destinations"] or [])
