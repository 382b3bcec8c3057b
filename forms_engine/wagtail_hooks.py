from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from cms.admin_views import SnippetCreateWithoutAutosave
from forms_engine.models import FormDefinition
from portal.cases.models import CASE_SECTIONS_HOOK
from portal.core.translations import other_languages


def translate_buttons(definition, user, *, priority: int) -> list[Button]:
    """'Vertalen: English' for each of the site's other languages, for whoever may edit the form."""
    from forms_engine.translate import PERMISSION

    if not user.has_perm(PERMISSION):
        return []
    return [
        Button(
            _("Vertalen: %(language)s") % {"language": name},
            url=reverse("forms_translate:translate", kwargs={"pk": definition.pk, "language": code}),
            icon_name="globe",
            priority=priority,
        )
        for code, name in other_languages()
    ]


class FormDefinitionEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *translate_buttons(self.object, self.request.user, priority=5)]


class FormDefinitionViewSet(SnippetViewSet):
    model = FormDefinition
    icon = "form"
    menu_label = _("Formulieren")
    menu_name = "forms"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug", LiveStatusTagColumn(), UpdatedAtColumn()]
    search_fields = ["name"]
    add_view_class = SnippetCreateWithoutAutosave
    edit_view_class = FormDefinitionEditView


register_snippet(FormDefinitionViewSet)


@hooks.register("register_snippet_listing_buttons")
def form_translate_listing_buttons(snippet, user, next_url=None):
    return translate_buttons(snippet, user, priority=50) if isinstance(snippet, FormDefinition) else []


@hooks.register("register_admin_urls")
def register_translate_urls():
    from forms_engine.translate import translate_form

    urls = [path("<int:pk>/<str:language>/", translate_form, name="translate")]
    return [path("formulieren/vertalen/", include((urls, "forms_translate")))]


@hooks.register("register_admin_urls")
def register_delivery_urls():
    from forms_engine import backoffice

    urls = [
        path("", backoffice.registration_list, name="registrations"),
        path("<uuid:uuid>/opnieuw/", backoffice.registration_retry, name="retry"),
    ]
    return [path("afleveringen/", include((urls, "forms_backoffice")))]


@hooks.register("register_admin_urls")
def register_assist_urls():
    from forms_engine import backoffice

    urls = [
        path("", backoffice.assist_start, name="start"),
        path("stoppen/", backoffice.assist_stop, name="stop"),
    ]
    return [path("namens-inwoner/", include((urls, "forms_assist")))]


class AssistMenuItem(MenuItem):
    def is_shown(self, request):
        from forms_engine.assist import PERMISSION

        # The admin itself opens only after the second factor (StaffSecondFactorMiddleware); the view checks both.
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_assist_menu_item():
    return AssistMenuItem(_("Invullen namens inwoner"), reverse("forms_assist:start"), icon_name="user", order=150)


class DeliveriesMenuItem(MenuItem):
    def is_shown(self, request):
        from portal.cases.selectors import is_case_handler

        return is_case_handler(request.user)


@hooks.register("register_admin_menu_item")
def register_deliveries_menu_item():
    return DeliveriesMenuItem(_("Afleveringen"), reverse("forms_backoffice:registrations"), icon_name="mail", order=160)


@hooks.register(CASE_SECTIONS_HOOK)
def submission_on_the_case_page(*, request, case):
    from forms_engine.backoffice import case_submission_section

    return case_submission_section(request=request, case=case)
