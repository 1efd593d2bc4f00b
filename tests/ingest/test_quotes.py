"""The quote extractor on hand-written bodies: exact spans and speakers, one rule at a time.

Pure functions (no database): people are linked by the real linker against a small gazetteer.
"""

from __future__ import annotations

from typing import Any

import pytest

from gql_news.ingest.demo import seed_articles
from gql_news.ingest.linker import Gazetteer, GazetteerEntry, find_mentions
from gql_news.ingest.quotes import FoundQuote, find_quotes

PEOPLE = (
    ("Andrei Dapkiunas",),
    ("Aleksandr Lukashenko",),
    ("Sergey Popkov",),
    ("Ana Petrova",),
    ("Lars Berg",),
    ("Mary Okafor",),
)
GAZETTEER = Gazetteer(
    (
        *(GazetteerEntry("person", pk, forms) for pk, forms in enumerate(PEOPLE, start=1)),
        GazetteerEntry("organisation", 100, ("SK Hynix",)),
    )
)
NAMES = {pk: forms[0] for pk, forms in enumerate(PEOPLE, start=1)}


def _quotes(body: str) -> list[FoundQuote]:
    found = find_quotes(body, find_mentions(body, GAZETTEER))
    for quote in found:
        assert body[quote.start : quote.end] == quote.text
    return found


def _said(body: str) -> list[tuple[str, str | None]]:
    return [(q.text, NAMES.get(q.person_id) if q.person_id else None) for q in _quotes(body)]


def test_seed_article_has_four_dapkiunas_quotations() -> None:
    (seed,) = seed_articles()
    body = seed.body
    found = _quotes(body)
    assert [NAMES.get(q.person_id) if q.person_id else None for q in found] == ["Andrei Dapkiunas"] * 4
    assert [q.text for q in found] == [
        "We have a high-tech park in Belarus, the biggest IT hub in the country",
        "Korea’s SK Hynix has a presence there, and we opened up the Belarus-Korea IT Cooperation "
        "Center in Minsk last year.",
        "there is so much more potential for reciprocal interest between Belarus and Korea.",
        "We believe that there is a significant potential for mutually beneficial cooperation in such "
        "fields as aerospace, artificial intelligence, biotechnologies, electric and self-driving "
        "vehicles, robotics and electronics, nanomaterials and digital economy",
    ]
    first = found[0]
    assert body[first.start - 1] == "“"
    assert body[first.end : first.end + 2] == ",”"


def test_offsets_exclude_the_marks_and_the_comma_before_the_attribution() -> None:
    body = "Talks ended. “We are ready,” Ana Petrova said."
    (quote,) = _quotes(body)
    assert (quote.start, quote.end) == (body.index("We"), body.index(",”"))
    assert quote.text == "We are ready"
    assert NAMES[quote.person_id or 0] == "Ana Petrova"


def test_attribution_forms() -> None:
    assert _said("“Prices will fall,” said Lars Berg, the central bank’s chief economist.") == [
        ("Prices will fall", "Lars Berg")
    ]
    assert _said("Ana Petrova said: “The border stays open.”") == [("The border stays open.", "Ana Petrova")]
    assert _said("Lars Berg told reporters: “We will not sell.”") == [("We will not sell.", "Lars Berg")]
    assert _said("According to Mary Okafor, “the vote was fair.”") == [("the vote was fair.", "Mary Okafor")]
    assert _said("“The deal is done,” Sergey Popkov added on Friday.") == [
        ("The deal is done", "Sergey Popkov")
    ]
    assert _said("“Never,” Lars Berg replied.") == [("Never", "Lars Berg")]
    long_role = (
        "“We are connected,” Sergey Popkov, the minister of telecommunications and informatization, said."
    )
    assert _said(long_role) == [("We are connected", "Sergey Popkov")]


def test_straight_quotes() -> None:
    body = 'Mary Okafor spoke first. "We have waited long enough," she said. "Now we act."'
    assert _said(body) == [("We have waited long enough", "Mary Okafor"), ("Now we act.", "Mary Okafor")]


def test_pronoun_resolves_to_the_latest_subject_or_speaker() -> None:
    body = (
        "Ana Petrova met Lars Berg in Oslo.\n\n"
        "“It was a useful meeting,” she said.\n\n"
        "Lars Berg was less sure. “We agreed on nothing,” he said."
    )
    assert _said(body) == [("It was a useful meeting", "Ana Petrova"), ("We agreed on nothing", "Lars Berg")]


def test_two_speakers_alternating() -> None:
    body = (
        "“Taxes must rise,” Ana Petrova said. “They will not,” Lars Berg replied.\n\n"
        "“Then the hospitals close,” Petrova said. “That is a threat,” Berg said."
    )
    assert _said(body) == [
        ("Taxes must rise", "Ana Petrova"),
        ("They will not", "Lars Berg"),
        ("Then the hospitals close", "Ana Petrova"),
        ("That is a threat", "Lars Berg"),
    ]


def test_speaker_of_a_sentence_with_an_inserted_clause() -> None:
    body = "Aleksandr Lukashenko, who met Sergey Popkov on Monday, said: “The decree stands.”"
    assert _said(body) == [("The decree stands.", "Aleksandr Lukashenko")]


def test_nested_quotes_stay_inside_the_quotation() -> None:
    body = "“He told me ‘never give up’ and I did not,” Mary Okafor said."
    assert _said(body) == [("He told me ‘never give up’ and I did not", "Mary Okafor")]
    body = "Mary Okafor said: \"The sign read 'closed' all week.\""
    assert _said(body) == [("The sign read 'closed' all week.", "Mary Okafor")]


