import io

from django.core.management import call_command

from portal.appointments.models import CeremonyType, Location, Product, Resource


def test_the_demo_municipality_takes_appointments_and_loading_it_again_changes_nothing(demo_site, client):
    counts = (Product.objects.count(), Location.objects.count(), Resource.objects.count(), CeremonyType.objects.count())
    assert counts == (4, 3, 10, 3)  # 4 desks, 3 rooms, 3 registrars
    call_command("demo", stdout=io.StringIO())
    assert counts == (
        Product.objects.count(),
        Location.objects.count(),
        Resource.objects.count(),
        CeremonyType.objects.count(),
    )
    page = client.get("/producten-en-diensten/paspoort/").content.decode()
    assert 'href="/afspraak/?products=paspoort"' in page
    calendar = client.get("/afspraak/dag/?products=paspoort&persons=1&location=stadhuis").content.decode()
    assert "loket-calendar__day--free" in calendar
