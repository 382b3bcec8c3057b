from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.cases.models import CaseType
from portal.records.forms import LegalHoldForm
from portal.records.models import LegalHold


class LegalHoldCreateView(CreateView):
    def save_instance(self):
        self.form.instance.placed_by = self.request.user
        return super().save_instance()


class LegalHoldViewSet(ModelViewSet):
    model = LegalHold
    add_view_class = LegalHoldCreateView
    icon = "lock"
    menu_label = _("Bewaarplichten")
    url_prefix = "archief/bewaarplichten"
    name = "legal_holds"
    list_display = ["identification", "kind_label", "reason", "placed_at"]
    search_fields = ["identification", "reason"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return LegalHoldForm


class RetentionOnlyPolicy(ModelPermissionPolicy):
    """Case types are made elsewhere; here their retention is only read and changed."""

    def user_has_permission(self, user, action):
        return action not in ("add", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class RetentionViewSet(ModelViewSet):
    model = CaseType
    icon = "time"
    menu_label = _("Bewaartermijnen")
    url_prefix = "archief/bewaartermijnen"
    name = "retention"
    form_fields = ["archive_action", "retention_years", "selection_list_category"]
    list_display = ["name", "archive_action", "retention_years", "selection_list_category"]
    copy_view_enabled = False


register_permission_policy(CaseType, RetentionOnlyPolicy(CaseType), exact_class=True)


class RecordsGroup(ViewSetGroup):
    items = (LegalHoldViewSet, RetentionViewSet)
    menu_icon = "folder-inverse"
    menu_label = _("Archief")
    menu_name = "records"
    menu_order = 190


@hooks.register("register_admin_viewset")
def register_records_viewsets():
    return RecordsGroup()


@hooks.register("register_admin_urls")
def register_destruction_urls():
    return [path("archief/vernietigingslijsten/", include("portal.records.urls"))]


class DestructionListsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("records.view_destructionlist")


@hooks.register("register_admin_menu_item")
def register_destruction_lists_menu_item():
    return DestructionListsMenuItem(_("Vernietigingslijsten"), reverse("records:list"), icon_name="bin", order=191)