def test_single_curly_quotes_where_unambiguous() -> None:
    body = "‘We’re not finished,’ Lars Berg said of the company’s plans."
    assert _said(body) == [("We’re not finished", "Lars Berg")]
    assert _said("The ‘90s were different, Lars Berg’s aide said.") == []


def test_partial_quotes_and_short_unattributed_quotes_are_dropped() -> None:
    body = (
        "Lars Berg said the plan was “dead on arrival” and called it a “fourth industrial "
        "revolution” project. Fans call the club “the Reds”."
    )
    assert _said(body) == []


def test_long_unattributed_quotation_is_kept_without_speaker() -> None:
    body = "The market fell.\n\n“Nobody saw this coming in the spring.”\n\nAnalysts disagreed."
    assert _said(body) == [("Nobody saw this coming in the spring.", None)]
    assert _said("“Stop.” The market fell.") == []


def test_attribution_to_an_organisation_or_unnamed_source_has_no_speaker() -> None:
    assert _said("“We are profitable again,” according to SK Hynix.") == [("We are profitable again", None)]
    assert _said("“Talks will resume,” a spokesman said.") == [("Talks will resume", None)]


def test_multi_paragraph_quotation_is_one_quote() -> None:
    body = (
        "Mary Okafor said: “We built the port in two years.\n\n"
        "“Now the trains are coming, and the town is growing.”\n\n"
        "The port opened in May."
    )
    (quote,) = _quotes(body)
    assert NAMES[quote.person_id or 0] == "Mary Okafor"
    assert (
        quote.text
        == "We built the port in two years.\n\n“Now the trains are coming, and the town is growing."
    )
    start = body.index("We built")
    assert (quote.start, quote.end) == (start, start + len(quote.text))


def test_multi_paragraph_quotation_attributed_at_its_end() -> None:
    body = "“First we wait.\n\n“Then we build,” Lars Berg said."
    assert _said(body) == [("First we wait.\n\n“Then we build", "Lars Berg")]


def test_continuation_in_the_next_paragraph_and_its_limit() -> None:
    body = (
        "“The harvest was poor,” Ana Petrova said.\n\n"
        "“Prices will rise before winter.”\n\n"
        "Lars Berg disagreed.\n\n"
        "“Nobody knows what the winter brings.”"
    )
    assert _said(body) == [
        ("The harvest was poor", "Ana Petrova"),
        ("Prices will rise before winter.", "Ana Petrova"),
        ("Nobody knows what the winter brings.", None),
    ]


def test_unclosed_quote_is_ignored() -> None:
    assert _said("Lars Berg said “we will see about that. The end.") == []
    assert _said("Lars Berg said “yes” twice and “we will win,” Ana Petrova said.") == [
        ("yes", "Lars Berg"),
        ("we will win", "Ana Petrova"),
    ]


def test_no_quotes_no_names() -> None:
    assert _quotes("") == []
    assert _quotes("Plain text without any quotation.") == []
    assert _quotes("“") == []
    assert _quotes("”“”“") == []


def _said_with_candidates(body: str) -> list[tuple[str, str | None, str | None]]:
    from gql_news.ingest.candidates import find_candidates

    mentions = find_mentions(body, GAZETTEER)
    found = find_quotes(body, mentions, find_candidates(body, mentions, GAZETTEER))
    return [(q.text, NAMES.get(q.person_id) if q.person_id else None, q.speaker_candidate) for q in found]


def test_a_pronoun_after_a_person_outside_the_catalogue_is_theirs_not_the_last_catalogued_one() -> None:
    body = (
        "Aleksandr Lukashenko spoke on Monday. Greta Holm, the trade minister of a small state, "
        "was wary. “We will wait for the prices,” she said."
    )
    assert _said_with_candidates(body) == [("We will wait for the prices", None, "Greta Holm")]


def test_a_candidate_named_by_surname_alone_speaks() -> None:
    body = "The ministry's spokesman, Piet de Groot, spoke first. “No deal yet,” de Groot said."
    assert _said_with_candidates(body) == [("No deal yet", None, "Piet de Groot")]


def test_a_surname_inside_another_persons_full_name_refers_to_neither() -> None:
    body = (
        "Greta Holm, a botanist, has died. “She never stopped,” said her niece, the writer Anna Holm. "
        "“Last month she was still writing.”"
    )
    assert _said_with_candidates(body) == [
        ("She never stopped", None, "Anna Holm"), ("Last month she was still writing.", None, "Anna Holm"),
    ]  # fmt: skip


def test_a_pronoun_skips_a_person_whose_given_name_says_the_other_gender() -> None:
    body = (
        "Mary Okafor opened the session. Then Lars Berg, who chairs the board, spoke. "
        "“We are done,” she said."
    )
    assert _said(body) == [("We are done", "Mary Okafor")]


def test_no_candidates_no_change() -> None:
    body = "Greta Holm, the trade minister, spoke. “We will wait,” she said."
    assert _said(body) == [("We will wait", None)]


def test_a_pronoun_does_not_pass_over_a_sentence_headed_by_a_name_nobody_recognised() -> None:
    body = (
        "Aleksandr Lukashenko opened the fair on Monday. Tigist Bekele of Ethiopia won the race. "
        "“I wanted to run fast,” she said."
    )
    assert _said(body) == [("I wanted to run fast", None)]
    body = "Ruan van der Berg won the title. “It means a lot,” he said."
    assert _said("Aleksandr Lukashenko spoke first. " + body) == [("It means a lot", None)]


