from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.core import translation_overview


@hooks.register("register_admin_urls")
def register_translation_overview_url():
    return [path("vertalingen/", translation_overview.overview, name="translation_overview")]


class TranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(translation_overview.kinds.for_user(request.user))


@hooks.register("register_admin_menu_item")
def register_translations_menu_item():
    return TranslationsMenuItem(_("Vertalingen"), reverse("translation_overview"), icon_name="globe", order=230)
