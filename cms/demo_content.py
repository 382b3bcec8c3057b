"""Demo content of the fictional Gemeente Voorbeeldstad: texts only, loaded by `manage.py demo`."""

MUNICIPALITY = {
    "name": "Gemeente Voorbeeldstad",
    "phone": "14 0123",
    "email": "info@voorbeeldstad.example",
    "address": "Stadskantoor\nMarktplein 1\n1234 AB Voorbeeldstad",
    "opening_hours": "Maandag tot en met vrijdag: 8.30 tot 17.00 uur\nDonderdag ook 17.00 tot 20.00 uur (alleen op afspraak)",
}

HOME = {
    "title": "Welkom bij Gemeente Voorbeeldstad",
    "intro": "Regel uw zaken met de gemeente online, wanneer het u uitkomt. Lukt het niet, dan helpen we u graag.",
}


def _text(html):
    return {"type": "text", "value": html}


def _callout(kind, title, html):
    return {"type": "callout", "value": {"kind": kind, "title": title, "text": html}}


def _steps(heading, steps):
    return {
        "type": "steps",
        "value": {"heading": heading, "steps": [{"title": title, "text": text} for title, text in steps]},
    }


def _faq(heading, items):
    return {
        "type": "accordion",
        "value": {"heading": heading, "items": [{"question": q, "answer": a} for q, a in items]},
    }


CONTACT_BLOCK = {
    "type": "contact",
    "value": {
        "heading": "Contact",
        "phone": MUNICIPALITY["phone"],
        "email": MUNICIPALITY["email"],
        "address": MUNICIPALITY["address"],
        "opening_hours": MUNICIPALITY["opening_hours"],
    },
}

SERVICE_INDEX = {
    "title": "Producten en diensten",
    "slug": "producten-en-diensten",
    "intro": "Alles wat u bij de gemeente kunt aanvragen, melden of regelen, van A tot Z.",
}

