from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.opendata import views


@hooks.register("register_admin_urls")
def register_dashboard_url():
    return [path("zo-doen-we-het/", views.staff_dashboard, name="opendata_dashboard")]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("opendata.view_service_figures")


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(_("Zo doen we het"), reverse("opendata_dashboard"), icon_name="table", order=195)
