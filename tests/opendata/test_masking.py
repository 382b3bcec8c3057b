import pytest

from portal.opendata.masking import mask_personal_data


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Mijn BSN is 111222333.", "Mijn BSN is [BSN]."),
        ("BSN 1112.22.333 graag", "BSN [BSN] graag"),
        ("bsn: 999 900 006", "bsn: [BSN]"),
        ("Stort op NL91 ABNA 0417 1643 00 aub", "Stort op [IBAN] aub"),
        ("rekening NL91ABNA0417164300", "rekening [IBAN]"),
        ("verkeerd getypt NL00ABNA0417164300", "verkeerd getypt [IBAN]"),
        ("Duits DE89 3704 0044 0532 0130 00.", "Duits [IBAN]."),
        ("Mail jan.de-vries+loket@example.nl terug", "Mail [e-mailadres] terug"),
        ("Bel 06-12345678", "Bel [telefoonnummer]"),
        ("of +31 6 1234 5678", "of [telefoonnummer]"),
        ("of 0031 20 123 4567", "of [telefoonnummer]"),
        ("of 020-1234567.", "of [telefoonnummer]."),
    ],
)
def test_personal_data_is_masked(text, masked):
    assert mask_personal_data(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "Het kostte € 12,50 en duurde 3 weken.",
        "Postcode 1234 AB, huisnummer 12.",
        "Zaak ZAAK-2026-000123 en kenmerk LK-ABCD-EFGH.",
        "Negen cijfers die de elfproef niet halen: 123456789.",
        "Op 1-12-2026 om 10.30 uur.",
        "Een jaartal 2026 en 1000 euro.",
    ],
)
def test_ordinary_text_and_numbers_are_left_alone(text):
    assert mask_personal_data(text) == text


def test_a_phone_number_does_not_swallow_the_bsn_check():
    assert mask_personal_data("bsn 111222333, tel 0612345678") == "bsn [BSN], tel [telefoonnummer]"