def test_a_pronoun_does_not_pass_over_an_unrecognised_name_next_to_a_speech_verb() -> None:
    body = (
        "Aleksandr Lukashenko spoke first, and later the coach Tigist Bekele said the team was ready. "
        "“We are fit,” she said."
    )
    assert _said(body) == [("We are fit", None)]


def test_a_pronoun_does_not_pass_over_the_surname_of_an_unrecognised_name_said_again() -> None:
    body = (
        "Sergey Popkov met Ana Petrova and Dmitri Sokolov after the conference. "
        "Sokolov said he feared the big operators.\n\n"
        "“Small companies built the rural networks,” he said."
    )
    assert _said(body) == [("Small companies built the rural networks", None)]
    body = (
        "Sergey Popkov met Dmitri Sokolov on Monday. “We agreed on a timetable,” he said. "
        "The plan suits Sokolov too. “It is a good plan,” he said."
    )
    assert _said(body) == [("We agreed on a timetable", "Sergey Popkov"), ("It is a good plan", None)]


def test_a_surname_a_catalogued_person_shares_with_someone_of_an_unlisted_given_name_names_nobody() -> None:
    body = (
        "Aleksandr Lukashenko opened the farm fair. Thabo Lukashenko, a grower from the south, "
        "showed his maize. “The rain came late,” Lukashenko said."
    )
    assert _said(body) == [("The rain came late", None)]
    body = "Aleksandr Lukashenko opened the fair. On Monday Lukashenko spoke. “It is a good year,” Lukashenko said."
    assert _said(body) == [("It is a good year", "Aleksandr Lukashenko")]


def test_a_quote_followed_by_someone_else_named_does_not_go_on_with_the_last_speaker() -> None:
    said = "“We will build it,” Sergey Popkov said.\n\n“This is exactly the result we wanted.” "
    assert _said(said + "Those were the words of Ana Petrova, who leads the union.")[1] == (
        "This is exactly the result we wanted.",
        None,
    )
    assert _said(said + "Maria Ionescu, who leads the union, was delighted.")[1][1] is None
    assert _said(said + "He then left with Ana Petrova.")[1][1] == "Sergey Popkov"


def test_a_pronoun_does_not_pass_over_someone_unnamed_or_named_by_one_unknown_word() -> None:
    for between in (
        "A spokesman for the ministry, however, was blunter.",
        "His deputy was less sure.",
        "The coach, who has led the team since 2019, was pleased.",
        "Nowak disagreed.",
        "Mr Nowak disagreed.",
        "The analyst Nowak took the floor.",
    ):
        assert _said(f"Sergey Popkov spoke. {between} “It is a mistake,” he said.") == [
            ("It is a mistake", None)
        ]
    body = "Sergey Popkov spoke. His daughter, Ana Petrova, keeps the books. “It is a mistake,” he said."
    assert _said(body) == [("It is a mistake", "Sergey Popkov")]


def test_a_pronoun_after_two_people_joined_by_and_names_no_speaker() -> None:
    assert _said("Sergey Popkov and Lars Berg met on Monday. “It went well,” he said.") == [
        ("It went well", None)
    ]
    assert _said("Sergey Popkov and Ana Petrova met on Monday. “It went well,” he said.") == [
        ("It went well", "Sergey Popkov")
    ]


def test_more_unnamed_people_between_a_subject_and_a_pronoun_name_no_speaker() -> None:
    for between in (
        "Later, Smith, the chief of staff, spoke.",
        "Then his chief of staff spoke.",
        "Another minister was less happy.",
        "One of the freed workers, a 27-year-old man, said he had answered an advertisement.",
    ):
        assert _said(f"Sergey Popkov met the press. {between} “It went badly,” he said.")[0][1] is None


def test_a_colon_after_someone_unnamed_introduces_their_words_not_the_subjects() -> None:
    assert _said("Sergey Popkov quoted his father: “Never give up.”") == [("Never give up.", None)]
    assert _said("Sergey Popkov was more direct: “We will win.”") == [("We will win.", "Sergey Popkov")]


def test_places_titles_and_bodies_at_the_head_of_a_sentence_do_not_stop_a_pronoun() -> None:
    body = (
        "Aleksandr Lukashenko arrived on Monday. The Kennel Club hosted the visit. "
        "Prime Minister Lars Berg was away. “We are proud,” he said."
    )
    assert _said(body) == [("We are proud", "Lars Berg")]
    body = "Aleksandr Lukashenko arrived in the morning. In Cape Town the weather was fine. “Good,” he said."
    assert _said(body) == [("Good", "Aleksandr Lukashenko")]


def test_a_person_named_inside_anothers_phrase_is_not_the_speaker() -> None:
    cases = {
        "A spokesman for Aleksandr Lukashenko said: “The tariffs will stay as they are.”": None,
        "“The tariffs will stay,” Aleksandr Lukashenko's spokeswoman said.": None,
        "The union, led by Lars Berg, said in a statement: “Our members will not sign this.”": None,
        "Officials who met Sergey Popkov said: “Nothing was agreed at all today.”": None,
        "“Nothing was agreed,” the minister told Sergey Popkov.": None,
        "A spokeswoman for Ana Petrova was blunter: “This is not an offer at all.”": None,
        "“Nothing was agreed,” Sergey Popkov, who met Aleksandr Lukashenko, said.": "Sergey Popkov",
        "“Nothing was agreed,” Aleksandr Lukashenko's adviser, Ana Petrova, said.": "Ana Petrova",
        "“Nothing was agreed,” said Sergey Popkov.": "Sergey Popkov",
        "“Nothing was agreed,” Sergey Popkov and Ana Petrova said.": None,
    }
    for body, speaker in cases.items():
        assert [who for _, who in _said(body)] == [speaker], body


