from django import forms
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.notices.widgets import AreaMapWidget
from portal.reports import client_apps
from portal.reports.backoffice import is_report_handler
from portal.reports.models import Category, District


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("meldingen/apps/", include("portal.reports.client_apps")),
        path("meldingen/", include("portal.reports.backoffice")),
    ]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_report_handler(request.user)


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(_("Meldingen"), reverse("reports_backoffice:list"), icon_name="warning", order=155)


class ClientAppsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(client_apps.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_client_apps_menu_item():
    return ClientAppsMenuItem(_("Apps (Open311)"), reverse("reports_apps:list"), icon_name="mobile-alt", order=158)


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Meldingscategorieën")
    menu_order = 156
    add_to_admin_menu = True
    list_display = ["__str__", "team", "handling_days", "is_public", "is_active"]
    list_filter = ["team", "is_public", "is_active"]
    search_fields = ["name", "code"]
    panels = [
        FieldPanel("parent"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
        FieldPanel("description"),
        InlinePanel("translations", heading=_("In andere talen"), label=_("Vertaling")),
        FieldRowPanel([FieldPanel("team"), FieldPanel("handling_days"), FieldPanel("order")]),
        FieldRowPanel([FieldPanel("is_public"), FieldPanel("is_active"), FieldPanel("photo_required")]),
        FieldPanel("questions"),
        FieldPanel("example_texts"),
    ]


register_snippet(CategoryViewSet)


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_label = _("Wijken (meldingen)")
    menu_order = 157
    add_to_admin_menu = True
    list_display = ["name", "team", "order"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("boundary", widget=AreaMapWidget),
        FieldPanel("team"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("order"),
    ]


register_snippet(DistrictViewSet)
