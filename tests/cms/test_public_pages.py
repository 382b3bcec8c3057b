import pytest
from bs4 import BeautifulSoup

from cms import demo_content
from cms.models import ServicePage
from tests.html import heading_levels, heading_problems

SERVICE_URLS = [f"/producten-en-diensten/{service['slug']}/" for service in demo_content.SERVICES]
PUBLIC_URLS = [
    "/",
    "/producten-en-diensten/",
    *SERVICE_URLS,
    "/contact/",
    "/toegankelijkheidsverklaring/",
    "/privacyverklaring/",
    "/zoeken/",
    "/zoeken/?q=paspoort",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_page_renders_with_a_proper_outline(client, demo_site, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert heading_problems(heading_levels(html)) == []
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "nl"
    assert soup.find("main", id="main") is not None
    assert soup.find("a", href="#main") is not None, "skip link"
    assert soup.find("nav", attrs={"aria-label": "Hoofdmenu"}) is not None
    assert soup.find("footer") is not None


def test_unknown_url_gets_the_branded_404(client, demo_site):
    response = client.get("/dit-bestaat-echt-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet (meer)" in html
    assert "Gemeente Voorbeeldstad" in html
    assert 'href="/zoeken/"' in html
    assert heading_problems(heading_levels(html)) == []


def test_footer_links_to_the_statements_and_contact(client, demo_site):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    footer_links = {a.get_text(strip=True): a["href"] for a in soup.find("footer").find_all("a")}
    assert footer_links["Toegankelijkheidsverklaring"] == "/toegankelijkheidsverklaring/"
    assert footer_links["Privacyverklaring"] == "/privacyverklaring/"
    assert footer_links["Contact"] == "/contact/"


def test_home_shows_the_top_tasks_in_order(client, demo_site, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        response = client.get("/")
    soup = BeautifulSoup(response.content, "html.parser")
    labels = [a.get_text(strip=True) for a in soup.select(".loket-top-task")]
    assert labels == [title for _slug, title in demo_content.TOP_TASKS]


def test_service_index_lists_every_service_alphabetically(client, demo_site, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        response = client.get("/producten-en-diensten/")
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [a.get_text(strip=True) for a in soup.select(".loket-service-list__title a")]
    assert titles == sorted(service["title"] for service in demo_content.SERVICES)


def test_service_index_costs_the_same_for_13_or_60_services(client, demo_site, django_assert_max_num_queries):
    index = ServicePage.objects.first().get_parent()
    from tests.factories.cms import ServicePageFactory

    for number in range(47):
        ServicePageFactory(parent=index, title=f"Dienst {number:02d}")
    with django_assert_max_num_queries(20):
        response = client.get("/producten-en-diensten/")
    assert response.content.decode().count("loket-service-list__item") == 50, "first page of 50"
    assert client.get("/producten-en-diensten/?pagina=2").content.decode().count("loket-service-list__item") == 10
    assert client.get("/producten-en-diensten/?pagina=oops").status_code == 200
    assert client.get("/producten-en-diensten/?pagina=999").status_code == 200


def test_service_page_shows_what_a_resident_needs(client, demo_site):
    soup = BeautifulSoup(client.get("/producten-en-diensten/paspoort/").content, "html.parser")
    headings = [h.get_text(strip=True) for h in soup.find_all("h2")]
    assert {"Kosten", "Wat neemt u mee", "Hoe lang duurt het"} <= set(headings)
    crumbs = [a.get_text(strip=True) for a in soup.select(".loket-breadcrumbs a")]
    assert crumbs == ["Home", "Producten en diensten", "Paspoort aanvragen"]


def test_action_buttons_link_once_configured_and_explain_when_not(client, demo_site):
    page = ServicePage.objects.get(slug="geboorteaangifte")
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    button = soup.find("button", string="Regel het online")
    assert button.has_attr("disabled")
    assert soup.find(id=button["aria-describedby"]).get_text(strip=True).startswith("Online regelen kan binnenkort")

    page.online_url = "/formulieren/geboorteaangifte/"
    page.save_revision().publish()
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert soup.find("a", string="Regel het online")["href"] == "/formulieren/geboorteaangifte/"
    assert soup.find("button", string="Regel het online") is None


def test_a_service_with_a_form_page_links_to_it(client, demo_site):
    """The demo's moving-house service has its form as a page underneath: 'Regel het online' goes there."""
    page = ServicePage.objects.get(slug="verhuizing-doorgeven")
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    href = soup.find("a", string="Regel het online")["href"]
    assert href == page.url + "aanvragen/"
    assert client.get(href).status_code == 302, "the moving form asks for DigiD first"


def test_a_chosen_form_page_wins_and_an_unpublished_one_falls_back(client, demo_site):
    from django.core.exceptions import ValidationError

    from cms.models import FormPage

    extract_form = FormPage.objects.get(slug="aanvragen", url_path__contains="uittreksel-brp")
    page = ServicePage.objects.get(slug="geboorteaangifte")
    page.online_page = extract_form
    page.save_revision().publish()
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert soup.find("a", string="Regel het online")["href"] == extract_form.url

    extract_form.unpublish()
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert soup.find("a", string="Regel het online") is None, "an unpublished form page is never linked"

    page.online_url = "https://formulieren.voorbeeldstad.example/geboorte"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "niet allebei" in str(error.value.message_dict["online_url"])


def test_a_draft_or_unpublished_page_is_not_public(client, demo_site):
    page = ServicePage.objects.get(slug="rijbewijs")
    page.unpublish()
    assert client.get("/producten-en-diensten/rijbewijs/").status_code == 404
    assert "Rijbewijs" not in client.get("/producten-en-diensten/").content.decode()


def _menu(client) -> list[str]:
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    return [a.get_text(strip=True) for a in soup.find("nav", attrs={"aria-label": "Hoofdmenu"}).find_all("a")]


def test_the_cached_frame_follows_what_editors_publish(client, demo_site, django_assert_max_num_queries):
    """Header, menu and footer are cached for everybody, and still show an editor's change on the next request."""
    from wagtail.models import Site

    from cms.models import MunicipalitySettings, StandardPage

    before = _menu(client)
    home = Site.objects.get(is_default_site=True).root_page
    page = home.add_child(instance=StandardPage(title="Afvalkalender", slug="afvalkalender", show_in_menus=True))
    assert _menu(client) == before, "a draft is not in the menu"
    page.save_revision().publish()
    assert _menu(client) == [*before, "Afvalkalender"]
    page.unpublish()
    assert _menu(client) == before

    municipality = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    municipality.phone = "14 0999"
    municipality.save()
    footer = BeautifulSoup(client.get("/contact/").content, "html.parser").find("footer")
    assert "14 0999" in footer.get_text()


def test_the_frame_costs_no_queries_once_cached(client, demo_site, django_assert_num_queries):
    client.get("/zoeken/")
    with django_assert_num_queries(0):
        # The search page without a query touches nothing but the frame, which now comes from the cache.
        assert client.get("/zoeken/").status_code == 200