def test_a_pronoun_does_not_resolve_past_someone_else_it_could_stand_for() -> None:
    right = "Aleksandr Lukashenko opened the talks. “We will not pay twice,” he said. In the evening he met Sergey Popkov."
    assert _said(right + " “It is fair,” he said.") == [
        ("We will not pay twice", "Aleksandr Lukashenko"),
        ("It is fair", None),  # Popkov, named since, could be "he" too
    ]
    body = "Ana Petrova met the growers. Her place was taken by Maria Lindqvist. “I like it,” she said."
    assert _said(body) == [("I like it", None)]
    body = "Ana Petrova said Aleksandr Lukashenko had been told. “He knew about it,” she said."
    assert _said(body) == [("He knew about it", "Ana Petrova")]  # named in her own sentence


def test_an_unattributed_quote_after_the_writers_words_about_others_is_nobodys() -> None:
    body = (
        "“We will keep talking,” Ana Petrova said.\n\nTruck drivers were less patient. "
        "“We sleep in our cabs and nobody pays us.”"
    )
    assert [who for _, who in _said(body)] == ["Ana Petrova", None]
    body = "“We will keep talking,” Ana Petrova said. “The offer remains open to all of them.”"
    assert [who for _, who in _said(body)] == ["Ana Petrova", "Ana Petrova"]


def test_a_surname_two_people_share_names_neither() -> None:
    from gql_news.ingest.candidates import FoundCandidate
    from gql_news.models import CandidateKind

    body = (
        "Ruth Holland runs the nursery. Conor Holland, her nephew, sells the seed. "
        "“We sell out by noon,” Holland said."
    )
    candidates = [
        FoundCandidate("Ruth Holland", CandidateKind.PERSON, "-", 0, 12),
        FoundCandidate("Conor Holland", CandidateKind.PERSON, "-", 31, 44),
    ]
    (quote,) = find_quotes(body, find_mentions(body, GAZETTEER), candidates)
    assert (quote.person_id, quote.speaker_candidate) == (None, None)


def test_a_nationality_before_a_name_nobody_recognised_does_not_hide_the_name() -> None:
    gazetteer = Gazetteer(
        (
            GazetteerEntry("person", 1, ("Lars Berg",)),
            GazetteerEntry("country", 2, ("Portugal", "Portuguese")),
            GazetteerEntry("country", 3, ("Oman",)),
        )
    )
    body = (
        "Lars Berg was pleased. “We waited,” he said. Oman's manager, the Portuguese Nuno Gomes, "
        "whose side had not conceded, blamed tired legs. “We lost concentration once,” he said."
    )
    found = find_quotes(body, find_mentions(body, gazetteer))
    assert [(q.text, q.person_id) for q in found] == [("We waited", 1), ("We lost concentration once", None)]


def test_a_pronoun_far_from_its_subject_names_no_speaker() -> None:
    near = "Aleksandr Lukashenko arrived on Monday. The talks began at noon. “We are proud,” he said."
    assert _said(near) == [("We are proud", "Aleksandr Lukashenko")]
    sentences = "Aleksandr Lukashenko arrived on Monday. Talks began. Rain fell. Roads shut. Trains ran late."
    assert _said(sentences + " “We are proud,” he said.") == [("We are proud", None)]
    paragraphs = "Aleksandr Lukashenko arrived on Monday.\n\nTalks began.\n\n“We are proud,” he said."
    assert _said(paragraphs) == [("We are proud", None)]


def test_a_full_name_of_no_known_gender_after_the_subject_is_a_rival() -> None:
    body = (
        "Aleksandr Lukashenko arrived on Monday. The offer was turned down by Nkemdirim Obiakor, "
        "the union leader. “We are proud,” he said."
    )
    assert _said(body) == [("We are proud", None)]


def test_an_unattributed_quote_after_someone_else_named_goes_on_with_no_one() -> None:
    body = (
        "“We will sign,” Aleksandr Lukashenko said. The offer was turned down by Nkemdirim Obiakor. "
        "“Nobody here will sign it.”"
    )
    assert _said(body) == [("We will sign", "Aleksandr Lukashenko"), ("Nobody here will sign it.", None)]
    body = "“We will sign,” Aleksandr Lukashenko said. She disagreed. “Nobody here will sign it.”"
    assert _said(body) == [("We will sign", "Aleksandr Lukashenko"), ("Nobody here will sign it.", None)]


def test_a_person_after_a_cue_inside_another_phrase_is_not_the_speaker() -> None:
    body = "“We will not sign,” said the head of the Lukashenko fund."
    assert _said(body) == [("We will not sign", None)]
    body = "“We will not sign,” according to the Lukashenko government."
    assert _said(body) == [("We will not sign", None)]
    body = "“We will not sign,” said the president, Aleksandr Lukashenko."
    assert _said(body) == [("We will not sign", "Aleksandr Lukashenko")]


