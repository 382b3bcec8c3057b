from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms import i18n
from cms.blocks import RICH_TEXT_FEATURES, BodyBlock
from cms.public_cache import mark_public
from portal.core.preview import FramedPreviewMixin, allow_editor_framing
from portal.core.translations import TextTranslation, Translatable


class LanguageAwarePageMixin:
    """A page read in the visitor's language where it has a version in it, else as it is at that language's
    address, its text marked with its own language (cms/i18n.py)."""

    def get_url_parts(self, request=None):
        return i18n.url_parts_in_interface(self, super().get_url_parts(request), request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["content_lang"] = i18n.lang_attribute(self)
        return context

    def serve(self, request, *args, **kwargs):
        """A visitor asking for the page in a language it has its own version in is sent there (with what follows
        the page's address: a form's "received" page, the query)."""
        if request.method in ("GET", "HEAD") and i18n.in_other_language(self):
            version = i18n.in_language([self])[0]
            if version is not self:
                here = i18n.page_url(self, request)
                rest = request.get_full_path()[len(here) :] if request.path.startswith(here) else ""
                return redirect(i18n.page_url(version, request) + rest)
        return super().serve(request, *args, **kwargs)


class SameForEveryVisitorMixin(LanguageAwarePageMixin):
    """A page type whose pages read the same for everybody who is not logged in (cms/public_cache.py keeps them)."""

    def serve(self, request, *args, **kwargs):
        return mark_public(super().serve(request, *args, **kwargs))


class HomePage(SameForEveryVisitorMixin, FramedPreviewMixin, Page):
    """The municipality's front page: a welcome, the top tasks residents come for, then free content."""

    intro = models.TextField(
        _("introductie"), blank=True, help_text=_("Eén of twee zinnen onder de titel, in gewone taal.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"), help_text=_("Inhoud onder de toptaken."))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("top_tasks", label=_("Toptaken"), heading=_("Toptaken"), max_num=8),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ServiceIndexPage", "cms.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")
        verbose_name_plural = _("startpagina's")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tasks = list(self.top_tasks.select_related("page"))
        targets = i18n.in_language(task.page for task in tasks)
        # A task's own title is written on this home page; without one it is the title of the page it leads to.
        context["top_tasks"] = [
            TopTaskLink(
                label=task.title or target.title,
                url=i18n.page_url(target, request),
                lang=i18n.lang_attribute(self if task.title else target),
            )
            for task, target in zip(tasks, targets, strict=True)
        ]
        return context

    def route(self, request, path_components):
        """A page without a version in this home page's language is found in the default language's tree, and read
        in this language's interface (cms/i18n.py)."""
        try:
            return super().route(request, path_components)
        except Http404:
            original = i18n.default_version(self)
            if original is None or original is self:
                raise
            return original.specific.route(request, path_components)


@dataclass(frozen=True)
class TopTaskLink:
    label: str
    url: str
    lang: str


class TopTask(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="top_tasks")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("pagina"),
        help_text=_("De pagina waar deze toptaak naartoe leidt, meestal een dienst."),
    )
    title = models.CharField(
        _("titel"), max_length=60, blank=True, help_text=_("Kort en in de woorden van inwoners. Leeg: paginatitel.")
    )

    panels = [PageChooserPanel("page"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("toptaak")
        verbose_name_plural = _("toptaken")

    @property
    def label(self) -> str:
        return self.title or self.page.title


class StandardPage(SameForEveryVisitorMixin, FramedPreviewMixin, Page):
    """A plain content page: about us, the accessibility and privacy statements, contact."""

    intro = models.TextField(_("introductie"), blank=True, help_text=_("Korte samenvatting boven de inhoud."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage", "cms.FormPage"]

    class Meta:
        verbose_name = _("standaardpagina")
        verbose_name_plural = _("standaardpagina's")


class ServiceIndexPage(SameForEveryVisitorMixin, FramedPreviewMixin, Page):
    """Lists every service (product) of the municipality, A to Z."""

    intro = models.TextField(_("introductie"), blank=True, help_text=_("Tekst boven de lijst met diensten."))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ServicePage"]

    class Meta:
        verbose_name = _("overzicht van diensten")
        verbose_name_plural = _("overzichten van diensten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Every service, also one without a version in this page's language yet (shown as it is, marked).
        original = i18n.default_version(self) or self
        services = ServicePage.objects.child_of(original).live().public().order_by("title")
        listed = Paginator(services, 50).get_page(request.GET.get("pagina"))
        listed.object_list = sorted(i18n.in_language(listed.object_list), key=lambda service: service.title.lower())
        context["services"] = listed
        return context


class ServicePage(SameForEveryVisitorMixin, FramedPreviewMixin, Page):
    """One municipal service (product): what it is, what it costs, what to bring, how long it takes."""

    def online_href(self) -> str:
        """Where 'Regel het online' goes: the form page an editor chose, else the address they typed, else the
        (first live) form page under this service, so a new form page is linked without further steps. A form page
        is linked in the visitor's language where it has a version in it."""
        if self.online_page_id and self.online_page.live:
            form_page = self.online_page
        elif self.online_url:
            return self.online_url
        else:
            form_page = FormPage.objects.child_of(self).live().first()
            original = None if form_page else i18n.default_version(self)
            if original is not None and original is not self:
                form_page = FormPage.objects.child_of(original).live().first()
        return i18n.in_language([form_page])[0].url if form_page else ""

    def clean(self):
        super().clean()
        if self.online_page_id and self.online_url:
            raise ValidationError({"online_url": _("Kies een formulierpagina óf vul een adres in, niet allebei.")})

    intro = models.TextField(
        _("samenvatting"), help_text=_("Wat regelt een inwoner hiermee? Eén of twee zinnen; ook getoond in lijsten.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("wat is het"))
    costs = RichTextField(
        _("kosten"), features=RICH_TEXT_FEATURES, blank=True, help_text=_("Bedragen van dit jaar, met wat erbij hoort.")
    )
    what_to_bring = RichTextField(
        _("wat neemt u mee"), features=RICH_TEXT_FEATURES, blank=True, help_text=_("Documenten en gegevens.")
    )
    lead_time = models.CharField(
        _("doorlooptijd"),
        max_length=200,
        blank=True,
        help_text=_("Hoe lang het duurt, bijvoorbeeld 'Binnen 5 werkdagen'. Dit is de servicenorm die inwoners zien."),
    )
    online_page = models.ForeignKey(
        "cms.FormPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("formulierpagina"),
        help_text=_(
            "Het formulier dat 'Regel het online' opent. Leeg: het adres hieronder, of anders de formulierpagina "
            "onder deze dienst."
        ),
    )
    online_url = models.CharField(
        _("adres van het online formulier"),
        max_length=500,
        blank=True,
        help_text=_(
            "Alleen voor een formulier buiten Loket, bijvoorbeeld https://formulieren.voorbeeldstad.nl/... Leeg en "
            "geen formulierpagina: de knop 'Regel het online' wordt als nog niet beschikbaar getoond."
        ),
    )
    appointment_url = models.CharField(
        _("adres om een afspraak te maken"),
        max_length=500,
        blank=True,
        help_text=_("Leeg: de knop 'Maak een afspraak' wordt als nog niet beschikbaar getoond."),
    )
    offers_online = models.BooleanField(
        _("kan online geregeld worden"), default=True, help_text=_("Toon de knop 'Regel het online'.")
    )
    offers_appointment = models.BooleanField(
        _("vraagt een afspraak"), default=False, help_text=_("Toon de knop 'Maak een afspraak'.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("offers_online"),
                PageChooserPanel("online_page", "cms.FormPage"),
                FieldPanel("online_url"),
                FieldPanel("offers_appointment"),
                FieldPanel("appointment_url"),
            ],
            heading=_("Regelen"),
        ),
        FieldPanel("body"),
        FieldPanel("costs"),
        FieldPanel("what_to_bring"),
        FieldPanel("lead_time"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("costs"),
        index.SearchField("what_to_bring"),
    ]

    parent_page_types = ["cms.ServiceIndexPage"]
    subpage_types = ["cms.FormPage"]

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")


class FormPage(LanguageAwarePageMixin, RoutablePageMixin, Page):
    """A published form on the public site: the resident fills it in here, step by step."""

    form = models.ForeignKey(
        "forms_engine.FormDefinition",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("formulier"),
        help_text=_(
            "Het formulier (onder Formulieren) dat op deze pagina wordt ingevuld. Alleen gepubliceerde versies."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("form")]
    parent_page_types = ["cms.ServicePage", "cms.StandardPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("formulierpagina")
        verbose_name_plural = _("formulierpagina's")

    @property
    def preview_modes(self):
        from forms_engine.preview import preview_modes

        return preview_modes()

    def serve_preview(self, request, mode_name):
        """The form as residents will fill it in (the form itself would first ask for DigiD)."""
        from forms_engine.preview import preview_context

        context = {"page": self, **preview_context(self.form, mode_name)}
        return allow_editor_framing(TemplateResponse(request, "forms_engine/preview.html", context))

    @path("")
    def fill_in(self, request):
        from forms_engine.wizard import form_view

        return form_view(request, definition=self.form, base_url=self.url)

    @path("ontvangen/")
    def received(self, request):
        from forms_engine.views import confirmation

        return confirmation(request, definition=self.form)


def _optional_page_link(verbose_name):
    return models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


@register_setting(icon="site")
class MunicipalitySettings(Translatable, ClusterableModel, BaseSiteSetting):
    """What the footer and every page header need to know about the municipality; its name, address and opening
    hours also in the site's other languages (`translations`), the default language's where one is left empty."""

    TRANSLATED = ("name", "address", "opening_hours")

    name = models.CharField(_("naam gemeente"), max_length=100, default="Gemeente Voorbeeldstad")
    phone = models.CharField(
        _("telefoon"), max_length=40, blank=True, help_text=_("Algemeen nummer, bijvoorbeeld 14 0123.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("bezoekadres"), blank=True, help_text=_("Elke regel apart."))
    opening_hours = models.TextField(_("openingstijden"), blank=True, help_text=_("Elke regel apart."))
    contact_page = _optional_page_link(_("contactpagina"))
    accessibility_page = _optional_page_link(_("toegankelijkheidsverklaring"))
    privacy_page = _optional_page_link(_("privacyverklaring"))

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("address"), FieldPanel("opening_hours")],
            heading=_("Contact"),
        ),
        InlinePanel("translations", heading=_("In andere talen"), label=_("Vertaling")),
        MultiFieldPanel(
            [
                PageChooserPanel("contact_page"),
                PageChooserPanel("accessibility_page"),
                PageChooserPanel("privacy_page"),
            ],
            heading=_("Vaste pagina's in de voettekst"),
        ),
    ]

    select_related = ["contact_page", "accessibility_page", "privacy_page"]

    class Meta:
        verbose_name = _("gemeente")


class MunicipalityTranslation(TextTranslation):
    """The municipality's name, address and opening hours in another language than the site's own."""

    municipality = ParentalKey(MunicipalitySettings, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(
        _("naam gemeente"), max_length=100, blank=True, help_text=_("Leeg: de naam zoals hierboven.")
    )
    address = models.TextField(_("bezoekadres"), blank=True, help_text=_("Elke regel apart. Leeg: zoals hierboven."))
    opening_hours = models.TextField(
        _("openingstijden"), blank=True, help_text=_("Elke regel apart. Leeg: zoals hierboven.")
    )

    panels = [FieldPanel("language"), FieldPanel("name"), FieldPanel("address"), FieldPanel("opening_hours")]

    class Meta(TextTranslation.Meta):
        constraints = [
            models.UniqueConstraint(fields=["municipality", "language"], name="one_translation_per_language")
        ]
