"""English versions of the demo pages (issue 22), keyed by the Dutch page's slug; loaded by `manage.py demo`.

Pages left out here (birth and death registration, WOZ, the parking permit, the privacy and accessibility
statements) stay Dutch only, as a municipality's site would be halfway through translating: they are read in
English's frame, marked as Dutch.
"""

from cms import demo_content as dutch
from cms.demo_content import _callout, _faq, _steps, _text

HOME = {
    "title": "Welcome to the Municipality of Voorbeeldstad",
    "intro": "Arrange your affairs with the municipality online, whenever it suits you. If that does not work, we are "
    "glad to help.",
}

# The home page's top tasks, by the slug of the Dutch service they lead to.
TOP_TASKS = {
    "verhuizing-doorgeven": "Report a move",
    "paspoort": "Passport or ID card",
    "melding-openbare-ruimte": "Report a problem in a public space",
    "uittreksel-brp": "BRP extract",
    "trouwen-en-partnerschap": "Getting married",
    "woz-waarde": "WOZ value",
}

HOME_LINKS_HEADING = "More from the municipality"
HOME_LINKS = ["All products and services", "Contact and opening hours", "Overheid.nl (in Dutch)"]

MUNICIPALITY = {
    "name": "Municipality of Voorbeeldstad",
    "address": "City office\nMarktplein 1\n1234 AB Voorbeeldstad",
    "opening_hours": "Monday to Friday: 8.30 am to 5 pm\nThursday also 5 pm to 8 pm (by appointment only)",
}

CONTACT_BLOCK = {
    "type": "contact",
    "value": {
        "heading": "Contact",
        "phone": dutch.MUNICIPALITY["phone"],
        "email": dutch.MUNICIPALITY["email"],
        "address": MUNICIPALITY["address"],
        "opening_hours": MUNICIPALITY["opening_hours"],
    },
}

