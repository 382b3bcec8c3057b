from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.admin_views import SnippetCreateWithoutAutosave
from forms_engine.models import FormDefinition
from portal.cases.models import CASE_SECTIONS_HOOK


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


register_snippet(FormDefinitionViewSet)


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
