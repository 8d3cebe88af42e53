"""Romanian phrase banks: topic sentences, generic comments, framing and social text.

Written WITH diacritics (comma-below ș ț); the generator strips them or turns them into
the cedilla forms ş ţ for part of the comments, as real Moldovan users do.
"""

from __future__ import annotations

# Sentences about one taxonomy topic, written in that topic's planted polarity only.
TOPICS = {
    "product_quality": {
        "long": [
            "Routerul pe care mi l-ați adus funcționează perfect, nicio întrerupere în două luni.",
            "Telefonul cumpărat de la voi merge excelent, sunt foarte mulțumit.",
            "Pachetul TV e super, multe canale și imagine clară.",
            "Totul funcționează cum s-a promis, nu am nicio pretenție la calitate.",
            "Calitatea serviciilor e foarte bună, sincer.",
            "Modemul nou e mult mai bun decât cel vechi.",
            "Internetul de acasă e rapid și stabil, exact ce îmi trebuia.",
            "Boxul TV merge excelent, nimic nu se blochează.",
            "De un an am abonamentul nelimitat și nicio problemă.",
        ],
        "short": ["Calitate excelentă", "Merge perfect", "Calitatea e de top"],
    },
    "price_value": {
        "long": [
            "Prea scump pentru ce oferiți.",
            "Iar ați crescut prețurile și nimic nu s-a îmbunătățit.",
            "Vecinii mei plătesc de două ori mai puțin la alt operator pentru aceeași viteză.",
            "Prețul nu mai corespunde calității.",
            "Pentru banii ăștia mă așteptam la mult mai mult.",
            "Încă o scumpire a abonamentului, pe bune?",
            "La concurență același pachet e mai ieftin.",
            "Reducerea a ținut trei luni și acum plătesc dublu.",
        ],
        "short": ["Prea scump", "Prețuri prea mari", "E scump rău"],
        "sarcasm": [
            "Ador să plătesc ca la premium pentru cel mai simplu serviciu.",
            "Super, iar au crescut prețurile, exact de asta aveam nevoie.",
        ],
    },
    "billing_payments": {
        "long": [
            "Mi-ați luat banii de două ori pentru aceeași lună și încă aștept returul.",
            "Iar factura e greșită, mi-ați pus servicii pe care nu le-am activat.",
            "Plata a trecut, dar în contul personal tot apare datorie.",
            "Plata automată n-a mers, iar penalitatea mi-ați pus-o mie.",
            "Nimeni nu poate explica ce sunt taxele în plus de pe factură.",
            "Factura vine cu întârziere și apoi tot eu plătesc penalități.",
            "Mi-au luat bani pentru roaming deși n-am plecat nicăieri.",
            "Am plătit la timp și tot mi-a venit mesaj că am datorie.",
            "Pe factură e o sumă, în aplicație alta, care e corectă?",
        ],
        "short": ["Factura greșită iar", "Plată dublă", "Probleme cu factura"],
        "sarcasm": [
            "Minunat, a treia oară luna asta factura e greșită.",
            "Ce sistem de plată grozav, mă taxează pentru lucruri pe care nu le am.",
            "Îmi place că factura e o surpriză în fiecare lună.",
        ],
    },
    "delivery": {
        "long": [
            "Cartela SIM a fost livrată a doua zi, foarte comod.",
            "Curierul a adus routerul la timp și chiar m-a ajutat să-l conectez.",
            "Am comandat un telefon pe site și a ajuns în două zile, bine ambalat.",
            "Livrare rapidă, curierul a sunat înainte.",
            "Au livrat repede, totul a ajuns intact.",
        ],
        "short": ["Livrare rapidă", "Livrat la timp"],
    },
    "waiting_speed": {
        "long": [
            "Am așteptat pe linie 40 de minute până mi-a răspuns cineva.",
            "Internetul l-au conectat abia în două săptămâni.",
            "Coadă uriașă la oficiu și un singur ghișeu deschis.",
            "Suportul răspunde la emailuri o veșnicie.",
            "Aproape o oră am stat pe linie pentru o întrebare simplă.",
            "Tehnicianul trebuia să vină luni și a venit vineri.",
            "Nu se poate suna la voi, linia e mereu ocupată.",
            "Am așteptat zece zile pentru o cartelă SIM nouă.",
        ],
        "short": ["Prea mult de așteptat", "Suport foarte lent", "Cozi fără sfârșit"],
        "sarcasm": [
            "Mersi pentru muzica de pe linie, am ascultat-o toată pauza de masă.",
            "Serviciu super rapid, am așteptat doar trei săptămâni.",
            "Mersi pentru apelul «rapid» înapoi, doar patru zile.",
        ],
    },
    "staff_attitude": {
        "long": [
            "Doamna de la magazin a fost foarte amabilă și răbdătoare cu mama.",
            "Operatorul a fost politicos și prietenos, mulțumesc.",
            "Personal foarte plăcut, mereu zâmbitori.",
            "Colega voastră Maria m-a ajutat foarte mult, mulțumesc frumos.",
            "Băiatul de la telefon a fost calm și politicos, deși eu eram nervos.",
            "M-au tratat ca pe un om, nu ca pe un număr de contract.",
            "Fata de la magazin a fost foarte drăguță și mi-a explicat totul zâmbind.",
            "Atitudine foarte caldă și respectuoasă la suport.",
        ],
        "short": ["Personal amabil", "Operator foarte politicos", "Fete drăguțe la magazin"],
    },
    "staff_competence": {
        "long": [
            "Tehnicianul a înțeles imediat problema și a rezolvat-o în zece minute.",
            "Consultantul mi-a explicat clar toate abonamentele și m-a ajutat să aleg.",
            "Specialistul de la suport chiar se pricepe.",
            "În sfârșit cineva care a înțeles problema din prima.",
            "Inginerul a fost un profesionist adevărat și mi-a explicat tot.",
        ],
        "short": ["Specialiști competenți", "Oameni pricepuți"],
    },
    "problem_resolution": {
        "long": [
            "Problema mea a fost rezolvată de la primul apel.",
            "Au reparat repede și m-au sunat înapoi să verifice dacă e totul în regulă.",
            "Problema cu conexiunea a fost rezolvată în aceeași zi.",
            "Am avut o problemă cu portarea numărului, dar au rezolvat-o repede.",
            "Chiar mi-au rezolvat problema, nu mă așteptam.",
            "Banii mi i-au returnat la o săptămână după reclamație.",
        ],
        "short": ["Problemă rezolvată", "Rezolvat rapid"],
    },
    "app_website": {
        "long": [
            "Aplicația mă deconectează tot timpul.",
            "Nu pot plăti pe site, îmi dă eroare.",
            "După actualizare nu mai găsesc nimic în aplicație, nici măcar soldul.",
            "Site-ul merge greu și se blochează când vreau să schimb abonamentul.",
            "Aplicația arată greșit traficul rămas.",
            "Logarea cu cod prin SMS nu merge niciodată din prima.",
        ],
        "short": ["Aplicația nu merge", "Site-ul e stricat", "Aplicația se blochează"],
        "sarcasm": ["Aplicație grozavă, se închide de fiecare dată când o deschid."],
    },
    "network_quality": {
        "long": [
            "În apartament nu am semnal deloc.",
            "Internetul dispare în fiecare seară pe la opt.",
            "Apelurile se întrerup când ies din oraș.",
            "Internetul mobil e foarte lent, paginile abia se încarcă.",
            "Conexiunea e instabilă, apelurile video se blochează mereu.",
            "La sat acoperirea e groaznică.",
            "În parcarea subterană 4G-ul dispare complet.",
            "Wi-Fi-ul de acasă cade de câteva ori pe zi.",
        ],
        "short": ["Semnal foarte slab", "Internetul cade mereu", "Nu am acoperire"],
        "sarcasm": [
            "Acoperire de vis, prind o liniuță dacă ies pe balcon.",
            "Rețea perfectă, dacă nu trebuie să suni pe nimeni.",
        ],
    },
    "contract_tariff": {
        "long": [
            "Condițiile abonamentului au fost schimbate fără acordul meu.",
            "Contractul are atâtea condiții ascunse, nu înțelegi nimic.",
            "M-au mutat pe un abonament nou pe care nu l-am cerut.",
            "Abonamentul se poate schimba doar la oficiu, online nu se poate.",
            "Termenul minim de contract de doi ani e ridicol.",
        ],
        "short": ["Abonamente încurcate", "Contract neclar"],
    },
    "personalization": {
        "long": [
            "Am primit o ofertă după consumul meu, încă nu m-am hotărât.",
            "Aplicația îmi recomandă abonamente, unele chiar se potrivesc.",
            "Mi-au trimis o felicitare de ziua mea și un cod de reducere.",
            "În emailuri mi se adresează pe nume, ok.",
            "Ofertele sunt uneori potrivite, alteori nu.",
        ],
        "short": ["Am primit o ofertă personală", "Oferte obișnuite"],
    },
    "channel_consistency": {
        "long": [
            "În chat mi-au spus una, iar la magazin cu totul altceva.",
            "De fiecare dată când sun trebuie să explic totul de la început.",
            "Prețul de pe site diferă de cel din magazin.",
            "În chat mi-au zis că problema e rezolvată, la call center nu există nicio cerere.",
            "A trebuit să repet același lucru la trei operatori diferiți.",
        ],
        "short": ["Fiecare spune altceva"],
    },
    "trust_honesty": {
        "long": [
            "Au promis conectare gratuită și apoi mi-au pus-o în factură.",
            "Am impresia că sunt păcălit cu taxe ascunse.",
            "Vânzătorul m-a mințit despre durata contractului.",
            "Mi-au activat abonamente plătite fără să mă întrebe.",
            "Viteza promisă e o minciună, nu primesc nici jumătate.",
        ],
        "short": ["Taxe ascunse peste tot", "Țeapă curată"],
        "sarcasm": ["Companie cinstită, doar au uitat să menționeze jumătate din taxe."],
    },
    "loyalty_program": {
        "long": [
            "Adun puncte bonus, dar le folosesc rar.",
            "Sunt în programul de fidelitate, o dată am schimbat punctele pe gigabytes.",
            "Luna asta am primit câteva puncte bonus.",
            "Programul de fidelitate există, cred că am niște puncte acolo.",
        ],
        "short": ["Folosesc programul de bonusuri"],
    },
    "cancellation": {
        "long": [
            "La sfârșitul lunii reziliez contractul.",
            "De două săptămâni încerc să mă deconectez și îmi ignoră cererea.",
            "Mă gândesc să trec la alt operator.",
            "Ca să reziliez contractul a trebuit să merg de trei ori la oficiu.",
            "Dacă mai continuă așa, plec.",
        ],
        "short": ["Plec la concurență", "Reziliez contractul"],
    },
}

