"""The demo forms in English (issue 22), as an editor would write them in the side-by-side screen: the texts only;
technical names, answer values and rules stay the Dutch form's."""

from django.db import transaction

from forms_engine.models import FormDefinition, FormTranslation

ENGLISH = {
    "verhuizing": {
        "name": "Report a change of address",
        "intro": "Report your move within 5 days after the moving date. It takes about 5 minutes.",
        "confirmation_text": "We will process your move within 5 working days. You will get a message in Mijn Loket.",
        "texts": {
            "over_u.title": "About you",
            "naam.label": "Name",
            "geboortedatum.label": "Date of birth",
            "huidig_adres.label": "Current address",
            "email.label": "Email address",
            "email.help_text": "For the confirmation.",
            "telefoon.label": "Phone number",
            "verhuizing.title": "Your new address",
            "nieuw_adres.label": "New address",
            "verhuisdatum.label": "Moving date",
            "verhuisdatum.help_text": "For example 1 12 2026.",
            "meeverhuizers.label": "Is anyone moving with you?",
            "meeverhuizers_stap.title": "Who is moving with you?",
            "uitleg_mee.text": "Only name people who live at your current address.",
            "aantal_mee.label": "How many people are moving with you?",
            "namen_mee.label": "Names of the people moving with you",
            "woning.title": "Proof of residence",
            "woonsituatie.label": "You are going to live in",
            "woonsituatie.option.Huurwoning": "A rented home",
            "woonsituatie.option.Koopwoning": "A home you own",
            "woonsituatie.option.Bij iemand in": "Someone else's home",
            "hoofdbewoner.label": "Name of the main occupant",
            "bewijs.label": "Rental contract, deed of purchase or the main occupant's permission",
        },
    },
    "uittreksel-brp": {
        "name": "Request an extract from the BRP",
        "intro": "An extract from the Personal Records Database, for example for an employer or a landlord.",
        "confirmation_text": "We will send the extract to your address within 5 working days.",
        "texts": {
            "uittreksel.title": "Which extract?",
            "naam.label": "Name",
            "soort.label": "Kind of extract",
            "soort.option.Standaard": "Standard",
            "soort.option.Met adreshistorie": "With address history",
            "soort.option.Internationaal": "International",
            "aantal.label": "Number of copies",
            "leges.label": "Cost",
            "doel.label": "What do you need it for?",
            "betaling.title": "Refund",
            "iban.label": "IBAN for a possible refund",
        },
    },
    "terrasvergunning": {
        "name": "Apply for a terrace permit",
        "intro": (
            "For restaurant and café owners: apply for a permit for a terrace on the pavement or a square. You log "
            "in with eHerkenning; we fill in what the Chamber of Commerce knows about your business."
        ),
        "confirmation_text": (
            "We will assess your application within 8 weeks. You can follow the case in your business's Mijn Loket."
        ),
        "texts": {
            "bedrijf.title": "Your business",
            "bedrijfsnaam.label": "Name of the business",
            "kvk_nummer.label": "Chamber of Commerce number",
            "adres_zaak.label": "Address of the premises with the terrace",
            "adres_zaak.help_text": (
                "The address of your main branch. If the terrace is at another branch, change it."
            ),
            "email.label": "Email address for questions about the application",
            "telefoon.label": "Phone number",
            "terras.title": "The terrace",
            "oppervlakte.label": "Size of the terrace (m²)",
            "periode.label": "When is the terrace there?",
            "periode.option.Het hele jaar": "All year",
            "periode.option.Alleen in het zomerseizoen (1 april tot 1 oktober)": (
                "Only in the summer season (1 April to 1 October)"
            ),
            "toelichting.label": "Explanation",
        },
    },
    "bijzondere-bijstand": {
        "name": "Apply for special assistance",
        "intro": (
            "For necessary costs you cannot pay yourself. If someone arranges this for you, such as a family member "
            "with DigiD Machtigen or your administrator, they log in with their own DigiD or eHerkenning."
        ),
        "confirmation_text": "We will assess the application within 8 weeks and may ask you for proof.",
        "texts": {
            "aanvrager.title": "For whom",
            "naam.label": "Name",
            "adres.label": "Address",
            "telefoon.label": "Phone number for questions",
            "kosten.title": "The costs",
            "omschrijving.label": "What are the costs for?",
            "bedrag.label": "Amount",
            "iban.label": "IBAN we pay the assistance to",
        },
    },
}


@transaction.atomic
def load_demo_form_translations(english_forms: dict | None = None) -> int:
    """The demo forms' English texts (`ENGLISH`, or another app's forms by slug), once; a translation editors
    already have is left alone."""
    from forms_engine.translation import source_texts

    english_forms = english_forms or ENGLISH
    created = 0
    for definition in FormDefinition.objects.filter(slug__in=english_forms):
        if definition.translations.filter(language="en").exists():
            continue
        english = english_forms[definition.slug]
        dutch = source_texts(definition.build_schema())
        FormTranslation.objects.create(
            form=definition,
            language="en",
            name=english["name"],
            intro=english.get("intro", ""),
            confirmation_text=english.get("confirmation_text", ""),
            texts={path: text for path, text in english["texts"].items() if path in dutch},
            sources={path: dutch[path] for path in english["texts"] if path in dutch},
        )
        created += 1
    return created
