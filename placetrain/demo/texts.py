"""The words of the demo: industries, jobs, training tasks, notes and reasons. Data, not
interface text: written in Norwegian as a job specialist would write them, never translated."""

from __future__ import annotations

GROCERY = "Butikkhandel med dagligvarer"
INDUSTRIES = [
    GROCERY,
    "Lager og logistikk",
    "Hotell og restaurant",
    "Barnehager",
    "Sykehjem og omsorg",
    "Rengjøring",
    "Bygg og anlegg",
    "Frisør og skjønnhet",
    "Kantine og catering",
    "Bilverksted",
    "Renovasjon og gjenvinning",
    "Kontor og administrasjon",
]

# Each industry's SN2007 subclass (the register's næringskode).
INDUSTRY_CODES = {
    GROCERY: "47.111",
    "Lager og logistikk": "52.100",
    "Hotell og restaurant": "55.101",
    "Barnehager": "88.911",
    "Sykehjem og omsorg": "87.102",
    "Rengjøring": "81.210",
    "Bygg og anlegg": "41.200",
    "Frisør og skjønnhet": "96.020",
    "Kantine og catering": "56.290",
    "Bilverksted": "45.200",
    "Renovasjon og gjenvinning": "38.110",
    "Kontor og administrasjon": "82.110",
}

# Shops of the same chains (different employer records, one chain name): the seeds' long story
# moves from one shop of a chain to another. The chains are invented.
CHAIN_SHOPS = [
    ("Nærmat", "Storgata"),
    ("Nærmat", "Sentrum"),
    ("Nærmat", "Brua"),
    ("Matbua", "Torget"),
    ("Matbua", "Nordbyen"),
]
PLACES = [
    "Elvestad",
    "Nordbyen",
    "Sørmarka",
    "Elvebakken",
    "Stasjonen",
    "Haugen",
    "Vestre",
    "Brua",
    "Torget",
    "Furulund",
]
EMPLOYER_NAMES = {
    "Lager og logistikk": "{surname} Logistikk AS",
    "Hotell og restaurant": "Hotell {place}",
    "Barnehager": "{place} barnehage",
    "Sykehjem og omsorg": "{place} sykehjem",
    "Rengjøring": "{surname} Renhold AS",
    "Bygg og anlegg": "{surname} Bygg AS",
    "Frisør og skjønnhet": "Salong {first}",
    "Kantine og catering": "{surname} Catering AS",
    "Bilverksted": "{surname} Bil AS",
    "Renovasjon og gjenvinning": "{place} Gjenvinning IKS",
    "Kontor og administrasjon": "{surname} Regnskap AS",
}
ROLES = {
    GROCERY: ("Butikksjef", "Assisterende butikksjef", "Fagarbeider, fadder"),
    "Barnehager": ("Styrer", "Pedagogisk leder", "Barne- og ungdomsarbeider, fadder"),
    "Sykehjem og omsorg": ("Avdelingsleder", "Sykepleier", "Helsefagarbeider, fadder"),
}
DEFAULT_ROLES = ("Daglig leder", "Avdelingsleder", "Skiftleder, fadder")

# Job wishes and the industries where they are done.
JOBS = {
    "Butikkmedarbeider": (GROCERY,),
    "Lagermedarbeider": ("Lager og logistikk",),
    "Barnehageassistent": ("Barnehager",),
    "Helsefagarbeider": ("Sykehjem og omsorg",),
    "Renholder": ("Rengjøring",),
    "Kokkeassistent": ("Kantine og catering", "Hotell og restaurant"),
    "Sjåfør": ("Renovasjon og gjenvinning", "Lager og logistikk"),
    "Bilmekaniker": ("Bilverksted",),
    "Frisør": ("Frisør og skjønnhet",),
    "Hjelpearbeider bygg": ("Bygg og anlegg",),
    "Kontormedarbeider": ("Kontor og administrasjon",),
}
# Each wish's STYRK-08 unit group (a job analysis is coded with it, and so is a wish).
JOB_OCCUPATIONS = {
    "Butikkmedarbeider": "5223",
    "Lagermedarbeider": "4321",
    "Barnehageassistent": "5312",
    "Helsefagarbeider": "5321",
    "Renholder": "9112",
    "Kokkeassistent": "9412",
    "Sjåfør": "8322",
    "Bilmekaniker": "7231",
    "Frisør": "5141",
    "Hjelpearbeider bygg": "9313",
    "Kontormedarbeider": "4110",
}
# The existing roles a developed job (jobbsnekring) takes its tasks from, by industry.
DEVELOPED_FROM = {
    GROCERY: "Butikkmedarbeider og ferskvareansvarlig",
    "Lager og logistikk": "Lagermedarbeider og truckfører",
    "Sykehjem og omsorg": "Helsefagarbeider og kjøkkenassistent",
    "Kantine og catering": "Kokk og kantinemedarbeider",
}
TASKS = {
    GROCERY: (
        "Varemottak og opptelling",
        "Fylle på hyller og datomerking",
        "Frukt og grønt",
        "Kasse med veileder",
        "Kasse alene",
    ),
    "Lager og logistikk": (
        "Plukk etter plukkliste",
        "Varemottak og kontroll",
        "Pakking og forsendelse",
        "Truck med instruktør",
    ),
    "Barnehager": (
        "Påkledning og uteleik",
        "Måltider med barna",
        "Rydding og forberedelse av aktiviteter",
        "Samlingsstund sammen med pedagog",
    ),
    "Sykehjem og omsorg": (
        "Servering av måltider",
        "Sosialt samvær med beboerne",
        "Stell sammen med fagarbeider",
        "Rapport ved vaktskifte",
    ),
    "Kantine og catering": (
        "Oppvask og rydding",
        "Kaldkjøkken: salater og påsmurt",
        "Varm mat sammen med kokken",
        "Temperaturlogg og hygiene (IK-mat)",
    ),
}
DEFAULT_TASKS = (
    "Bli kjent med arbeidsplassen og rutinene",
    "Enkle oppgaver sammen med fadder",
    "Faste oppgaver alene, fadder i nærheten",
    "Nye oppgaver etter avtale med leder",
)

