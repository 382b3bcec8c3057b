from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.cases.selectors import is_case_handler


@hooks.register("register_admin_urls")
def register_case_urls():
    return [path("zaken/", include("portal.cases.backoffice.urls"))]


class CasesMenuItem(MenuItem):
    def is_shown(self, request):
        return is_case_handler(request.user)


@hooks.register("register_admin_menu_item")
def register_cases_menu_item():
    return CasesMenuItem(_("Zaken"), reverse("cases_backoffice:list"), icon_name="folder-open-inverse", order=150)


@hooks.register("register_admin_urls")
def register_case_type_text_urls():
    from portal.cases import translate

    urls = [path("<int:pk>/<str:language>/", translate.translate_case_type, name="translate")]
    return [path("zaaktypen/teksten/", include((urls, "cases_translate")))]
