from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.appointments.models import CeremonyType, Location, Product, Resource


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "tag"
    list_display = ["name", "duration_minutes", "max_persons", "allow_anonymous", "active"]


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    list_display = ["name", "city", "slot_minutes"]


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "user"
    list_display = ["name", "kind", "location", "active"]
    list_filter = ["kind", "location"]


class CeremonyTypeViewSet(SnippetViewSet):
    model = CeremonyType
    icon = "pick"
    list_display = ["name", "fee", "duration_minutes"]


class AppointmentsGroup(SnippetViewSetGroup):
    items = (ProductViewSet, LocationViewSet, ResourceViewSet, CeremonyTypeViewSet)
    menu_icon = "date"
    menu_label = _("Afspraken beheren")
    menu_name = "appointments"
    menu_order = 170


register_snippet(AppointmentsGroup)


@hooks.register("register_admin_urls")
def register_day_list_urls():
    from portal.appointments import backoffice

    return [path("afspraken/", backoffice.day_list, name="appointments_day_list")]


class DayListMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("appointments.view_booking")


@hooks.register("register_admin_menu_item")
def register_day_list_menu_item():
    return DayListMenuItem(_("Dagoverzicht afspraken"), reverse("appointments_day_list"), icon_name="date", order=165)
