"""Demo notice rules for Voorbeeldstad: expiring travel documents, the WOZ pre-notice, road works on the Dijkweg
(approved, so it is sent), turning 18 and newcomers. Idempotent: rules are found by name."""

from django.utils import timezone

from portal.notices.models import NoticeCategory, NoticeCategoryTranslation, NoticeRule, NoticeRuleTranslation

CATEGORIES = [
    ("Reisdocumenten", "Als uw paspoort of ID-kaart bijna verloopt.", 1),
    ("Belastingen", "De gegevens van uw woning controleren voor de WOZ-waarde.", 2),
    (
        "Werkzaamheden en vergunningen in uw buurt",
        "Werk aan de weg en aanvragen voor vergunningen bij u in de buurt.",
        3,
    ),
    ("Mijlpalen", "Informatie als u 18 wordt of net in de gemeente woont.", 4),
]
ENGLISH_CATEGORIES = {
    "Reisdocumenten": ("Travel documents", "When your passport or ID card is about to expire."),
    "Belastingen": ("Taxes", "Checking the details of your home for its WOZ value."),
    "Werkzaamheden en vergunningen in uw buurt": (
        "Works and permits in your neighbourhood",
        "Road works and permit applications near you.",
    ),
    "Mijlpalen": ("Milestones", "Information when you turn 18 or have just come to live here."),
}


# The rules' messages in English.
_EXPIRING = "Dear {naam},\n\nYour {document} is valid until {vervaldatum}. "
ENGLISH_RULES = {
    "Paspoort verloopt binnen 90 dagen": (
        "Your {document} expires on {vervaldatum}",
        _EXPIRING + "Travelling? Apply for a new passport in good time: it takes about a week.\n\n"
        "Make an appointment at the desk for this.",
        "Make an appointment",
    ),
    "ID-kaart verloopt binnen 90 dagen": (
        "Your {document} expires on {vervaldatum}",
        _EXPIRING + "Make an appointment in good time.",
        "Make an appointment",
    ),
    "WOZ-voormelding": (
        "Are the details of your home correct? (WOZ {belastingjaar})",
        "Dear {naam},\n\nWe will soon set the WOZ value for {belastingjaar}. Check the details of your home "
        "beforehand. If something is wrong, let us know now.",
        "Check the details",
    ),
    "Werkzaamheden Dijkweg": (
        "Works on the Dijkweg",
        "Dear resident of {adres},\n\nFrom next month we are replacing the sewers in the Dijkweg. The road will be "
        "closed to cars for six weeks; your home can still be reached on foot and by bicycle.",
        "",
    ),
    "Bijna 18: rijbewijs en zorgverzekering": (
        "You turn 18 on {datum}",
        "Dear {naam},\n\nCongratulations in advance! From the age of 18 you need your own health insurance, and you "
        "may take your driving test. Read on our website what changes.",
        "More about your driving licence",
    ),
    "Welkom in Voorbeeldstad": (
        "Welcome to your new address",
        "Dear {naam},\n\nWelcome to {adres}! Your waste pass is ready for you at the city shop.",
        "",
    ),
}


