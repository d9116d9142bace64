from django.db import migrations

# Seeded from the EUSE five-stage process (DOMAIN §3.1) and the Tromsøpakken quality
# criteria (§3.6). Administrators edit the list; these are only the starting point.
DEFAULT_ITEMS = {
    1: [
        "Henvisning med tydelig bestilling mottatt",
        "Første samtale holdt innen 1–2 uker: jobbønsker kartlagt",
        "Norsknivå vurdert tidlig (ved behov)",
        "Samtykke innhentet: kontakt med andre tjenester og hva arbeidsgiver kan få vite",
        "Individuell plan (IP) vurdert",
        "Samarbeidsavtale med deltakeren",
    ],
    2: [
        "Yrkesprofil fylt ut sammen med deltakeren",
        "Deltakeren har navngitt fem arbeidsplasser hen vil jobbe på",
        "Støttebehov og barrierer kartlagt",
        "Formell og uformell kompetanse og arbeidserfaring kartlagt",
        "Refleksjonslogg (gjort – lært – lurt) startet",
    ],
    3: [
        "Arbeidsgivere funnet ut fra profilen og deltakerens eget nettverk",
        "Jobbspesialisten har besøkt arbeidsplassen før den tas i bruk",
        "Jobbanalyse av arbeidsplassen",
        "Jobbmatch mellom profil og jobbanalyse dokumentert",
        "Jobbsmak (høyst ca. 1 uke) ved usikkerhet",
        "Deltakeren forberedt til møtet med arbeidsgiver",
        "Matchet til en praksisplass innen 2 uker etter inntak",
    ],
    4: [
        "Avtale med arbeidsgiver: varighet, formål, kontaktperson og oppfølging",
        "Fadder utpekt hos arbeidsgiver",
        "Intensjonsavtale om ansettelse vurdert",
        "Tilskudd avklart (arbeidspraksis, lønnstilskudd, mentor, tilrettelegging)",
    ],
    5: [
        "Oppstartsmøte holdt",
        "Kontakt med deltaker og arbeidsgiver etter første arbeidsdag",
        "Første evalueringsmøte på arbeidsplassen innen en måned",
        "Trinnvis opplæringsplan i bruk",
        "Statusmøter hver måned, med referat",
        "Grundig evaluering med deltakeren før en eventuell forlengelse",
        "Ansettelse, eller avslutning med evaluering av hvorfor",
        "Etteroppfølging i minst ett år etter ansettelse planlagt",
    ],
}


def seed(apps, schema_editor):
    ChecklistItem = apps.get_model("participants", "ChecklistItem")
    ChecklistItem.objects.bulk_create(
        [
            ChecklistItem(stage=stage, text=text, order=order)
            for stage, texts in DEFAULT_ITEMS.items()
            for order, text in enumerate(texts, start=1)
        ]
    )


def unseed(apps, schema_editor):
    apps.get_model("participants", "ChecklistItem").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("participants", "0003_checklistitem_consent_topics_participant_stage_and_more")]

    operations = [migrations.RunPython(seed, unseed)]
