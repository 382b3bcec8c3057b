import json

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


class FormDefinitionAdminForm(WagtailAdminModelForm):
    """The form editor: tells its script which names are frozen (the form has submissions) and what the add
    buttons say. The freeze itself is enforced by FormDefinition.clean()."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
            }
        )
