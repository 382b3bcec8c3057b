from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.notices.models import NoticeCategory, NoticeRule
from portal.notices.widgets import AreaMapWidget


class NoticeCategoryViewSet(SnippetViewSet):
    model = NoticeCategory
    icon = "tag"
    list_display = ["name", "order"]
    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("order"),
        InlinePanel("translations", heading=_("In andere talen"), label=_("Vertaling")),
    ]


class NoticeRuleViewSet(SnippetViewSet):
    model = NoticeRule
    icon = "mail"
    list_display = ["name", "category", "kind", "active", "approved_at"]
    list_filter = ["kind", "category", "active"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("category"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("active"), FieldPanel("starts_on"), FieldPanel("ends_on")]),
        MultiFieldPanel(
            [
                FieldPanel("subject"),
                FieldPanel("body"),
                FieldRowPanel([FieldPanel("link_url"), FieldPanel("link_text")]),
            ],
            heading=_("Bericht"),
        ),
        InlinePanel("translations", heading=_("Het bericht in andere talen"), label=_("Vertaling")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("days_ahead"), FieldPanel("document_kind"), FieldPanel("age")]),
                FieldRowPanel([FieldPanel("tax_year"), FieldPanel("case_type")]),
            ],
            heading=_("Wie het krijgt (per aanleiding)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("area_geojson", widget=AreaMapWidget),
                FieldPanel("area_postcodes"),
                FieldPanel("area_neighbourhoods"),
            ],
            heading=_("Gebied (alleen bij een bericht voor een gebied)"),
        ),
    ]


class NoticesGroup(SnippetViewSetGroup):
    items = (NoticeRuleViewSet, NoticeCategoryViewSet)
    menu_icon = "mail"
    menu_label = _("Voormeldingen beheren")
    menu_name = "notices"
    menu_order = 175


register_snippet(NoticesGroup)


@hooks.register("register_admin_urls")
def register_notice_urls():
    from portal.notices import backoffice

    return [
        path("voormeldingen/", backoffice.overview, name="notices_overview"),
        path("voormeldingen/<uuid:uuid>/verzenden/", backoffice.area_send, name="notices_area_send"),
        path("voormeldingen/brieven/<uuid:uuid>/", backoffice.letter_batch_pdf, name="notices_letter_batch"),
        path("voormeldingen/brieven/<uuid:uuid>/verstuurd/", backoffice.letter_batch_sent, name="notices_letter_sent"),
    ]


class OverviewMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("notices.view_notice")


@hooks.register("register_admin_menu_item")
def register_overview_menu_item():
    return OverviewMenuItem(_("Voormeldingen: overzicht"), reverse("notices_overview"), icon_name="mail", order=176)