def test_a_surname_the_body_also_gives_someone_else_names_no_speaker() -> None:
    body = (
        "Aleksandr Lukashenko met the press. His critic Maria Lukashenko was there too. "
        "“We will not sign,” Lukashenko said."
    )
    assert _said(body) == [("We will not sign", None)]


def test_a_person_named_inside_a_clause_is_no_subject_for_a_pronoun() -> None:
    body = "After meeting Aleksandr Lukashenko, the minister spoke. “We are proud,” he said."
    assert _said(body) == [("We are proud", None)]
    body = "The Belarusian president, Aleksandr Lukashenko, spoke. “We are proud,” he said."
    assert _said(body) == [("We are proud", "Aleksandr Lukashenko")]


def test_a_person_named_inside_a_clause_before_a_speech_verb_is_not_its_subject() -> None:
    body = "After meeting Aleksandr Lukashenko, the minister said: “We are proud.”"
    assert _said(body) == [("We are proud.", None)]
    body = "Speaking in Minsk, Aleksandr Lukashenko said: “We are proud.”"
    assert _said(body) == [("We are proud.", "Aleksandr Lukashenko")]


def test_a_speech_verb_before_another_clause_does_not_introduce_the_quotation() -> None:
    body = (
        "Aleksandr Lukashenko said the talks would go on, but the minister was blunter: “We will not sign.”"
    )
    assert _said(body) == [("We will not sign.", None)]


def test_a_relative_s_noun_before_a_name_says_the_gender_the_given_name_does_not() -> None:
    body = (
        "A friend, Jordan Okafor, said the band toured every year. “He changed the order,” Okafor said.\n\n"
        "His son, Kenya Adeyemi, who runs the studio, said the album was nearly done. "
        "“He was still writing songs last week,” he said."
    )
    assert _said_with_candidates(body)[-1] == ("He was still writing songs last week", None, "Kenya Adeyemi")


def test_a_pronoun_opening_a_paragraph_after_two_people_of_its_gender_names_no_speaker() -> None:
    body = (
        "Aleksandr Lukashenko has led the country since 1994. His rival, Sergey Popkov, left "
        "politics in 2020.\n\n“We will not be lectured,” he said."
    )
    assert _said(body) == [("We will not be lectured", None)]
    # in the pronoun's own paragraph the nearest subject is the one
    body = (
        "Aleksandr Lukashenko has led the country since 1994. His rival, Sergey Popkov, left "
        "politics in 2020. “We will not be lectured,” he said."
    )
    assert _said(body) == [("We will not be lectured", "Sergey Popkov")]
    # and so is a subject who speaks in reported speech, or one of another gender before
    body = (
        "Aleksandr Lukashenko has led the country since 1994. His rival, Sergey Popkov, said the "
        "vote was rigged.\n\n“We will not be lectured,” he said."
    )
    assert _said(body) == [("We will not be lectured", "Sergey Popkov")]
    body = (
        "Ana Petrova has led the party since 1994. Her rival, Sergey Popkov, left politics in 2020.\n\n"
        "“We will not be lectured,” he said."
    )
    assert _said(body) == [("We will not be lectured", "Sergey Popkov")]


def test_a_pronoun_names_no_one_after_a_pronoun_of_its_gender_that_stood_for_someone_else() -> None:
    body = (
        "Ana Petrova took the job in March. She replaced Mary Okafor, who left. Okafor now advises "
        "a fund.\n\n“I wish her well,” she said."
    )
    assert _said(body) == [("I wish her well", None)]
    body = "Ana Petrova took the job in March. Mary Okafor left. Okafor now advises a fund. “I am glad,” she said."
    assert _said(body) == [("I am glad", "Mary Okafor")]


def test_a_pronoun_names_no_one_after_someone_unnamed_spoke() -> None:
    body = (
        "Ana Petrova, a lawyer, said her client would not settle. Okafor's spokeswoman said the same. "
        "“We will see them in court,” she said."
    )
    assert _said(body) == [("We will see them in court", None)]
    body = "Ana Petrova, a lawyer, said her client would not settle. “We will see them in court,” she said."
    assert _said(body) == [("We will see them in court", "Ana Petrova")]


def test_a_quotation_introduced_by_another_name_and_a_gerund_is_not_the_subjects() -> None:
    body = "Sergey Popkov recalls his counterpart, Lars Berg, telling him: “We will not give up a tree.”"
    assert _said(body) == [("We will not give up a tree.", None)]
    body = "Sergey Popkov recalled Lars Berg saying: “We will not give up a tree.”"
    assert _said(body) == [("We will not give up a tree.", None)]
    body = "Sergey Popkov told reporters, adding: “We will not give up a tree.”"
    assert _said(body) == [("We will not give up a tree.", "Sergey Popkov")]


def test_a_question_opening_with_a_modal_before_the_surname_leaves_the_surname_the_persons() -> None:
    body = (
        "Aleksandr Lukashenko spoke on Monday. Will Lukashenko cut taxes? “Not this year,” Lukashenko said."
    )
    assert _said(body) == [("Not this year", "Aleksandr Lukashenko")]


def test_a_catalogued_person_called_by_the_first_word_of_the_name_alone() -> None:
    body = "Sergey Popkov opened the session. “We are ready,” Sergey said."
    assert _said(body) == [("We are ready", "Sergey Popkov")]
    # another name opens with the same word: nobody's
    body = "Sergey Popkov met his deputy Sergey Ivanov. “We are ready,” Sergey said."
    assert _said_with_candidates(body) == [("We are ready", None, None)]