INTAKE_NOTES = [
    "Første samtale: gikk gjennom bestillingen og samtykkene.",
    "Kartleggingssamtale om jobbønsker og arbeidserfaring, med tolk.",
    "Samtale om hva som gir energi og hvilke arbeidsplasser hen vil jobbe på.",
    "Telefon: avtalte møte om yrkesprofilen.",
    "SMS: minnet om møtet på torsdag.",
    "Kontakt med NAV-veileder om bestillingen.",
]
SEARCH_NOTES = [
    "Gikk gjennom de fem arbeidsplassene deltakeren ønsker seg.",
    "Besøkte en aktuell arbeidsgiver sammen med deltakeren.",
    "Forberedte møtet med arbeidsgiver: hva vil du fortelle om deg selv?",
    "Jobbanalyse hos arbeidsgiver: oppgaver, språkkrav og opplæring.",
    "Hjemmebesøk: barnehageplass ordnet, kan starte i 80 %.",
    "Kontakt med NAV-veileder om tiltak og tilskudd.",
]
PLACEMENT_NOTES = [
    "Besøk på arbeidsplassen. Alt går fint, trives med kollegene.",
    "Telefon med fadder: lærer raskt, trenger mer norsk på vaktskifte.",
    "Statusmøte: mestrer første oppgave, neste steg avtalt med fadder.",
    "Deltaker syk i dag, nytt besøk neste uke.",
    "Samtale med leder om opplæringsplanen.",
    "Besøk i lunsjen: deltar i småpraten, fadder følger godt opp.",
]
EMPLOYED_NOTES = [
    "Oppfølging etter ansettelse: trives, ønsker flere vakter.",
    "Telefon med leder: fornøyd, ingen behov nå.",
    "Besøk på jobben: har fått fast turnus.",
    "Samtale om lønnsslipp, skattekort og feriepenger.",
]
PARTNERSHIP_NOTES = [
    "Partnerskapsmøte: mulige praksisplasser til våren.",
    "Jobbanalyse: gikk gjennom oppgaver og språkkrav med leder.",
    "Samtale om jobbsnekring: oppgaver som kan bli en deltidsstilling.",
    "Faddersamling: erfaringer med opplæring av nye.",
]
NEXT_STEPS = {
    "intake": ["Kartleggingssamtale", "Hent samtykke til kontakt med fastlege", "Ring deltaker"],
    "search": ["Ring arbeidsgiver", "Jobbanalyse hos arbeidsgiver", "Besøk med deltaker"],
    "placement": ["Besøk på arbeidsplassen", "Statusmøte med fadder", "Evalueringsmøte"],
    "employed": ["Oppfølgingssamtale", "Ring leder om hvordan det går"],
}
EXTENSION_REASONS = [
    "Evaluert med deltaker og fadder: trenger mer tid på kassen før ansettelse kan vurderes.",
    "Arbeidsgiver har intensjon om ansettelse fra neste måned; praksis til stillingen er klar.",
    "Opplæringsplanen er forsinket av sykdom; deltaker og leder ønsker å fortsette.",
    "Språkmålet er ikke nådd ennå; norsklæreren følger opp på arbeidsplassen.",
]
NO_HIRE_ENDINGS = {
    "ended_by_employer": "Arbeidsgiver hadde ikke lenger oppgaver etter omorganisering.",
    "ended_by_participant": "Trivdes ikke med skiftarbeid; vil heller prøve noe annet.",
}
PROGRAMME_ENDINGS = {
    "education": "Har fått plass på videregående opplæring for voksne.",
    "ended_by_participant": "Har flyttet til en annen kommune.",
    "other": "Foreldrepermisjon; avslutter programmet og kan henvises på nytt.",
}

# The partnership pipeline: what employers say they need, in their own words, the reasons a
# relationship is paused or set aside, and next actions.
PARTNER_NEEDS = [
    "«Vi trenger folk som kan ta morgenskiftet i varemottaket, og som blir.»",
    "«Sommeren er krevende: vi trenger ekstrahjelp fra juni, gjerne noen vi kjenner fra før.»",
    "«Vi har oppgaver som ikke blir gjort – rydding, påfylling, enkle bestillinger.»",
    "«Norsken trenger ikke være perfekt, men de må forstå sikkerhetsrutinene.»",
    "«Vi vil gjerne ha lærlinger, men har ikke tid til å følge dem opp alene.»",
]
PAUSE_REASONS = [
    "Omorganisering hos arbeidsgiveren; ta kontakt igjen etter nyttår.",
    "Ny leder begynner i høst; hun vil se an før de tar inn noen.",
]
NOT_RELEVANT_REASONS = [
    "Krever autorisasjon deltakerne våre ikke har.",
    "Bare nattarbeid og ingen fadder tilgjengelig.",
]
PARTNER_NEXT_ACTIONS = [
    "Ring leder om praksisplass til våren",
    "Avtale jobbanalyse med butikksjef",
    "Sende rammeavtalen til signering",
    "Invitere til faddersamling",
]