# Comments with no taxonomy topic, by overall mood.
GENERIC = {
    "pos": [
        "Totul e bine, mulțumesc",
        "Foarte mulțumit",
        "Sunt mulțumit de tot",
        "Țineți-o tot așa!",
        "Sunt client de mulți ani și îmi place",
        "Nu am nicio plângere",
    ],
    "neg": [
        "Foarte dezamăgit",
        "Nu sunt deloc mulțumit",
        "Serviciu groaznic",
        "Putea fi mult mai bine",
    ],
    "neu": [
        "E ok",
        "Normal, nimic de zis",
        "Nimic special",
        "Cam așa și așa",
        "Mediu, nimic de adăugat",
    ],
}

OPENERS = [
    "Bună ziua.",
    "Salut!",
    "Sunt clientul vostru de vreo cinci ani.",
    "De unde să încep...",
    "Pe scurt.",
]

CLOSERS = {
    "pos": ["Mulțumesc!", "Țineți-o tot așa.", "Mersi mult!"],
    "neg": ["Rezolvați odată.", "Foarte dezamăgit.", "Faceți ceva!", "E inacceptabil."],
    "neu": ["Asta e tot.", "Mersi."],
}

# Put in front of the next sentence: "contrast" when the polarity flips, "add" when it
# stays the same.
CONNECTORS = {
    "contrast": ["Dar", "Totuși,", "Pe de altă parte,"],
    "add": ["Și", "Plus că", "În plus,", "De asemenea,"],
}

# Review openers (tenure / context).
REVIEW_OPENERS = [
    "Client din 2019.",
    "Folosesc abonamentul mobil de doi ani.",
    "Am trecut la ei anul trecut.",
    "Internet și TV acasă de trei ani.",
]

HASHTAGS = ["#Lumatel", "#internet", "#Moldova", "#operator"]

# Spam / bot posts: {link} is replaced with a seeded short link.
SPAM = [
    "Câștigă 500 de euro pe zi de acasă!!! Click aici 👉 {link}",
    "Internet gratuit pentru totdeauna, intră pe {link}",
]