def test_a_subject_after_a_possessive_role_and_its_modifiers() -> None:
    body = "Her longtime adviser Tomas Vilkas said the talks were hard. “We tried everything,” he said."
    assert _said_with_candidates(body) == [("We tried everything", None, "Tomas Vilkas")]


def test_a_subject_after_a_phrase_of_time() -> None:
    body = "In later years Sergey Popkov campaigned for parks. “Trees matter more than roads,” he said."
    assert _said(body) == [("Trees matter more than roads", "Sergey Popkov")]
    body = "After meeting Sergey Popkov the minister left. “Trees matter more than roads,” he said."
    assert _said(body) == [("Trees matter more than roads", None)]


def test_a_person_who_speaks_in_a_relative_clause() -> None:
    body = (
        "The panel was led by Sergey Popkov, who said the vote was close. “It was hard,” he told reporters."
    )
    assert _said(body) == [("It was hard", "Sergey Popkov")]


def test_a_role_set_off_before_the_name_after_the_quote() -> None:
    body = (
        "Profits fell. “Losses will rise,” the bank's chief executive, Ana Petrova, told Nordbank in an "
        "interview. “Small firms suffer most.”"
    )
    assert _said(body) == [("Losses will rise", "Ana Petrova"), ("Small firms suffer most.", "Ana Petrova")]


def test_a_role_set_off_before_a_name_names_that_person_again() -> None:
    body = (
        "Ana Petrova has died at 90. Her son, Tomas Vilkas, said she died at home.\n\n"
        "“She never stopped working,” her son said. “Not even on Sundays.”"
    )
    assert _said_with_candidates(body) == [
        ("She never stopped working", None, "Tomas Vilkas"),
        ("Not even on Sundays.", None, "Tomas Vilkas"),
    ]
    # the noun set off before two names: nobody's
    body = (
        "Her son, Tomas Vilkas, and his cousin, Jonas Vilkas, came. A son, Petras Vilkas, stayed away.\n\n"
        "“She never stopped working,” her son said."
    )
    assert _said_with_candidates(body) == [("She never stopped working", None, None)]
    # her daughter speaks, then "she"
    body = (
        "Ana Petrova is survived by a daughter, Greta Holm. Her daughter said the funeral would be small. "
        "“She wanted only the sea,” she said."
    )
    assert _said_with_candidates(body) == [("She wanted only the sea", None, "Greta Holm")]


def test_the_agent_of_a_passive_told_of_at_once_is_the_subject() -> None:
    body = "The race was won by Tomas Vilkas, who broke away early. “The wind was strong,” he said."
    assert _said_with_candidates(body) == [("The wind was strong", None, "Tomas Vilkas")]
    # not after "by" and the name alone: the sentence's subject is someone unnamed
    body = "The race was won by Tomas Vilkas. “The wind was strong,” he said."
    assert _said_with_candidates(body) == [("The wind was strong", None, None)]


def test_a_noun_in_ing_after_a_day_is_no_one_else_speaking() -> None:
    body = "Ana Petrova retired. She wrote on social media on Sunday evening: “Thank you for every cheer.”"
    assert _said(body) == [("Thank you for every cheer.", "Ana Petrova")]
    body = "Ana Petrova recalled Tomas Vilkas saying: “We will not give up a tree.”"
    assert _said(body) == [("We will not give up a tree.", None)]


def test_the_first_word_alone_names_nobody_when_the_body_writes_it_before_another_name() -> None:
    # "Ana Dimitrova" is neither catalogued nor a candidate: "Ana" may be either
    body = "Ana Petrova won the vote. Later, Ana Dimitrova spoke. “It is hard,” Ana said."
    assert _said(body) == [("It is hard", None)]


def test_a_role_noun_written_of_another_person_too_names_nobody() -> None:
    body = (
        "The foreign minister, Ana Petrova, met the Danish minister Mette Holm on Monday. "
        "“We agreed on nothing,” the minister said."
    )
    assert _said(body) == [("We agreed on nothing", None)]
    body = (
        "The foreign minister, Ana Petrova, met Mette Holm, the Danish minister, on Monday. "
        "“We agreed on nothing,” the minister said."
    )
    assert _said(body) == [("We agreed on nothing", None)]


