"""StreamField blocks editors compose pages from. Each renders with NL Design System classes."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class TextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Tekst")
        template = "cms/blocks/text.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Informatie")), ("warning", _("Let op")), ("ok", _("Goed om te weten"))],
        default="info",
        label=_("Soort"),
        help_text=_("Bepaalt kleur en pictogram; de soort wordt ook als tekst voorgelezen."),
    )
    title = blocks.CharBlock(max_length=120, label=_("Titel"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul"], label=_("Tekst"))

    class Meta:
        icon = "warning"
        label = _("Opvallend bericht")
        template = "cms/blocks/callout.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, label=_("Vraag"))
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Antwoord"))


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False, max_length=120, label=_("Kop"), help_text=_("Bijvoorbeeld 'Veelgestelde vragen'.")
    )
    items = blocks.ListBlock(QuestionBlock(), min_num=1, label=_("Vragen"))

    class Meta:
        icon = "list-ul"
        label = _("Uitklaplijst / veelgestelde vragen")
        template = "cms/blocks/accordion.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Stap"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link"], required=False, label=_("Toelichting"))


class StepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False, max_length=120, label=_("Kop"), help_text=_("Bijvoorbeeld 'Zo werkt het'.")
    )
    steps = blocks.ListBlock(StepBlock(), min_num=1, label=_("Stappen"))

    class Meta:
        icon = "order"
        label = _("Stappenplan")
        template = "cms/blocks/steps.html"


class ContactBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default=_("Contact"), max_length=120, label=_("Kop"))
    phone = blocks.CharBlock(required=False, max_length=40, label=_("Telefoon"), help_text=_("Bijvoorbeeld 14 0123."))
    email = blocks.EmailBlock(required=False, label=_("E-mail"))
    address = blocks.TextBlock(required=False, label=_("Adres"), help_text=_("Bezoekadres; elke regel apart."))
    opening_hours = blocks.TextBlock(required=False, label=_("Openingstijden"), help_text=_("Elke regel apart."))

    class Meta:
        icon = "mail"
        label = _("Contactgegevens")
        template = "cms/blocks/contact.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        max_length=120, required=False, label=_("Linktekst"), help_text=_("Leeg: de titel van de pagina.")
    )
    page = blocks.PageChooserBlock(required=False, label=_("Pagina op deze site"))
    url = blocks.URLBlock(required=False, label=_("Of een adres op een andere site"))

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Kies een pagina óf vul een adres in, niet allebei."))}
            )
        if value.get("url") and not value.get("title"):
            raise StructBlockValidationError(
                block_errors={"title": ValidationError(_("Een link naar een andere site heeft een linktekst nodig."))}
            )
        return value

    class Meta:
        template = "cms/blocks/link.html"


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, label=_("Kop"))
    links = blocks.ListBlock(LinkBlock(), min_num=1, label=_("Links"))

    class Meta:
        icon = "link"
        label = _("Lijst met links")
        template = "cms/blocks/link_list.html"


class BodyBlock(blocks.StreamBlock):
    text = TextBlock()
    callout = CalloutBlock()
    accordion = AccordionBlock()
    steps = StepsBlock()
    contact = ContactBlock()
    link_list = LinkListBlock()