def load_demo_notices() -> int:
    from portal.cases.models import CaseType

    categories = {}
    for name, description, order in CATEGORIES:
        categories[name], _created = NoticeCategory.objects.get_or_create(
            name=name, defaults={"description": description, "order": order}
        )
        english, explained = ENGLISH_CATEGORIES[name]
        NoticeCategoryTranslation.objects.get_or_create(
            category=categories[name], language="en", defaults={"name": english, "description": explained}
        )
    today = timezone.localdate()
    rules = [
        {
            "name": "Paspoort verloopt binnen 90 dagen",
            "english": ENGLISH_RULES["Paspoort verloopt binnen 90 dagen"],
            "category": categories["Reisdocumenten"],
            "kind": NoticeRule.Kind.TRAVEL_DOCUMENT,
            "document_kind": NoticeRule.DocumentKind.PASSPORT,
            "days_ahead": 90,
            "subject": "Uw {document} verloopt op {vervaldatum}",
            "body": (
                "Beste {naam},\n\nUw {document} is geldig tot en met {vervaldatum}. Gaat u op reis, vraag dan op tijd "
                "een nieuw paspoort aan: dat duurt ongeveer een week.\n\nMaak hiervoor een afspraak bij de balie."
            ),
            "link_url": "/afspraak/?products=paspoort",
            "link_text": "Maak een afspraak",
        },
        {
            "name": "ID-kaart verloopt binnen 90 dagen",
            "english": ENGLISH_RULES["ID-kaart verloopt binnen 90 dagen"],
            "category": categories["Reisdocumenten"],
            "kind": NoticeRule.Kind.TRAVEL_DOCUMENT,
            "document_kind": NoticeRule.DocumentKind.ID_CARD,
            "days_ahead": 90,
            "subject": "Uw {document} verloopt op {vervaldatum}",
            "body": "Beste {naam},\n\nUw {document} is geldig tot en met {vervaldatum}. Maak op tijd een afspraak.",
            "link_url": "/afspraak/?products=id-kaart",
            "link_text": "Maak een afspraak",
        },
        {
            "name": f"WOZ-voormelding {today.year + 1}",
            "english": ENGLISH_RULES["WOZ-voormelding"],
            "category": categories["Belastingen"],
            "kind": NoticeRule.Kind.WOZ,
            "tax_year": today.year + 1,
            "case_type": CaseType.objects.filter(name="WOZ-correctie").first(),
            "subject": "Kloppen de gegevens van uw woning? (WOZ {belastingjaar})",
            "body": (
                "Beste {naam},\n\nBinnenkort stellen we de WOZ-waarde voor {belastingjaar} vast. Controleer vooraf de "
                "gegevens van uw woning. Klopt er iets niet, geef het dan nu door."
            ),
            "link_url": "/mijn/woz/",
            "link_text": "Gegevens controleren",
        },
        {
            "name": "Werkzaamheden Dijkweg",
            "english": ENGLISH_RULES["Werkzaamheden Dijkweg"],
            "category": categories["Werkzaamheden en vergunningen in uw buurt"],
            "kind": NoticeRule.Kind.AREA,
            "area_neighbourhoods": "WK999903",
            "approved_at": timezone.now(),
            "subject": "Werkzaamheden aan de Dijkweg",
            "body": (
                "Beste bewoner van {adres},\n\nVanaf volgende maand vervangen we de riolering in de Dijkweg. De weg is "
                "dan zes weken afgesloten voor auto's; uw woning blijft te voet en met de fiets bereikbaar."
            ),
        },
        {
            "name": "Bijna 18: rijbewijs en zorgverzekering",
            "english": ENGLISH_RULES["Bijna 18: rijbewijs en zorgverzekering"],
            "category": categories["Mijlpalen"],
            "kind": NoticeRule.Kind.AGE,
            "age": 18,
            "days_ahead": 30,
            "subject": "Op {datum} wordt u 18",
            "body": (
                "Beste {naam},\n\nGefeliciteerd alvast! Vanaf uw 18de moet u zelf een zorgverzekering hebben, en u mag "
                "rijexamen doen. Op onze website leest u wat er verandert."
            ),
            "link_url": "/rijbewijs/",
            "link_text": "Meer over uw rijbewijs",
        },
        {
            "name": "Welkom in Voorbeeldstad",
            "english": ENGLISH_RULES["Welkom in Voorbeeldstad"],
            "category": categories["Mijlpalen"],
            "kind": NoticeRule.Kind.MOVED_IN,
            "days_ahead": 30,
            "subject": "Welkom op uw nieuwe adres",
            "body": "Beste {naam},\n\nWelkom op {adres}! Uw afvalpas ligt voor u klaar bij de Stadswinkel.",
        },
    ]
    created = 0
    for values in rules:
        subject, body, link_text = values.pop("english")
        rule = NoticeRule.objects.filter(name=values["name"]).first()
        if rule is None:
            rule = NoticeRule(**values)
            rule.full_clean()
            rule.save()
            created += 1
        NoticeRuleTranslation.objects.get_or_create(
            rule=rule, language="en", defaults={"subject": subject, "body": body, "link_text": link_text}
        )
    return created