def test_first_names_alone_are_looked_for_with_work_in_proportion_to_the_body(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where each catalogued person's first word comes again is read in one pass for all of them,
    not by a search of the whole body per person: four times the people (a body four times longer)
    may cost under six times the work (lines run plus characters handed to the `re` module's own
    searches); a search per person would cost sixteen times as much."""
    import re
    from types import SimpleNamespace

    from gql_news.ingest import quotes
    from tests.ingest.work import lines_run

    searched = 0

    def counted(function: Any) -> Any:
        def search(pattern: Any, text: str, *args: Any) -> Any:
            nonlocal searched
            searched += len(text)
            return function(pattern, text, *args)

        return search

    shim = SimpleNamespace(**{name: getattr(re, name) for name in dir(re) if not name.startswith("__")})
    shim.finditer, shim.search = counted(re.finditer), counted(re.search)
    monkeypatch.setattr(quotes, "re", shim)

    def word(number: int) -> str:
        return "".join(chr(ord("a") + int(digit)) for digit in f"{number:05d}")

    def work(people: int) -> int:
        nonlocal searched
        names = [f"B{word(i)} Q{word(i + 50000)}" for i in range(people)]
        gazetteer = Gazetteer(tuple(GazetteerEntry("person", i + 1, (name,)) for i, name in enumerate(names)))
        body = " ".join(f"{name} met officials. “Yes,” she said." for name in names)
        mentions = find_mentions(body, gazetteer)
        searched = 0
        lines = lines_run(lambda: find_quotes(body, mentions))
        return lines + searched

    small, large = work(100), work(400)
    assert large < 6 * small, (small, large)


def test_role_nouns_said_again_are_looked_for_with_work_in_proportion_to_the_body() -> None:
    """Where each role noun set off before a name ("Her son, Tomas Vilkas,") is written again is
    read in one pass over the body's words for all the nouns, not by two searches of the whole
    body per noun: four times the people, each with a noun of their own (a body four times
    longer), may cost under six times the work (lines run plus characters searched); two searches
    per noun would cost sixteen times as much."""
    from gql_news.ingest import quotes
    from gql_news.ingest.cue_words import ROLE_NOUNS
    from tests.ingest.work import work_done

    nouns = sorted(noun for noun in ROLE_NOUNS if noun.isalpha() and len(noun) > 5)[:400]

    def word(number: int) -> str:
        return "".join(chr(ord("a") + int(digit)) for digit in f"{number:05d}")

    def body_and_mentions(people: int) -> tuple[str, list[Any]]:
        names = [f"B{word(i)} Q{word(i + 50000)}" for i in range(people)]
        gazetteer = Gazetteer(tuple(GazetteerEntry("person", i + 1, (name,)) for i, name in enumerate(names)))
        body = " ".join(
            f"Her {noun}, {name}, came. “Yes,” her {noun} said."
            for noun, name in zip(nouns, names, strict=False)
        )
        return body, find_mentions(body, gazetteer)

    body, mentions = body_and_mentions(2)
    assert [(q.text, q.person_id) for q in find_quotes(body, mentions)] == [("Yes", 1), ("Yes", 2)]

    def work(people: int) -> int:
        body, mentions = body_and_mentions(people)
        return work_done(quotes, lambda: find_quotes(body, mentions))

    small, large = work(100), work(400)
    assert large < 6 * small, (small, large)


def test_a_pronoun_after_a_subject_of_no_known_gender_and_a_fitting_name_in_its_sentence_is_nobody_s() -> (
    None
):
    """The subject's given name says nothing ("Ousmane"), and a name after it in its sentence
    says the pronoun's gender ("Aminata"): either may be the speaker, so neither is."""
    body = (
        "The festival honoured Ousmane Diallo-Ndiaye, the film director. Diallo-Ndiaye, 81, was in the hall "
        "with his daughter, Aminata Diallo-Ndiaye, who produced his last films. “My father made people "
        "laugh at the powerful,” she said."
    )
    assert _said_with_candidates(body) == [("My father made people laugh at the powerful", None, None)]
    # a subject whose given name says the gender is still the speaker
    body = (
        "Greta Holm, the trade minister, met reporters with her adviser, Maria Berg. "
        "“We will wait for the prices,” she said."
    )
    assert _said_with_candidates(body) == [("We will wait for the prices", None, "Greta Holm")]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            "Eliud Kipchoge, who was paced by Geoffrey Kamworor, was elated. “This is history,” he said.",
            "Eliud Kipchoge",
        ),
        (
            "Uhuru Kenyatta, who handed power to William Ruto in 2022, was brief. “Kenya is in good hands,” "
            "he said.",
            "Uhuru Kenyatta",
        ),
        (
            "Ngozi Okonjo-Iweala, who met Janet Yellen in Washington, was hopeful. “Trade can recover,” "
            "she said.",
            "Ngozi Okonjo-Iweala",
        ),
        (
            "Tedros Ghebreyesus, who spoke after Rishi Sunak at the summit, was blunt. “We are not ready,” "
            "he said.",
            "Tedros Ghebreyesus",
        ),
        (
            "Chimamanda Adichie, who was interviewed by Oprah Winfrey, laughed. “I was nervous,” she said.",
            "Chimamanda Adichie",
        ),
        (
            "Jacinda Ardern, who was succeeded by Chris Hipkins, was relaxed. “I have no regrets,” she said.",
            "Jacinda Ardern",
        ),
        (
            "Emmerson Mnangagwa, who ousted Robert Mugabe in 2017, was defiant. “We will not bow,” he said.",
            "Emmerson Mnangagwa",
        ),
        (
            "Volodymyr Zelensky, who met Joe Biden in Kyiv, was grateful. “We will not forget,” he said.",
            "Volodymyr Zelensky",
        ),
    ],
)
def test_a_person_inside_the_subject_s_relative_clause_leaves_the_subject_the_speaker(
    body: str, speaker: str
) -> None:
    """The subject's given name says no gender, and a person whose given name says the pronoun's
    is named after it in its sentence, but inside the relative clause set off right after the
    subject: that clause's object, not a speaker."""
    assert [found[2] for found in _said_with_candidates(body)] == [speaker]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # a role set off after a possessive in the plural, as in the singular
        ("“We were braver than them,” the Bobcats' head coach, Dana Kessler, said.", "Dana Kessler"),
        ("“We were braver than them,” the Saints’ manager, Tom Reid, said.", "Tom Reid"),
        ("“We were braver than them,” the club's head coach, Dana Kessler, said.", "Dana Kessler"),
        # a title between a sentence's set-off comma and its subject's name
        (
            "The chair of the judges, Professor Alan Birch, said the vote was unanimous. "
            "“It is a quiet book that gets louder,” he said.",
            "Alan Birch",
        ),
        (
            "The head of the delegation, Dr Marc Dupont, said talks were over. “We are done here,” he said.",
            "Marc Dupont",
        ),
        (
            "After meeting the envoy, Sir Marc Dupont said talks were over. “We are done here,” he said.",
            "Marc Dupont",
        ),
    ],
)
def test_a_speaker_set_off_after_a_plural_possessive_or_before_a_title(body: str, speaker: str) -> None:
    assert [candidate for _, _, candidate in _said_with_candidates(body)] == [speaker]


