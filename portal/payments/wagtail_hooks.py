from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_urls")
def register_payment_urls():
    from portal.payments import backoffice

    urls = [
        path("", backoffice.payment_list, name="list"),
        path("export/", backoffice.export, name="export"),
        path("<uuid:uuid>/", backoffice.payment_detail, name="detail"),
    ]
    return [path("betalingen/", include((urls, "payments_backoffice")))]


class PaymentsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("payments.view_payment")


@hooks.register("register_admin_menu_item")
def register_payments_menu_item():
    return PaymentsMenuItem(_("Betalingen"), reverse("payments_backoffice:list"), icon_name="tag", order=170)
