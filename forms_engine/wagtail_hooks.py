from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from forms_engine.models import FormDefinition


class FormDefinitionViewSet(SnippetViewSet):
    model = FormDefinition
    icon = "form"
    menu_label = _("Formulieren")
    menu_name = "forms"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug", "live", "latest_revision_created_at"]
    search_fields = ["name"]


register_snippet(FormDefinitionViewSet)
