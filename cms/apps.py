from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Website")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Locale, Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from cms import chrome, i18n
        from cms.models import MunicipalitySettings, MunicipalityTranslation
        from cms.templatetags.cms_tags import kept_header, kept_include
        from jinja2 import pass_context
        from portal.core.jinja import register_functions

        register_functions(
            kept_header=pass_context(kept_header),
            kept_include=pass_context(kept_include),
            alternate_links=i18n.alternate_links,
            only_in_language_notice=i18n.only_in_language_notice,
        )
        for signal in (post_save, post_delete):
            signal.connect(i18n.forget_locales, sender=Locale, dispatch_uid=f"cms-locales-{id(signal)}")
            signal.connect(chrome.bump_version, sender=Locale, dispatch_uid=f"cms-chrome-locale-{id(signal)}")

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(chrome.bump_version, dispatch_uid=f"cms-chrome-{id(signal)}")
        post_delete.connect(chrome.bump_version, sender=Page, dispatch_uid="cms-chrome-page-delete")
        post_save.connect(
            chrome.bump_version_on_change, sender=MunicipalitySettings, dispatch_uid="cms-chrome-settings"
        )
        post_save.connect(chrome.bump_version, sender=Site, dispatch_uid="cms-chrome-site")
        for model in (MunicipalitySettings, Site):
            post_delete.connect(chrome.bump_version, sender=model, dispatch_uid=f"cms-chrome-delete-{model.__name__}")
        for signal in (post_save, post_delete):
            uid = f"cms-chrome-municipality-translation-{id(signal)}"
            signal.connect(chrome.bump_version, sender=MunicipalityTranslation, dispatch_uid=uid)
        # What public pages show besides pages (cms/public_cache.py keeps them per content version): who may see
        # a page, and the images and documents in its text.
        for model in (PageViewRestriction, get_image_model(), get_document_model()):
            for signal in (post_save, post_delete):
                uid = f"cms-content-{model.__name__}-{id(signal)}"
                signal.connect(chrome.bump_version, sender=model, dispatch_uid=uid)

        from portal.core.translation_overview import kinds

        kinds.register(
            "pages",
            _("Pagina's"),
            models=(),
            permission="simple_translation.submit_translation",
            items=i18n.page_items,
            order=10,
        )
        kinds.register_translatable(
            "municipality",
            _("Gegevens van de gemeente"),
            MunicipalitySettings.objects.all(),
            order=20,
            name=lambda municipality: municipality.name,
        )
