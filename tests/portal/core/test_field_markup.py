"""`{% form_field %}`: every kind of field the site asks comes out as the NL Design System markup with its label,
hint and error linked to the control, values kept as typed, and nothing a resident or editor types able to break
out of the markup."""

import datetime
import decimal

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.template import engines
from django.test.html import parse_html
from django.utils import translation

TEMPLATE = engines["django"].from_string("{% load loket_fields %}{% form_field field %}")
EVIL = '"><script>alert(1)</script>'


class Everything(forms.Form):
    name = forms.CharField(label="Naam", max_length=20, help_text="Zoals in uw paspoort")
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    count = forms.IntegerField(min_value=1)
    amount = forms.DecimalField(decimal_places=2, max_digits=6)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=100)
    pick = forms.ChoiceField(choices=[("", "Maak een keuze"), ("a", "A & B"), ("c", "C")])
    one = forms.ChoiceField(choices=[("a", "A"), ("c", "C")], widget=forms.RadioSelect, help_text="Kies er een")
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("c", "C")], widget=forms.CheckboxSelectMultiple)
    agree = forms.BooleanField(label="Akkoord")
    document = forms.FileField()
    day = forms.DateField()


def render(field) -> BeautifulSoup:
    return BeautifulSoup(TEMPLATE.render({"field": field}), "html.parser")


def html(field) -> str:
    return TEMPLATE.render({"field": field})


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def test_a_text_field_has_its_label_hint_and_limit_linked():
    field = Everything()["name"]
    assert parse_html(html(field)) == parse_html(
        '<div class="utrecht-form-field loket-field"><label class="utrecht-form-label" for="id_name">Naam</label>'
        '<p class="utrecht-form-field-description" id="id_name-hint">Zoals in uw paspoort</p>'
        '<input class="utrecht-textbox utrecht-textbox--html-input" type="text" name="name" id="id_name" value="" '
        'maxlength="20" aria-describedby="id_name-hint"></div>'
    )


def test_an_error_is_shown_beside_the_field_linked_and_marked_invalid():
    form = Everything({"name": "x" * 21, "email": "geen-adres"})
    form.is_valid()
    name = html(form["name"])
    assert 'aria-describedby="id_name-hint id_name-error"' in name
    assert 'aria-invalid="true"' in name
    assert 'id="id_name-error"' in name and "utrecht-textbox--invalid" in name
    assert 'value="' + "x" * 21 + '"' in name  # what was typed stays
    email = html(form["email"])
    assert 'aria-describedby="id_email-error"' in email  # no hint: only the error, without a stray space
    assert 'autocomplete="email"' in email and 'type="email"' in email
    assert email.count("maxlength=") == 1


def test_values_are_shown_as_the_template_engine_shows_them():
    form = Everything(initial={"count": 1500, "amount": decimal.Decimal("3.50"), "day": datetime.date(2026, 1, 2)})
    assert 'value="1500"' in html(form["count"])
    assert 'value="3,50"' in html(form["amount"])  # Dutch decimal comma, as {{ value }} shows it


def test_choices_keep_what_was_chosen():
    form = Everything({"pick": "c", "one": "c", "many": ["a", "c"], "agree": "on"})
    form.is_valid()
    assert parse_html('<option value="c" selected>C</option>') in parse_html(html(form["pick"]))
    one = html(form["one"])
    assert one.startswith('<fieldset class="utrecht-form-fieldset loket-field" aria-describedby="id_one-hint">')
    assert parse_html(
        '<input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" name="one" id="id_one_1" '
        'value="c" checked>'
    ) in parse_html(one)
    many = html(form["many"])
    assert many.count(" checked") == 2 and many.count('type="checkbox"') == 2
    assert "utrecht-form-field--checkbox" in many
    agree = html(form["agree"])
    assert " checked" in agree and agree.index("<input") < agree.index("<label")  # the label follows the box


def test_a_textarea_and_a_file_field():
    form = Everything({"note": "regel 1\nregel 2"})
    note = html(form["note"])
    assert 'rows="3"' in note and 'maxlength="100"' in note and ">regel 1\nregel 2</textarea>" in note
    document = html(Everything()["document"])
    assert 'type="file"' in document and 'accept=".pdf,.jpg,.jpeg,.png' in document and "value=" not in document


def test_an_error_naming_a_label_with_an_ampersand_is_escaped_once():
    class Shop(forms.Form):
        shop = forms.CharField(label="Bakker & Zn", error_messages={"required": "Vul ‘Bakker & Zn’ in."})

    form = Shop({})
    form.is_valid()
    out = html(form["shop"])
    assert "Vul ‘Bakker &amp; Zn’ in." in out and "&amp;amp;" not in out


def test_nothing_typed_or_configured_breaks_out_of_the_markup():
    class Hostile(forms.Form):
        text = forms.CharField(label=EVIL, help_text=EVIL)
        pick = forms.ChoiceField(label=EVIL, choices=[(EVIL, EVIL)], widget=forms.RadioSelect)

    form = Hostile({"text": EVIL, "pick": "nee"})
    form.is_valid()
    for name in ("text", "pick"):
        out = html(form[name])
        assert "<script>" not in out, out
        assert "&lt;script&gt;" in out


def test_every_control_has_a_label_or_a_legend():
    form = Everything()
    for field in form:
        page = render(field)
        controls = page.select("input, select, textarea")
        assert controls, field.name
        if field.name in ("one", "many"):
            assert page.select_one("fieldset > legend").text == field.label
        for control in controls:
            assert page.select_one(f'label[for="{control["id"]}"]'), (field.name, control)
