"""The demo's pages in other languages: one council news post and the programme of change,
in Welsh and Polish, made as an editor makes them with "Translate" (core.translation_admin):
a copy in the language's own tree, its parents made there as aliases of the originals.

Illustrative translations made with machine assistance: no translator has reviewed them, and
each says so in its first line. They show what readers of /cy/ and /pl/ see; a council would
write its own.
"""

from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Locale, Page

from townhall.core import translations
from townhall.council.models import ProgrammePage
from townhall.news.models import NewsPostPage

POST_TITLE = "Partnership board minutes now published"
PROGRAMME_SLUG = "one-barnet"

# Illustrative translation made with machine assistance (see the module's docstring).
_CY_NOTE = (
    "<p><em>Cyfieithiad enghreifftiol a wnaed gyda chymorth peiriant (illustrative "
    "translation made with machine assistance).</em></p>"
)
# Illustrative translation made with machine assistance (see the module's docstring).
_PL_NOTE = (
    "<p><em>Tłumaczenie przykładowe, wykonane przy pomocy tłumaczenia maszynowego "
    "(illustrative translation made with machine assistance).</em></p>"
)

# Illustrative translations made with machine assistance: field values by language.
POST = {
    "cy": {
        "title": "Cofnodion bwrdd y bartneriaeth wedi'u cyhoeddi",
        "teaser": "Mae cofnodion y bwrdd sy'n dod â'r cyngor, GIG Barnet, Prifysgol "
        "Middlesex, y Ganolfan Byd Gwaith a'r heddlu at ei gilydd bellach yn gyhoeddus.",
        "body": _CY_NOTE
        + "<p>Mae Bwrdd Partneriaeth Barnet yn dod â'r cyngor, GIG Barnet, Prifysgol "
        "Middlesex, y Ganolfan Byd Gwaith a Heddlu'r Metropolitan at ei gilydd i gynllunio "
        "gwasanaethau sy'n croesi ffiniau rhwng sefydliadau.</p>"
        "<p>O'r mis hwn ymlaen, caiff ei gofnodion eu cyhoeddi ar ôl pob cyfarfod, ochr yn "
        "ochr â phapurau pwyllgorau'r cyngor ei hun. Mae'r set gyntaf yn ymdrin â "
        "blaenoriaethau'r bwrdd ar gyfer y flwyddyn: helpu trigolion i gael gwaith, iechyd "
        "pobl hŷn, a rhannu adeiladau rhwng gwasanaethau cyhoeddus.</p>"
        "<p>Gall trigolion ddilyn gwaith y bwrdd ar y tudalennau "
        '<a href="/cy/democracy/committees/">pwyllgorau a chyfarfodydd</a>.</p>',
    },
    "pl": {
        "title": "Protokoły rady partnerskiej są już publikowane",
        "teaser": "Protokoły rady, która skupia samorząd, NHS Barnet, Middlesex University, "
        "Jobcentre Plus i policję, są już jawne.",
        "body": _PL_NOTE
        + "<p>Rada Partnerska Barnet (Barnet Partnership Board) skupia samorząd dzielnicy, "
        "NHS Barnet, Middlesex University, Jobcentre Plus i Policję Metropolitalną, aby "
        "wspólnie planować usługi wykraczające poza granice poszczególnych instytucji.</p>"
        "<p>Od tego miesiąca jej protokoły są publikowane po każdym posiedzeniu, razem z "
        "dokumentami komisji samego samorządu. Pierwszy zestaw dotyczy priorytetów rady na "
        "ten rok: pomocy mieszkańcom w znalezieniu pracy, zdrowia osób starszych oraz "
        "wspólnego korzystania z budynków przez służby publiczne.</p>"
        "<p>Mieszkańcy mogą śledzić prace rady na stronach "
        '<a href="/pl/democracy/committees/">komisji i posiedzeń</a>.</p>',
    },
}

# Illustrative translations made with machine assistance: field values by language.
PROGRAMME = {
    "cy": {
        "title": "Rhaglen One Barnet",
        "summary": "Rhaglen y cyngor o brosiectau newid, sydd â'r nod o gadw gwasanaethau'n "
        "dda ac yn fforddiadwy wrth i arian leihau ac wrth i'r galw gynyddu.",
        "aims": _CY_NOTE
        + "<p>Prosiectau newid y cyngor, wedi'u dwyn ynghyd fel y gall barhau i ddarparu "
        "gwasanaethau da ac effeithlon am y deg i bymtheg mlynedd nesaf tra bo'i gyllid yn "
        "lleihau a'r galw'n cynyddu, yn enwedig gan blant ifanc a phobl hen iawn.</p>"
        "<p>Nod y rhaglen yw torri costau heb dorri ansawdd, sy'n aml yn golygu newid y "
        "ffordd y caiff gwasanaeth ei ddarparu, a rhoi trigolion wrth galon gwaith y "
        "cyngor.</p>",
        "principles": "<ul><li>Perthynas newydd â dinasyddion</li>"
        "<li>Ymdrech ddi-baid i fod yn effeithlon</li>"
        "<li>Un sector cyhoeddus: gweithio gyda'r GIG, yr heddlu a chyrff cyhoeddus "
        "eraill</li></ul>",
        "sponsor": "Y Prif Weithredwr, gyda chefnogaeth Grŵp Cyfarwyddwyr y Cyngor",
    },
    "pl": {
        "title": "Program One Barnet",
        "summary": "Program projektów zmian samorządu, który ma utrzymać dobre i przystępne "
        "usługi, gdy pieniędzy ubywa, a zapotrzebowanie rośnie.",
        "aims": _PL_NOTE
        + "<p>Projekty zmian samorządu zebrane razem, aby przez najbliższe dziesięć do "
        "piętnastu lat mógł on nadal świadczyć dobre i sprawne usługi, choć jego budżet "
        "maleje, a zapotrzebowanie rośnie, przede wszystkim ze strony małych dzieci i osób w "
        "bardzo podeszłym wieku.</p>"
        "<p>Program ma obniżyć koszty bez obniżania jakości, co często oznacza zmianę sposobu "
        "świadczenia usługi, oraz postawić mieszkańców w centrum pracy samorządu.</p>",
        "principles": "<ul><li>Nowa relacja z mieszkańcami</li>"
        "<li>Nieustanne dążenie do efektywności</li>"
        "<li>Jeden sektor publiczny: współpraca z NHS, policją i innymi instytucjami "
        "publicznymi</li></ul>",
        "sponsor": "Dyrektor naczelny, przy wsparciu Grupy Dyrektorów Samorządu",
    },
}


def _translate(page: Page | None, texts: dict[str, dict[str, str]]) -> int:
    """The page's copy in each language, published with its words; none made twice."""
    if page is None:
        return 0
    made = 0
    for code, fields in texts.items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or page.has_translation(locale):
            continue  # a language the operator dropped, or translated already
        copy = CopyPageForTranslationAction(page, locale, copy_parents=True).execute(
            skip_permission_checks=True
        )
        for name, value in fields.items():
            setattr(copy, name, value)
        copy.save_revision().publish()
        made += 1
    return made


def load_translations() -> int:
    """The demo's translated pages, once the pages they translate exist."""
    translations.sync_locales()
    originals = translations.originals
    post = originals(NewsPostPage.objects.filter(title=POST_TITLE)).first()
    programme = originals(ProgrammePage.objects.filter(slug=PROGRAMME_SLUG)).first()
    return _translate(post, POST) + _translate(programme, PROGRAMME)
