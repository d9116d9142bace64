"""Who the participants of these programmes are: refugees and immigrants (Eritrea, Syria,
Ukraina, Afghanistan, Somalia, Irak, DR Kongo, Polen …) and some Norwegian-born long-term
social-assistance recipients. Names come from Faker where it has a locale that writes them in
Latin script as a Norwegian caseworker would (no_NO, pl_PL, uk_UA transliterated); elsewhere
from short hand-written lists, since Faker's ar_* and fa_IR write Arabic script. Everything is
drawn from the caller's seeded sources, so a seed always gives the same people."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from faker import Faker
from faker.providers.person.uk_UA import translit

NORWEGIAN = "norsk"


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


LEVELS = ["A1", "A2", "B1", "B2", "C1"]


@dataclass(frozen=True)
class Origin:
    country: str
    weight: int
    # (mother tongue, weight), and the other languages people from here often speak.
    tongues: tuple[tuple[str, int], ...]
    other_languages: tuple[str, ...]
    # Weights over LEVELS (A1 … C1); empty for the Norwegian-born (no CEFR level assessed).
    level_weights: tuple[int, ...]
    # Weights over the programmes, in DEFAULT_PROGRAMMES' order.
    programme_weights: tuple[int, ...]
    years_in_norway: tuple[int, int]
    locale: str = ""
    male: tuple[str, ...] = ()
    female: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    education: tuple[str, ...] = field(default=())
    jobs_at_home: tuple[str, ...] = field(default=())


# Programmes: Introduksjonsprogrammet, KVP, Jobbsjansen, IPS, Annet.
ORIGINS = [
    Origin(
        "Ukraina",
        22,
        (("ukrainsk", 8), ("russisk", 2)),
        ("russisk", "engelsk"),
        (30, 40, 25, 5, 0),
        (60, 10, 15, 5, 10),
        (1, 3),
        locale="uk_UA",
        education=(
            "Bachelor i økonomi fra Ukraina",
            "Fagskole i Ukraina",
            "Videregående skole i Ukraina",
        ),
        jobs_at_home=("Regnskapsfører", "Kokk", "Sykepleier", "Lagerarbeider", "Frisør"),
    ),
    Origin(
        "Eritrea",
        14,
        (("tigrinja", 10),),
        ("arabisk", "amharisk", "engelsk"),
        (30, 45, 20, 5, 0),
        (55, 20, 15, 5, 5),
        (2, 9),
        male=_names(
            "Yonas, Filmon, Mehari, Biniam, Semere, Yohannes, Habtom, Amanuel, Merhawi, "
            "Tekle, Kidane, Robel"
        ),
        female=_names(
            "Senait, Luwam, Selam, Rahel, Winta, Saba, Feven, Hiwet, Yordanos, Mebrat, Tsega, Helen"
        ),
        surnames=_names(
            "Tesfay, Gebremedhin, Tekle, Haile, Berhane, Kidane, Weldu, Mehari, Habte, "
            "Woldemariam, Asfaha, Negash, Yemane, Andemariam, Ghebrezgiabher"
        ),
        education=(
            "Grunnskole i Eritrea",
            "Ingen formell utdanning",
            "Videregående skole i Eritrea",
        ),
        jobs_at_home=("Bonde", "Sydame", "Butikkmedarbeider", "Sjåfør", "Soldat"),
    ),
    Origin(
        "Syria",
        14,
        (("arabisk", 8), ("kurmanji", 2)),
        ("engelsk", "tyrkisk"),
        (20, 40, 30, 10, 0),
        (55, 20, 15, 5, 5),
        (3, 10),
        male=_names(
            "Mohammad, Ahmad, Omar, Khaled, Yousef, Hussam, Rami, Mahmoud, Fadi, Ammar, "
            "Samer, Tarek"
        ),
        female=_names(
            "Fatima, Rasha, Hiba, Nour, Lina, Rana, Yasmin, Amal, Reem, Dima, Ghada, Layla"
        ),
        surnames=_names(
            "Al-Ahmad, Haddad, Khalil, Hamdan, Al-Hassan, Darwish, Suleiman, Nasser, Mansour, "
            "Al-Khatib, Ibrahim, Kassem, Hamoud, Sheikho, Issa"
        ),
        education=("Videregående skole i Syria", "Bachelor i jus", "Grunnskole i Syria"),
        jobs_at_home=("Snekker", "Lærer", "Kokk", "Butikkeier", "Frisør", "Elektriker"),
    ),
    Origin(
        "Afghanistan",
        11,
        (("dari", 7), ("pashto", 3)),
        ("persisk", "urdu", "engelsk"),
        (35, 40, 20, 5, 0),
        (50, 15, 25, 5, 5),
        (2, 12),
        male=_names(
            "Farhad, Jawad, Hamid, Najib, Rahim, Sayed, Mustafa, Habib, Ali Reza, Hamed, "
            "Zabihullah, Nasir"
        ),
        female=_names(
            "Zahra, Fatema, Maryam, Shakila, Nasrin, Parwana, Laila, Soraya, Farzana, "
            "Freshta, Hosna, Marzia"
        ),
        surnames=_names(
            "Ahmadi, Hosseini, Rahimi, Karimi, Mohammadi, Sultani, Rezaei, Haidari, Nazari, "
            "Sadat, Popal, Stanikzai, Noori, Safi, Amiri"
        ),
        education=("Ingen formell utdanning", "Grunnskole i Iran", "Videregående skole i Kabul"),
        jobs_at_home=("Skredder", "Bonde", "Bilmekaniker", "Frisør", "Kokk"),
    ),
    Origin(
        "Somalia",
        10,
        (("somali", 10),),
        ("arabisk", "engelsk"),
        (25, 40, 25, 10, 0),
        (20, 40, 30, 5, 5),
        (5, 25),
        male=_names(
            "Abdirahman, Mohamed, Abdullahi, Hassan, Yusuf, Abdikarim, Ismail, Mustafe, "
            "Abdiaziz, Liban, Abdiwali, Mahad"
        ),
        female=_names(
            "Hodan, Fadumo, Hawa, Amina, Sahra, Ifrah, Nimco, Khadra, Ubah, Ayaan, Maryan, Sagal"
        ),
        surnames=_names(
            "Abdi, Farah, Warsame, Jama, Osman, Hussein, Nur, Aden, Egal, Dahir, Ahmed, "
            "Yusuf, Mohamud, Guled, Hirsi"
        ),
        education=("Koranskole", "Ingen formell utdanning", "Grunnskole i Somalia"),
        jobs_at_home=("Butikkmedarbeider", "Sjåfør", "Kokk", "Selger på marked"),
    ),
    Origin(
        "Irak",
        5,
        (("sorani", 6), ("arabisk", 4)),
        ("arabisk", "engelsk"),
        (15, 35, 35, 15, 0),
        (30, 40, 15, 10, 5),
        (5, 20),
        male=_names("Rebin, Shwan, Karwan, Hawre, Aram, Dilshad, Sarkawt, Zana"),
        female=_names("Shilan, Nazdar, Avin, Rojin, Tara, Nasik, Bahar, Sozan"),
        surnames=_names("Karim, Aziz, Rashid, Hama, Mahmoud, Omer, Qadir, Salih"),
        education=(
            "Videregående skole i Irak",
            "Bachelor i ingeniørfag fra Irak",
            "Grunnskole i Irak",
        ),
        jobs_at_home=("Elektriker", "Lærer", "Sjåfør", "Snekker"),
    ),
    Origin(
        "DR Kongo",
        4,
        (("swahili", 5), ("lingala", 5)),
        ("fransk", "engelsk"),
        (30, 40, 25, 5, 0),
        (65, 10, 15, 5, 5),
        (1, 6),
        male=_names("Jean-Paul, Patrick, Emmanuel, Christian, Olivier, Désiré, Fiston"),
        female=_names("Grace, Esther, Josephine, Divine, Neema, Furaha, Chantal"),
        surnames=_names("Ilunga, Mbuyi, Tshibanda, Kasongo, Lukusa, Mulamba, Nzeza"),
        education=(
            "Grunnskole i en flyktningleir i Uganda",
            "Videregående skole i DR Kongo",
            "Ingen formell utdanning",
        ),
        jobs_at_home=("Bonde", "Syerske", "Snekker", "Selger"),
    ),
    Origin(
        "Polen",
        6,
        (("polsk", 10),),
        ("engelsk", "tysk"),
        (15, 40, 35, 10, 0),
        (0, 55, 10, 25, 10),
        (4, 18),
        locale="pl_PL",
        education=(
            "Fagskole i Polen (mekaniker)",
            "Videregående skole i Polen",
            "Grunnskole i Polen",
        ),
        jobs_at_home=("Mekaniker", "Bygningsarbeider", "Renholder", "Lagerarbeider"),
    ),
    Origin(
        "Norge",
        14,
        ((NORWEGIAN, 10),),
        ("engelsk",),
        (),
        (0, 65, 0, 30, 5),
        (0, 0),
        locale="no_NO",
        education=("Grunnskole", "Avbrutt videregående skole", "Fagbrev som kokk"),
    ),
]


@dataclass
class Person:
    origin: Origin
    first_name: str
    last_name: str
    female: bool
    mother_tongue: str
    other_languages: str
    norwegian_level: str
    education: str
    years_in_norway: int


class People:
    """Draws participants from the population, from one random source and per-locale Fakers
    seeded alike."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        self.rng = rng
        self.fakers: dict[str, Faker] = {}
        for locale in sorted({o.locale for o in ORIGINS if o.locale}):
            fake = Faker(locale)
            fake.seed_instance(seed)
            self.fakers[locale] = fake

    def origin(self, country: str | None = None) -> Origin:
        if country:
            return next(o for o in ORIGINS if o.country == country)
        return self.rng.choices(ORIGINS, [o.weight for o in ORIGINS])[0]

    def _name(self, origin: Origin, female: bool) -> tuple[str, str]:
        if not origin.locale:
            firsts = origin.female if female else origin.male
            return self.rng.choice(firsts), self.rng.choice(origin.surnames)
        fake = self.fakers[origin.locale]
        if female:
            first, last = fake.first_name_female(), fake.last_name_female()
        else:
            first, last = fake.first_name_male(), fake.last_name_male()
        if origin.locale == "uk_UA":
            # As in the passport (Ukraine's national transliteration).
            first, last = translit(first), translit(last)
        return first, last

    def person(self, origin: Origin | None = None) -> Person:
        rng = self.rng
        origin = origin or self.origin()
        female = rng.random() < 0.5
        first, last = self._name(origin, female)
        tongues = [t for t, _ in origin.tongues]
        tongue = rng.choices(tongues, [w for _, w in origin.tongues])[0]
        others = [lang for lang in origin.other_languages if lang != tongue]
        level = rng.choices(LEVELS, origin.level_weights)[0] if origin.level_weights else ""
        return Person(
            origin=origin,
            first_name=first,
            last_name=last,
            female=female,
            mother_tongue=tongue,
            other_languages=", ".join(rng.sample(others, min(len(others), rng.randint(1, 2)))),
            norwegian_level=level,
            education=rng.choice(origin.education),
            years_in_norway=rng.randint(*origin.years_in_norway),
        )
