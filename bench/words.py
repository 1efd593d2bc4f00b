"""The vocabulary of the synthetic dataset: names, titles, organisation parts, sentence templates."""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# fmt: off
FIRST = _words(
    "Aaliyah Adam Adebayo Ahmed Aiko Aleksandr Alice Amara Ana Andrei Anika Arjun Astrid Ayesha Beatriz "
    "Bilal Bjorn Camila Carlos Chen Chiara Chloe Dario Daniel Dmitri Elena Emeka Emil Erik Esther Farid "
    "Fatima Felix Freya Gabriel Grace Hana Hamza Hannah Hiroshi Ibrahim Ines Ingrid Isaac Ivan Jamal "
    "Javier Jin Johan Jonas Julia Kai Kamala Karim Katarina Kenji Kofi Lars Layla Leila Li Lucas Lucia "
    "Luis Maja Malik Marco Maria Mateo Mei Mikhail Mina Mohammed Nadia Naomi Nikolai Nina Noah Olga "
    "Omar Oscar Pablo Paolo Priya Rafael Rania Ravi Rosa Sakura Samuel Sara Sergei Sofia Sven Tariq "
    "Tomas Valentina Viktor Wei Yara Yusuf Zainab Zofia"
)
LAST = _words(
    "Abe Adeyemi Alvarez Andersen Antonov Bakr Banerjee Becker Berg Bianchi Borges Brennan Castillo "
    "Chaudhry Costa Dahl Diallo Dimitrov Dubois Eriksen Esposito Fernandes Fischer Fujita Garcia Gruber "
    "Haddad Hansen Hoffmann Horvat Ibrahimovic Ivanova Jansen Jovanovic Kaur Khan Kim Kowalski Kruger "
    "Laurent Lindqvist Lopez Mahlangu Marino Mendes Moreau Morozov Nakamura Nguyen Novak Nowak Obi "
    "Okafor Olsen Ortega Park Pereira Petrov Popescu Quispe Rahman Ramos Reyes Ricci Romano Rossi "
    "Sato Schmidt Silva Sokolov Suzuki Takahashi Tanaka Torres Tran Usman Varga Vasquez Virtanen Volkov "
    "Wagner Walsh Wang Weber Wojcik Yamamoto Yilmaz Zhang Zhou Zimmermann"
)
TITLES = (
    "Minister of Finance", "Foreign Minister", "Chief Executive", "Central Bank Governor", "Ambassador",
    "Trade Representative", "Deputy Prime Minister", "Chief Economist", "Energy Minister", "Spokesperson",
    "Mayor", "Chair of the Board", "Opposition Leader", "Health Minister", "Founder",
)
ORG_ADJ = _words(
    "Northern Southern Eastern Western Central Atlantic Pacific Baltic Nordic Alpine Coastal Continental "
    "United Federal National Global Royal Metropolitan Highland Delta Summit Meridian Horizon Pioneer "
    "Liberty Heritage Crescent Granite Silver Evergreen"
)
ORG_SECTOR = _words(
    "Grain Steel Shipping Energy Power Telecom Mining Timber Textile Software Semiconductor Pharma "
    "Insurance Savings Rail Aviation Water Fisheries Chemical Media Logistics Battery Solar Wind"
)
ORG_KIND = (
    "Holdings", "Group", "Corporation", "Authority", "Council", "Association", "Bank", "Partners",
    "Institute", "Agency", "Cooperative", "Foundation",
)
ROLES = ("Member", "Director", "Adviser", "Chair", "Founder", "Board Member")
TOPICS = ("Politics", "Economy", "Technology", "Energy", "Health", "Science", "Trade", "Culture")
BYLINES = ("Staff reporter", "Wire desk", "Economics desk", "Foreign desk", "Technology desk")
VERBS = ("weighs", "signs", "rejects", "backs", "delays", "expands", "reviews", "announces")
NOUNS = ("trade deal", "energy pact", "budget plan", "chip export rules", "port investment",
          "climate fund", "rail link", "data agreement", "tariff cut", "research programme")
# One "{}" per template: where the entity's name goes.
PERSON_FIRST = (
    "{}, {title}, said the talks had moved faster than expected.",
    "According to {}, {title}, the plan will be reviewed next month.",
    "The proposal was presented by {}, {title}, on Tuesday.",
    "{}, {title}, declined to comment on the figures.",
    "Speaking to reporters, {}, {title}, called the agreement a first step.",
)
PERSON_AGAIN = (
    "{} added that details would follow.",
    "Asked about the timetable, {} said nothing was settled.",
    "Critics of {} say the numbers do not add up.",
    "{} is expected to travel again before the summer.",
)
COUNTRY = (
    "Officials in {} welcomed the decision.",
    "Exports to {} rose for a third consecutive quarter.",
    "The delegation from {} arrived late on Monday.",
    "Analysts expect {} to follow with measures of its own.",
    "Talks will continue in {} next week.",
)
ORGANISATION = (
    "Shares of {} rose in early trading.",
    "A statement from {} confirmed the schedule.",
    "The contract was awarded to {} after a public tender.",
    "{} said it would publish its own assessment.",
    "Representatives of {} attended the meeting.",
)
FILLER = (
    "Markets were calm after the announcement.",
    "The figures will be published in full later this year.",
    "Several questions remain open.",
    "Negotiators met for more than six hours.",
    "The previous round of talks ended without agreement.",
    "Observers described the mood as cautious.",
)
# fmt: on
