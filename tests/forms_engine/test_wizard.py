from forms_engine.models import Draft, Submission, Upload
from tests.forms_engine.helpers import FormSession, date_parts, flatten

JAN = "999900006"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _step_one(form):
    return form.post("over_u", {"email": "jan@example.org", "telefoon": ""})


def _new_address(form, moving_along="nee"):
    return form.post(
        "verhuizing",
        flatten(
            {
                "nieuw_adres": {"_0": "1235 ac", "_1": "1", "_2": ""},
                "verhuisdatum": date_parts(1, 12, 2026),
                "meeverhuizers": moving_along,
            }
        ),
    )


def test_the_step_count_never_grows_when_an_answer_adds_a_step(client, jan):
    form = FormSession(client, "verhuizing")
    form.start()
    second = _step_one(form).content.decode()
    assert "Stap 2 van ten hoogste 5" in second
    third = _new_address(form, moving_along="ja")
    assert FormSession.current_step(third) == "meeverhuizers_stap"
    assert "Stap 3 van 5" in third.content.decode()


def test_moving_house_prefilled_with_a_skipped_step_and_an_upload(client, jan):
    form = FormSession(client, "verhuizing")
    first = form.start()
    assert first.status_code == 200
    html = first.content.decode()
    assert "Stap 1 van ten hoogste 5" in html  # the moving-along step may still come or go
    assert "Jan Willem de Vries" in html and "Dit weten we al van u" in html  # read-only prefill
    assert "geboortedatum" not in html.lower().split("<main", 1)[1]  # hidden when known: not asked at all
    assert FormSession.current_step(_step_one(form)) == "verhuizing"
    response = _new_address(form, moving_along="nee")
    assert FormSession.current_step(response) == "woning", "the moving-along step is skipped"
    assert "Stap 3 van 4" in response.content.decode()  # nothing conditional lies ahead: the count is exact
    upload = client.post(
        form.url,
        {
            f"{form.prefix}-current_step": "woning",
            "woning-woonsituatie": "Huurwoning",
            "woning-bewijs": _file("huurcontract.pdf", PDF),
        },
    )
    assert FormSession.current_step(upload) == "controle"
    check = upload.content.decode()
    assert "Controleer uw antwoorden" in check and "huurcontract.pdf" in check and "1 december 2026" in check
    assert "Wie verhuist er mee?" not in check
    done = form.post("controle", {"declaration": "on"})
    assert done.status_code == 302 and done["Location"].endswith("/ontvangen/")
    submission = Submission.objects.get()
    assert submission.resident == jan
    assert submission.revision_id == form.definition.live_revision_id
    assert [s["key"] for s in submission.schema["steps"]] == ["over_u", "verhuizing", "meeverhuizers_stap", "woning"]
    data = submission.data
    assert data["naam"] == "Jan Willem de Vries"
    assert data["geboortedatum"] and data["huidig_adres"]["postcode"]
    assert data["verhuisdatum"] == "2026-12-01" and data["meeverhuizers"] is False
    assert "aantal_mee" not in data, "answers of a skipped step are not submitted"
    assert data["bewijs"][0]["name"] == "huurcontract.pdf"
    assert set(submission.prefilled) >= {"naam", "geboortedatum", "huidig_adres"}
    assert Upload.objects.get().submission == submission
    assert not Draft.objects.exists(), "the draft goes once the form is sent"
    confirmation = client.get(done["Location"]).content.decode()
    assert submission.reference in confirmation


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_each_step_costs_a_bounded_number_of_queries(client, jan, django_assert_max_num_queries):
    form = FormSession(client, "verhuizing")
    with django_assert_max_num_queries(20):
        form.start()
    with django_assert_max_num_queries(15):
        _step_one(form)
    with django_assert_max_num_queries(15):
        _new_address(form)
    with django_assert_max_num_queries(20):
        client.post(
            form.url,
            {
                f"{form.prefix}-current_step": "woning",
                "woning-woonsituatie": "Huurwoning",
                "woning-bewijs": _file("huurcontract.pdf", PDF),
            },
        )
    with django_assert_max_num_queries(25):
        assert form.post("controle", {"declaration": "on"}).status_code == 302


def test_a_question_shown_by_an_answer_on_the_same_step_works_with_and_without_javascript(client, jan):
    form = FormSession(client, "verhuizing")
    form.start()
    _step_one(form)
    html = _new_address(form).content.decode()
    assert 'name="woning-hoofdbewoner"' in html, "rendered, so it can be answered without JavaScript"
    assert 'id="loket-form-logic"' in html and "form-logic.js" in html, "the browser applies the same rule live"

    def base():
        return {f"{form.prefix}-current_step": "woning", "woning-bewijs": _file("akte.pdf", PDF)}

    asked = client.post(form.url, {**base(), "woning-woonsituatie": "Bij iemand in", "woning-hoofdbewoner": ""})
    assert "Vul ‘Naam van de hoofdbewoner’ in." in asked.content.decode()
    not_asked = client.post(
        form.url,
        {**base(), "woning-woonsituatie": "Huurwoning", "woning-hoofdbewoner": "ingevuld maar verborgen"},
    )
    assert FormSession.current_step(not_asked) == "controle"
    assert "ingevuld maar verborgen" not in not_asked.content.decode(), "a hidden question's answer is dropped"