PAGES = {
    "producten-en-diensten": {
        "slug": "services",
        "title": "Products and services",
        "intro": "Everything you can apply for, report or arrange with the municipality, from A to Z.",
    },
    "contact": {
        "slug": "contact",
        "title": "Contact",
        "intro": "Do you have a question? Search the website first. If you cannot find the answer, please contact us.",
        "body": [CONTACT_BLOCK, _text("<p>Please make an appointment before you visit the city office.</p>")],
    },
    "verhuizing-doorgeven": {
        "slug": "moving-house",
        "title": "Report a move",
        "intro": "Are you moving to or within Voorbeeldstad? Report your new address, from 4 weeks before up to 5 days "
        "after the moving date.",
        "body": [
            _text(
                "<p>Your address is recorded in the Personal Records Database (BRP). Other organisations, such as the "
                "Tax Administration and your health insurer, use that address. That is why it must be correct.</p>"
            ),
            _steps(
                "How it works",
                [
                    ("Log in with DigiD", "<p>You see your current address and who is moving with you.</p>"),
                    ("Enter your new address", "<p>From the postcode and house number we fill in street and town.</p>"),
                    ("Check and send", "<p>You get a confirmation with a reference number straight away.</p>"),
                ],
            ),
            _callout("warning", "Report it in time", "<p>If you report your move too late, you may be fined.</p>"),
            _faq(
                "Frequently asked questions",
                [
                    (
                        "Can I also report the move of my family?",
                        "<p>Yes, for your partner and children living at the same address. Children aged 16 and over "
                        "report their move themselves.</p>",
                    ),
                    (
                        "I am moving abroad. What do I do?",
                        "<p>Then you report your departure. You can do so up to 5 days before you leave.</p>",
                    ),
                ],
            ),
        ],
        "costs": "<p>Reporting a move is free of charge.</p>",
        "what_to_bring": "<ul><li>Your DigiD</li><li>The moving date</li><li>If you move in with someone: "
        "permission from the main occupant</li></ul>",
        "lead_time": "We process your move within 5 working days.",
    },
    "uittreksel-brp": {
        "slug": "brp-extract",
        "title": "Extract from the Personal Records Database (BRP)",
        "intro": "A BRP extract is official proof of your details, such as your name, date of birth and address.",
        "body": [
            _text(
                "<p>You may need an extract for a new job, a rented home or a residence permit. Ask the organisation "
                "which details the extract must show.</p>"
            ),
            _callout(
                "info", "Digital extract", "<p>You receive the extract as a secured PDF with a digital signature.</p>"
            ),
        ],
        "costs": "<p>An extract costs € 15.10.</p>",
        "what_to_bring": "<ul><li>Your DigiD</li><li>What you need the extract for</li></ul>",
        "lead_time": "You receive the extract within 3 working days.",
    },
    "paspoort": {
        "slug": "passport",
        "title": "Apply for a passport",
        "intro": "You apply for a passport at the city office. Make an appointment first; you collect it about a week "
        "later.",
        "body": [
            _text(
                "<p>A passport is valid for 10 years for adults and 5 years for children under 18. Check in good time "
                "whether your passport is still valid, especially before a journey.</p>"
            ),
            _callout(
                "warning",
                "Urgent?",
                "<p>Do you need your passport within a few days? Ask for an urgent application at your appointment. "
                "This costs extra.</p>",
            ),
        ],
        "costs": "<p>Passport, 18 and over: € 84.70. Under 18: € 62.75.</p>",
        "what_to_bring": "<ul><li>A recent passport photo that meets the requirements</li><li>Your old passport or "
        "ID card</li></ul>",
        "lead_time": "You can collect the passport after 6 working days.",
    },
    "id-kaart": {
        "slug": "id-card",
        "title": "Apply for an ID card",
        "intro": "A Dutch identity card (ID card) shows who you are, and you can travel within Europe with it.",
        "body": [
            _text(
                "<p>You apply for an ID card at the city office, by appointment. You must come in person, because we "
                "take your fingerprints.</p>"
            )
        ],
        "costs": "<p>ID card, 18 and over: € 77.85. Under 18: € 43.35.</p>",
        "what_to_bring": "<ul><li>A recent passport photo</li><li>Your old ID card or passport</li></ul>",
        "lead_time": "You can collect the ID card after 6 working days.",
    },
    "rijbewijs": {
        "slug": "driving-licence",
        "title": "Apply for or renew a driving licence",
        "intro": "You renew your driving licence online with DigiD, or at the municipality. You apply for a first "
        "driving licence after your test.",
        "body": [
            _steps(
                "Renewing your driving licence",
                [
                    (
                        "Check whether you need a health declaration",
                        "<p>You do from the age of 75 or with certain conditions.</p>",
                    ),
                    ("Apply for the driving licence online", ""),
                    ("Collect the driving licence by appointment", ""),
                ],
            ),
        ],
        "costs": "<p>A driving licence costs € 52.20.</p>",
        "what_to_bring": "<ul><li>A recent passport photo</li><li>Your old driving licence</li></ul>",
        "lead_time": "You can collect the driving licence after 5 working days.",
    },
    "bijzondere-bijstand": {
        "slug": "special-assistance",
        "title": "Apply for special assistance",
        "intro": "Do you have unexpected costs you cannot pay yourself, such as a new washing machine or a personal "
        "contribution? Special assistance may help.",
        "body": [
            _text(
                "<p>Special assistance is for necessary costs caused by special circumstances. Whether you receive it "
                "depends on your income, your assets and the costs.</p>"
            ),
            _faq(
                "Frequently asked questions",
                [
                    (
                        "Do I have to pay the assistance back?",
                        "<p>Usually not. Sometimes you get a loan; the decision then says so.</p>",
                    ),
                    (
                        "Can I apply after buying something?",
                        "<p>Preferably apply before you buy. Afterwards is possible up to 3 months after the "
                        "purchase.</p>",
                    ),
                ],
            ),
        ],
        "costs": "<p>Applying is free of charge.</p>",
        "what_to_bring": "<ul><li>Bank statements of the last 3 months</li><li>A quotation or invoice of the "
        "costs</li></ul>",
        "lead_time": "You receive a decision within 8 weeks.",
    },
    "trouwen-en-partnerschap": {
        "slug": "marriage-and-partnership",
        "title": "Marriage or registered partnership",
        "intro": "Are you getting married or entering a registered partnership? Choose a date, a location and a civil "
        "registrar (BABS) online.",
        "body": [
            _steps(
                "How it works",
                [
                    (
                        "Give notice of your intended marriage",
                        "<p>At least 2 weeks and at most 1 year before the wedding date.</p>",
                    ),
                    ("Choose date, type of ceremony and location", "<p>You see straight away what is free.</p>"),
                    ("Your partner confirms with their own DigiD", ""),
                ],
            ),
            _callout(
                "info",
                "Getting married free of charge",
                "<p>On Monday and Tuesday mornings you can marry free of charge in the wedding room, with at most 4 "
                "witnesses.</p>",
            ),
        ],
        "costs": "<p>Simple ceremony: € 220. Extended ceremony: € 585. Free of charge at set times.</p>",
        "what_to_bring": "<ul><li>DigiD of both of you</li><li>Details of the witnesses (2 to 4)</li></ul>",
        "lead_time": "Notice at least 2 weeks before the wedding date.",
    },
    "melding-openbare-ruimte": {
        "slug": "report-a-problem",
        "title": "Report a problem in a public space",
        "intro": "Do you see something broken or dirty in the street, such as a loose paving stone, a broken street "
        "light or litter? Let us know.",
        "body": [
            _text(
                "<p>Add a photo and point out the place on the map. We let you know when it has been fixed.</p>"
                '<p>It may already have been reported: see the <a href="/meldingen/in-de-buurt/">reports in the '
                "neighbourhood</a>.</p>"
            ),
            _callout(
                "warning",
                "Dangerous situation?",
                "<p>In case of danger call 14 0123 straight away. If lives are at risk, call 112.</p>",
            ),
        ],
        "costs": "<p>Making a report is free of charge.</p>",
        "what_to_bring": "<ul><li>The place (an address, or point it out on the map)</li><li>A photo, if you have "
        "one</li></ul>",
        "lead_time": "We deal with most reports within 5 working days.",
    },
    "terrasvergunning": {
        "slug": "terrace-permit",
        "title": "Terrace permit",
        "intro": "Do you run a café or restaurant and want a terrace on the pavement or a square? Apply for a terrace "
        "permit.",
        "body": [
            _text(
                "<p>You apply for the permit on behalf of your business, with eHerkenning level 3. What the Chamber of "
                "Commerce knows about your business, you do not need to fill in.</p>"
            )
        ],
        "costs": "<p>The fee is € 2.50 per m² per year. You receive the invoice with the decision.</p>",
        "what_to_bring": "<ul><li>eHerkenning level 3 for your business</li><li>The size of the terrace</li></ul>",
        "lead_time": "You receive a decision within 8 weeks.",
    },
}

# The form page under each translated service (its form's questions are the next part of issue 22).
FORM_PAGE = {"slug": "apply"}
FORM_PAGE_TITLES = {
    "verhuizing-doorgeven": "Report a move",
    "uittreksel-brp": "Request a BRP extract",
    "bijzondere-bijstand": "Apply for special assistance",
    "terrasvergunning": "Apply for a terrace permit",
}