# (slug, title, intro, body blocks, costs html, what to bring html, lead time, offers_online, offers_appointment)
SERVICES = [
    {
        "slug": "verhuizing-doorgeven",
        "title": "Verhuizing doorgeven",
        "intro": "Gaat u verhuizen naar of binnen Voorbeeldstad? Geef uw nieuwe adres door, tot 4 weken voor en uiterlijk 5 dagen na de verhuisdatum.",
        "body": [
            _text(
                "<p>Uw adres staat in de Basisregistratie Personen (BRP). Andere organisaties, zoals de Belastingdienst en uw zorgverzekeraar, gebruiken dat adres. Daarom is het belangrijk dat het klopt.</p>"
            ),
            _steps(
                "Zo werkt het",
                [
                    ("Log in met DigiD", "<p>U ziet meteen uw huidige adres en wie er met u mee verhuizen.</p>"),
                    ("Vul uw nieuwe adres in", "<p>Met postcode en huisnummer vullen wij de straat en plaats aan.</p>"),
                    ("Controleer en verstuur", "<p>U krijgt direct een bevestiging met een kenmerk.</p>"),
                ],
            ),
            _callout(
                "warning",
                "Let op: op tijd doorgeven",
                "<p>Geeft u uw verhuizing te laat door, dan kunt u een boete krijgen.</p>",
            ),
            _faq(
                "Veelgestelde vragen",
                [
                    (
                        "Kan ik ook de verhuizing van mijn gezin doorgeven?",
                        "<p>Ja, voor uw partner en kinderen die op hetzelfde adres wonen. Kinderen van 16 jaar en ouder geven hun verhuizing zelf door.</p>",
                    ),
                    (
                        "Ik verhuis naar het buitenland. Wat moet ik doen?",
                        "<p>Dan geeft u uw vertrek door. Dat kan tot 5 dagen voor uw vertrek.</p>",
                    ),
                ],
            ),
        ],
        "costs": "<p>Een verhuizing doorgeven is gratis.</p>",
        "what_to_bring": "<ul><li>Uw DigiD</li><li>De verhuisdatum</li><li>Als u bij iemand intrekt: toestemming van de hoofdbewoner</li></ul>",
        "lead_time": "Wij verwerken uw verhuizing binnen 5 werkdagen.",
        "offers_online": True,
        "offers_appointment": False,
    },
    {
        "slug": "uittreksel-brp",
        "title": "Uittreksel Basisregistratie Personen (BRP)",
        "intro": "Een uittreksel BRP is een officieel bewijs van uw gegevens, zoals uw naam, geboortedatum en adres.",
        "body": [
            _text(
                "<p>U heeft een uittreksel bijvoorbeeld nodig voor een nieuwe baan, een huurwoning of een verblijfsvergunning. Vraag de organisatie welke gegevens er op het uittreksel moeten staan.</p>"
            ),
            _callout(
                "info",
                "Digitaal uittreksel",
                "<p>Het uittreksel krijgt u als beveiligde pdf met een digitale handtekening.</p>",
            ),
        ],
        "costs": "<p>Een uittreksel kost € 15,10.</p>",
        "what_to_bring": "<ul><li>Uw DigiD</li><li>Het doel waarvoor u het uittreksel nodig heeft</li></ul>",
        "lead_time": "U ontvangt het uittreksel binnen 3 werkdagen.",
        "offers_online": True,
        "offers_appointment": False,
    },
    {
        "slug": "geboorteaangifte",
        "title": "Geboorteaangifte doen",
        "intro": "Is uw kind geboren? Doe binnen 3 dagen na de geboorte aangifte. Daarna staat uw kind in de BRP en krijgt het een burgerservicenummer.",
        "body": [
            _text(
                "<p>De moeder, de vader of de meemoeder doet aangifte. Kan dat niet, dan mag iemand anders die bij de geboorte was of in het huis woont waar het kind is geboren het doen.</p>"
            ),
            _steps(
                "Zo werkt het",
                [
                    ("Doe online aangifte met DigiD", ""),
                    (
                        "Controleer de gegevens van uw kind",
                        "<p>Wij vullen uw gegevens en die van uw partner alvast in.</p>",
                    ),
                    ("Ontvang een bevestiging", "<p>Een akte van geboorte kunt u daarna los aanvragen.</p>"),
                ],
            ),
        ],
        "costs": "<p>Geboorteaangifte is gratis.</p>",
        "what_to_bring": "<ul><li>Uw DigiD</li><li>Als u niet getrouwd bent: de akte van erkenning, als u die heeft</li></ul>",
        "lead_time": "Binnen 3 dagen na de geboorte.",
        "offers_online": True,
        "offers_appointment": True,
    },
    {
        "slug": "aangifte-overlijden",
        "title": "Aangifte van overlijden",
        "intro": "Is er iemand overleden? Meestal doet de uitvaartondernemer de aangifte. U kunt het ook zelf doen.",
        "body": [
            _text(
                "<p>Wij vinden het heel vervelend dat u iemand heeft verloren. Op deze pagina leest u wat u moet regelen en wat de gemeente voor u doet.</p>"
            ),
            _callout(
                "info",
                "Hulp nodig?",
                "<p>Heeft u vragen, of wilt u hulp? Bel ons op 14 0123. We nemen de tijd voor u.</p>",
            ),
        ],
        "costs": "<p>De aangifte is gratis. Een akte van overlijden kost € 14,10.</p>",
        "what_to_bring": "<ul><li>De verklaring van overlijden van de arts</li><li>Een identiteitsbewijs van de overledene, als die er is</li></ul>",
        "lead_time": "Aangifte binnen 6 werkdagen na het overlijden.",
        "offers_online": True,
        "offers_appointment": True,
    },
    {
        "slug": "paspoort",
        "title": "Paspoort aanvragen",
        "intro": "Een paspoort vraagt u aan op het stadskantoor. Maak daarvoor eerst een afspraak; na ongeveer een week haalt u het op.",
        "body": [
            _text(
                "<p>Een paspoort is 10 jaar geldig voor volwassenen en 5 jaar voor kinderen onder de 18. Kijk op tijd of uw paspoort nog geldig is, vooral voor een reis.</p>"
            ),
            _callout(
                "warning",
                "Spoed?",
                "<p>Heeft u uw paspoort binnen een paar dagen nodig? Vraag bij uw afspraak naar een spoedaanvraag. Dat kost extra.</p>",
            ),
        ],
        "costs": "<p>Paspoort 18 jaar en ouder: € 84,70. Jonger dan 18: € 62,75.</p>",
        "what_to_bring": "<ul><li>Een recente pasfoto die aan de eisen voldoet</li><li>Uw oude paspoort of ID-kaart</li></ul>",
        "lead_time": "U kunt het paspoort na 6 werkdagen ophalen.",
        "offers_online": False,
        "offers_appointment": True,
        "appointment_url": "/afspraak/?products=paspoort",
    },
    {
        "slug": "id-kaart",
        "title": "ID-kaart aanvragen",
        "intro": "Met een Nederlandse identiteitskaart (ID-kaart) laat u zien wie u bent, en reist u binnen Europa.",
        "body": [
            _text(
                "<p>U vraagt een ID-kaart aan op het stadskantoor, na een afspraak. U moet er zelf bij zijn, omdat we uw vingerafdrukken nemen.</p>"
            )
        ],
        "costs": "<p>ID-kaart 18 jaar en ouder: € 77,85. Jonger dan 18: € 43,35.</p>",
        "what_to_bring": "<ul><li>Een recente pasfoto</li><li>Uw oude ID-kaart of paspoort</li></ul>",
        "lead_time": "U kunt de ID-kaart na 6 werkdagen ophalen.",
        "offers_online": False,
        "offers_appointment": True,
        "appointment_url": "/afspraak/?products=id-kaart",
    },
    {
        "slug": "rijbewijs",
        "title": "Rijbewijs aanvragen of verlengen",
        "intro": "Uw rijbewijs verlengt u online met DigiD, of bij de gemeente. Een eerste rijbewijs vraagt u aan na uw examen.",
        "body": [
            _steps(
                "Rijbewijs verlengen",
                [
                    (
                        "Controleer of u een gezondheidsverklaring nodig heeft",
                        "<p>Dat is zo vanaf 75 jaar of bij bepaalde aandoeningen.</p>",
                    ),
                    ("Vraag het rijbewijs online aan", ""),
                    ("Haal het rijbewijs op met een afspraak", ""),
                ],
            ),
        ],
        "costs": "<p>Een rijbewijs kost € 52,20.</p>",
        "what_to_bring": "<ul><li>Een recente pasfoto</li><li>Uw oude rijbewijs</li></ul>",
        "lead_time": "U kunt het rijbewijs na 5 werkdagen ophalen.",
        "offers_online": True,
        "offers_appointment": True,
        "appointment_url": "/afspraak/?products=rijbewijs",
    },
    {
        "slug": "bijzondere-bijstand",
        "title": "Bijzondere bijstand aanvragen",
        "intro": "Heeft u onverwachte kosten die u niet zelf kunt betalen, zoals een nieuwe wasmachine of een eigen bijdrage? Misschien helpt bijzondere bijstand.",
        "body": [
            _text(
                "<p>Bijzondere bijstand is voor noodzakelijke kosten door bijzondere omstandigheden. Of u het krijgt, hangt af van uw inkomen, uw vermogen en de kosten.</p>"
            ),
            _faq(
                "Veelgestelde vragen",
                [
                    (
                        "Moet ik de bijstand terugbetalen?",
                        "<p>Meestal niet. Soms krijgt u een lening; dat staat dan in het besluit.</p>",
                    ),
                    (
                        "Kan ik de aanvraag na het kopen doen?",
                        "<p>Vraag de bijstand bij voorkeur aan vóór u iets koopt. Achteraf kan tot 3 maanden na de aankoop.</p>",
                    ),
                ],
            ),
        ],
        "costs": "<p>Aanvragen is gratis.</p>",
        "what_to_bring": "<ul><li>Bankafschriften van de laatste 3 maanden</li><li>Een offerte of rekening van de kosten</li></ul>",
        "lead_time": "U krijgt binnen 8 weken een besluit.",
        "offers_online": True,
        "offers_appointment": False,
    },
    {
        "slug": "trouwen-en-partnerschap",
        "title": "Trouwen of geregistreerd partnerschap",
        "intro": "Gaat u trouwen of een geregistreerd partnerschap aangaan? Kies online een datum, een locatie en een trouwambtenaar (BABS).",
        "body": [
            _steps(
                "Zo werkt het",
                [
                    (
                        "Doe melding voorgenomen huwelijk",
                        "<p>Minstens 2 weken en hoogstens 1 jaar voor de trouwdatum.</p>",
                    ),
                    ("Kies datum, soort ceremonie en locatie", "<p>U ziet meteen wat er vrij is.</p>"),
                    ("Uw partner bevestigt met de eigen DigiD", ""),
                ],
            ),
            _callout(
                "info",
                "Gratis trouwen",
                "<p>Op maandag- en dinsdagochtend kunt u kosteloos trouwen in de trouwzaal, met maximaal 4 getuigen.</p>",
            ),
        ],
        "costs": "<p>Eenvoudige ceremonie: € 220. Uitgebreide ceremonie: € 585. Kosteloos op vaste momenten.</p>",
        "what_to_bring": "<ul><li>DigiD van u beiden</li><li>Gegevens van de getuigen (2 tot 4)</li></ul>",
        "lead_time": "Melding minstens 2 weken voor de trouwdatum.",
        "offers_online": True,
        "offers_appointment": True,
        "appointment_url": "/huwelijk/",
    },
    {
        "slug": "melding-openbare-ruimte",
        "title": "Melding openbare ruimte",
        "intro": "Ziet u iets kapots of vies op straat, zoals een losse stoeptegel, een kapotte lantaarnpaal of zwerfafval? Meld het ons.",
        "body": [
            _text(
                "<p>Voeg een foto toe en wijs de plek aan op de kaart. U hoort van ons wanneer het is opgelost.</p>"
                '<p>Misschien is het al gemeld: bekijk de <a href="/meldingen/in-de-buurt/">meldingen in de buurt</a>.</p>'
            ),
            _callout(
                "warning", "Gevaarlijke situatie?", "<p>Bel bij gevaar direct 14 0123. Bij levensgevaar belt u 112.</p>"
            ),
        ],
        "costs": "<p>Een melding doen is gratis.</p>",
        "what_to_bring": "<ul><li>De plek (adres of aanwijzen op de kaart)</li><li>Eventueel een foto</li></ul>",
        "lead_time": "Wij pakken de meeste meldingen binnen 5 werkdagen op.",
        "offers_online": True,
        "online_url": "/meldingen/nieuw/",
        "offers_appointment": False,
    },
    {
        "slug": "woz-waarde",
        "title": "WOZ-waarde en bezwaar",
        "intro": "De gemeente stelt elk jaar de waarde van uw woning vast: de WOZ-waarde. Klopt die niet, dan kunt u dat laten weten of bezwaar maken.",
        "body": [
            _text(
                "<p>Voordat we de waarde vaststellen, kunt u de gegevens van uw woning controleren, zoals de oppervlakte en het bouwjaar. Zo voorkomen we een onjuiste waarde.</p>"
            ),
            _faq(
                "Veelgestelde vragen",
                [
                    (
                        "Wat is de peildatum?",
                        "<p>De WOZ-waarde voor dit jaar gaat uit van de waarde op 1 januari van vorig jaar.</p>",
                    ),
                    ("Hoe lang heb ik voor bezwaar?", "<p>6 weken na de datum op de aanslag.</p>"),
                ],
            ),
        ],
        "costs": "<p>Bezwaar maken is gratis.</p>",
        "what_to_bring": "<ul><li>Uw DigiD</li><li>Foto's of een taxatierapport als bewijs, als u die heeft</li></ul>",
        "lead_time": "U krijgt binnen 12 weken na het bezwaar een uitspraak.",
        "offers_online": True,
        "offers_appointment": False,
    },
    {
        "slug": "terrasvergunning",
        "title": "Terrasvergunning",
        "intro": "Heeft u een café of restaurant en wilt u een terras op de stoep of een plein? Vraag een terrasvergunning aan.",
        "body": [
            _text(
                "<p>U vraagt de vergunning aan namens uw bedrijf, met eHerkenning niveau 3. Wat de Kamer van Koophandel over uw bedrijf weet, hoeft u niet in te vullen.</p>"
            )
        ],
        "costs": "<p>De leges zijn € 2,50 per m² per jaar. U krijgt de rekening bij het besluit.</p>",
        "what_to_bring": "<ul><li>eHerkenning niveau 3 voor uw bedrijf</li><li>De oppervlakte van het terras</li></ul>",
        "lead_time": "U krijgt binnen 8 weken een besluit.",
        "offers_online": True,
        "offers_appointment": False,
    },
    {
        "slug": "parkeervergunning-bewoners",
        "title": "Parkeervergunning voor bewoners",
        "intro": "Woont u in een gebied met betaald parkeren? Vraag een parkeervergunning aan voor uw eigen auto.",
        "body": [
            _text(
                "<p>Per adres zijn maximaal 2 vergunningen beschikbaar. De vergunning hoort bij het kenteken, u krijgt dus geen kaart.</p>"
            )
        ],
        "costs": "<p>Eerste vergunning: € 96 per jaar. Tweede vergunning: € 192 per jaar.</p>",
        "what_to_bring": "<ul><li>Uw DigiD</li><li>Het kenteken van uw auto</li></ul>",
        "lead_time": "De vergunning geldt binnen 2 werkdagen.",
        "offers_online": True,
        "offers_appointment": False,
    },
]

