from django.conf import settings
from django.urls import path

from auth import staff, views

app_name = "portal_auth"
_admin = settings.LOKET_ADMIN_PREFIX.strip("/")

urlpatterns = [
    path("inloggen/", views.login, name="login"),
    path("inloggen/digid/", views.StartLoginView.as_view(), name="start"),
    path("inloggen/eherkenning/", views.StartEherkenningView.as_view(), name="start_eherkenning"),
    path("inloggen/digid-machtigen/", views.StartMachtigenView.as_view(), name="start_machtigen"),
    path("inloggen/eherkenning-bewindvoering/", views.StartBewindvoeringView.as_view(), name="start_bewindvoering"),
    path("inloggen/digid/terug/", views.CallbackView.as_view(), name="callback"),
    path("uitloggen/", views.logout, name="logout"),
    path("uitgelogd/", views.logged_out, name="logged_out"),
    path("sessie/verlopen/", views.session_expired, name="session_expired"),
    path("sessie/verlengen/", views.keep_alive, name="keep_alive"),
    path("mijn/namens/", views.act_for, name="act_for"),
    path("mijn/namens/stoppen/", views.act_stop, name="act_stop"),
    path(f"{_admin}/tweede-stap/", staff.verify, name="staff_verify"),
    path(f"{_admin}/tweede-stap/instellen/", staff.setup, name="staff_setup"),
]
