import pytest
from bs4 import BeautifulSoup


def _result_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".loket-search-results__title a")]


def test_search_finds_a_service_by_a_word_in_its_text(client, demo_site, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        response = client.get("/zoeken/", {"q": "pasfoto"})
    assert response.status_code == 200
    assert "Paspoort aanvragen" in _result_titles(response)


def test_search_without_a_query_shows_only_the_form(client, demo_site):
    response = client.get("/zoeken/")
    assert response.status_code == 200
    assert _result_titles(response) == []
    assert b"resultaten voor" not in response.content


def test_search_that_finds_nothing_says_so(client, demo_site):
    response = client.get("/zoeken/", {"q": "xylofoonreparatie"})
    assert "0 resultaten voor" in response.content.decode()
    assert "Probeer een ander woord" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["x" * 10_000, "<script>alert(1)</script>", "' OR 1=1 --", "%00", "paspoort\x00", "🙂" * 50, "   "],
)
def test_odd_queries_never_break_search(client, demo_site, query):
    response = client.get("/zoeken/", {"q": query, "pagina": "-1"})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_unpublished_pages_are_not_found(client, demo_site):
    from cms.models import ServicePage

    ServicePage.objects.get(slug="paspoort").unpublish()
    assert "Paspoort aanvragen" not in _result_titles(client.get("/zoeken/", {"q": "pasfoto"}))


def test_form_pages_are_found_through_their_service_page(client, demo_site):
    html = client.get("/zoeken/?q=verhuizing").content.decode()
    assert "/producten-en-diensten/verhuizing-doorgeven/" in html
    assert "/producten-en-diensten/verhuizing-doorgeven/aanvragen/" not in html