TOP_TASKS = [
    ("verhuizing-doorgeven", "Verhuizing doorgeven"),
    ("paspoort", "Paspoort of ID-kaart"),
    ("melding-openbare-ruimte", "Melding openbare ruimte"),
    ("uittreksel-brp", "Uittreksel BRP"),
    ("trouwen-en-partnerschap", "Trouwen"),
    ("woz-waarde", "WOZ-waarde"),
]

STANDARD_PAGES = [
    {
        "slug": "contact",
        "title": "Contact",
        "show_in_menus": True,
        "intro": "Heeft u een vraag? Zoek eerst op de website. Vindt u het antwoord niet, neem dan contact met ons op.",
        "body": [CONTACT_BLOCK, _text("<p>Voor een bezoek aan het stadskantoor maakt u eerst een afspraak.</p>")],
    },
    {
        "slug": "toegankelijkheidsverklaring",
        "title": "Toegankelijkheidsverklaring",
        "show_in_menus": False,
        "intro": "Gemeente Voorbeeldstad wil dat iedereen deze website kan gebruiken, ook mensen met een beperking.",
        "body": [
            _text(
                "<p>Deze website is gebouwd volgens de Web Content Accessibility Guidelines (WCAG) 2.2, niveau AA. Elke pagina wordt bij elke wijziging automatisch getest met axe-core.</p><h2>Werkt iets niet?</h2><p>Laat het ons weten via het contactformulier of bel 14 0123. We reageren binnen 5 werkdagen.</p>"
            ),
        ],
    },
    {
        "slug": "privacyverklaring",
        "title": "Privacyverklaring",
        "show_in_menus": False,
        "intro": "Zo gaan wij om met uw persoonsgegevens.",
        "body": [
            _text(
                "<p>Wij gebruiken uw gegevens alleen voor het doel waarvoor u ze geeft of waarvoor de wet het voorschrijft. We bewaren ze niet langer dan nodig en volgens de Archiefwet.</p><h2>Uw rechten</h2><p>U mag uw gegevens inzien, laten verbeteren of laten verwijderen, en bezwaar maken tegen het gebruik. Neem daarvoor contact op met de functionaris gegevensbescherming.</p>"
            ),
            _faq(
                "Veelgestelde vragen",
                [
                    (
                        "Gebruikt de website cookies?",
                        "<p>Alleen cookies die nodig zijn om de website te laten werken, zoals voor uw taalkeuze en om ingelogd te blijven.</p>",
                    ),
                ],
            ),
        ],
    },
]