@pytest.mark.parametrize(
    ("body", "texts"),
    [
        # a title in quotation marks, closed by no punctuation of its own, is no quotation
        ('Then came the Symphony No 9, "From the New World", which the composer wrote in New York.', []),
        ("The band closed with “Songs of Love and Hate” and left the stage.", []),
        # speech stays, capitalised or not
        ("“Never Again,” he said.", ["Never Again"]),
        ("“We will never give up on this town”, the mayor said.", ["We will never give up on this town"]),
        ("“Thank You All,” she said, and left the stage.", ["Thank You All"]),
    ],
)
def test_a_title_in_quotation_marks_is_no_quotation(body: str, texts: list[str]) -> None:
    assert [text for text, _, _ in _said_with_candidates(body)] == texts


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a quotation with no attribution right after its speaker's reported speech goes on from it
        (
            "Ana Petrova, the project manager, said the rover had passed its tests. “The hardest part is"
            " still ahead, and we know it.”",
            [("The hardest part is still ahead, and we know it.", "Ana Petrova")],
        ),
        (
            "Ana Petrova arrived late. She said the talks had failed again. “They produced a date for more"
            " talks, nothing else.”",
            [("They produced a date for more talks, nothing else.", "Ana Petrova")],
        ),
        # no person as the subject, "according to", no speech verb, or the quotation opens the paragraph
        (
            "A spokesman said the plan was late. “Nobody expected it to be on time anyway.”",
            [("Nobody expected it to be on time anyway.", None)],
        ),
        (
            "According to Lars Berg, costs rose. “Everything we buy has gone up by a third.”",
            [("Everything we buy has gone up by a third.", None)],
        ),
        (
            "Mary Okafor left the room early. “Nobody wanted to stay for the vote.”",
            [("Nobody wanted to stay for the vote.", None)],
        ),
        (
            "Lars Berg said prices would rise.\n\n“Everything we buy has gone up by a third.”",
            [("Everything we buy has gone up by a third.", None)],
        ),
        # a quotation in the sentence before: the earlier one's speaker goes on, as before
        (
            "Lars Berg left. Ana Petrova said “the plan” was late. “Nobody expected more than that.”",
            [("the plan", "Ana Petrova"), ("Nobody expected more than that.", "Ana Petrova")],
        ),
    ],
)
def test_a_quotation_after_its_speakers_reported_speech(
    body: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _said(body) == expected


def test_the_name_right_before_the_verb_is_its_subject_not_an_apposition_before_it() -> None:
    body = (
        "Leila Farahani, the director, stayed at home. In a statement read on stage by her producer, "
        "Claire Montagne, Farahani said: “This prize belongs to the drivers.”"
    )
    assert _said_with_candidates(body) == [("This prize belongs to the drivers.", None, "Leila Farahani")]


def test_a_comma_after_a_name_in_a_clause_keeps_the_subject_before_it() -> None:
    body = "Aleksandr Lukashenko, who met Sergey Popkov, said: “The talks went well.”"
    assert _said(body) == [("The talks went well.", "Aleksandr Lukashenko")]


def test_a_pronoun_does_not_take_a_later_paragraphs_subject_when_another_fits_in_its_paragraph() -> None:
    # the piper's sentence holds a pronoun's speech cue ("she had asked for"), not the piper's
    # own, and the paragraph names the centenarian before him: either may speak, so neither does
    body = (
        "Jessie Crombie, who started work in a Dundee jute mill at the age of 14, celebrated her 100th "
        "birthday on Saturday at her care home with a piper and a cake.\n\n"
        "Residents and staff sang Flower of Scotland in the lounge, and Crombie, born in the Hilltown in "
        "1925, joined in with every word. The piper, Ally Duncan, then played Scotland the Brave and a "
        "slow air she had asked for, The Dark Island.\n\n"
        "“I've had a hundred years in Dundee, give or take, and it's rained for most of them,” she said."
    )
    assert _said_with_candidates(body) == [
        ("I've had a hundred years in Dundee, give or take, and it's rained for most of them", None, None)
    ]


def test_a_candidate_said_by_the_end_of_a_name_written_in_full_before_is_the_full_name() -> None:
    body = (
        "DAMMAM, Saudi Arabia — Youssef El Amrani has coached in five countries. He still teases "
        "his goalkeeping coach about the quarter-final. “He says we were lucky,” El Amrani said."
    )
    assert _said_with_candidates(body) == [("He says we were lucky", None, "Youssef El Amrani")]


def test_a_person_named_as_an_object_earlier_in_the_paragraph_is_no_rival_subject() -> None:
    # only the subject of a clause joined by ", and" stands against the chosen subject there
    body = (
        "Mary Okafor welcomed Ana Petrova to Lagos on Monday. Okafor has led the agency since 2022.\n\n"
        "“Inflation is falling,” she said."
    )
    assert _said(body) == [("Inflation is falling", "Mary Okafor")]
