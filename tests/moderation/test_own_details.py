"""The learned own-details model (detectors/identifiers/own_details.py): a clinician's own
card, laid out in ways the signature rules do not list, is not held as a client's
identifiers; a client's details are still found; the shipped model is the one `make
train` builds from the repository's development files."""

from __future__ import annotations

import numpy as np
import pytest

from detectors.hashed_text import abs_hashes, hashed_column
from detectors.identifiers import _Candidate, find_identifiers, own_details
from moderation import own_details_training

# Clinicians' own cards that the rules alone held (each returned spans on a06471d, before
# the model): a bulleted card above the post, a card between the post and a bold notice,
# a one-line card after a dash, a nickname sign-off with the full card in parentheses.
OWN_CARDS = [
    "Our DBT skills group has one opening left, Tuesdays 5:30.\n\nPriya Raman, LICSW (MA "
    "LICSW 118204)\nNorth Shore Dialectical Therapy\n14 Essex St, Beverly MA 01915\n"
    "978-922-4471\npriya@northshoredbt.com\n\n**Reminder: no client details in replies to "
    "this address.**",
    "- Tomas Ferreira, LMFT\n- CA LMFT 104882\n- Bayside Couples Studio\n- 2200 Bridgeway, "
    "Suite 6, Sausalito, CA 94965\n- 415-332-0187\n- tomas@baysidecouples.com\n\nOn the "
    "infidelity thread: Gottman's repair work has held up best for me.",
    "Agree with all of the above. — Noor Haddad (she/her), LCPC, Towson MD, "
    "noor@haddadcounseling.com, 410-296-5532",
    "we switched to the C-SSRS screener last year too. -bex (Rebecca Lindqvist LMHC, FL, "
    "Sarasota, 941-366-2208)",
    # Held by a06471d's rules and by 4c2a997's model (a practice called "... Family
    # Therapy" read as someone's family; "MD" read as a state; a role and a ministry degree
    # that were no credential); the last, an EdS, is a guard.
    "We have two openings in our teen DBT group. Questions to Dana Ruiz, Intake Coordinator, "
    "Riverside Family Therapy, 2200 Alder St, Eugene OR 97405, 541-555-0123.",
    "Kwame Mensah here (Kwame Mensah, MD, adult psychiatry). We moved our clozapine clinic to "
    "Tuesdays. — kmensah@northvalleypsych.org",
    "Hiring a part-time chaplain for our hospice team. Contact Rev. Ann Whitaker, MDiv, BCC, "
    "Spiritual Care Lead, awhitaker@mesahospice.org, 480-555-0172.",
    "For the IEP question: the reevaluation clock restarts. Jordan Ellis, EdS, NCSP, School "
    "Psychologist, Cedar Ridge USD, jellis@cedarridgeusd.org, 530-555-0190 ext 12.",
]


@pytest.mark.parametrize("text", OWN_CARDS)
def test_a_clinicians_own_card_in_an_unlisted_layout_is_not_a_client_identifier(
    text: str,
) -> None:
    assert find_identifiers(text) == []


def test_a_clients_card_in_a_consult_post_is_still_found() -> None:
    text = (
        "For Thursday's consult:\n- Client: R. Okonkwo\n- 41 Linden Ave, Salem MA 01970\n"
        "- Dx: panic disorder, agoraphobia\n- stuck at in-vivo step 4"
    )
    assert ("name", "R. Okonkwo") in [(s.kind, s.text) for s in find_identifiers(text)]


def test_a_post_keeping_a_date_of_birth_keeps_every_contact_detail_too() -> None:
    text = (
        "Intake summary (consented):\npt: Delphine Arceneaux\nDOB 1988-02-19\naddr 77 Magazine "
        "St Apt 3, New Orleans LA 70130\nemail delphine.a88@gmail.com\nreferred for OCD"
    )
    kinds = {s.kind for s in find_identifiers(text)}
    assert {"date", "address", "email"} <= kinds


def _model(threshold: float, intercept: float) -> own_details.OwnDetailsModel:
    return own_details.OwnDetailsModel(
        version="test",
        metadata={},
        n_features=16,
        coef=np.zeros(16),
        intercept=intercept,
        threshold=threshold,
    )


def test_the_model_sets_aside_only_kinds_a_card_carries_and_only_above_its_threshold() -> None:
    text = "Reach me at 617-555-0142 or see www.example-practice.com\n-- Dana Ruiz, LPC"
    phone = _Candidate("phone", 12, 24)
    url = _Candidate("url", 32, 56)
    # Every candidate scores sigmoid(5) = 0.993 under this model.
    assert own_details.not_own(text, [phone, url], model=_model(0.9, 5.0)) == []
    assert own_details.not_own(text, [phone, url], model=_model(0.999, 5.0)) == [phone, url]


def test_nothing_is_set_aside_in_a_post_that_keeps_a_kind_no_card_carries() -> None:
    text = "SSN 123-45-6789, phone 617-555-0142"
    ssn = _Candidate("ssn", 4, 15)
    phone = _Candidate("phone", 23, 35)
    assert own_details.not_own(text, [ssn, phone], model=_model(0.5, 5.0)) == [ssn, phone]


def test_a_model_width_that_is_not_a_power_of_two_is_refused() -> None:
    with pytest.raises(ValueError, match="power of two"):
        own_details.OwnDetailsModel("bad", {}, 12, np.zeros(12), 0.0, 0.5)


def test_serving_hashes_each_feature_into_the_column_training_gave_it() -> None:
    view = own_details._PostView.of(OWN_CARDS[0] + "\nÁlvaro Núñez, LMHC — ☎ 555")
    terms = sorted(
        {
            f
            for start, kind in ((60, "name"), (150, "phone"), (len(view.text) - 3, "phone"))
            for f in own_details.features(view, kind, start, start + 3)
        }
    )
    width = own_details_training.N_FEATURES
    served = (abs_hashes(terms) % width).tolist()
    assert served == [hashed_column(term, width) for term in terms]


def test_training_labels_a_signed_posts_candidates_own_and_a_gold_spans_candidates_not() -> None:
    signed = {"text": OWN_CARDS[2], "signature": True, "spans": []}
    assert {label for _, label, _ in own_details_training.examples_of(signed)} == {1}
    text = "Her mother Lucia Benavides calls from 512-555-0199 most nights."
    vignette = {
        "text": text,
        "spans": [
            {"kind": "name", "start": 11, "end": 26},
            {"kind": "phone", "start": 38, "end": 50},
        ],
    }
    examples = own_details_training.examples_of(vignette)
    assert examples and {label for _, label, _ in examples} == {0}
    # A de-identified post's stray find is neither the author's nor a client's: left out.
    assert own_details_training.examples_of({"text": text, "deidentified": True}) == []


def test_the_model_is_not_asked_about_a_post_keeping_a_date_of_birth() -> None:
    text = "pt: Lucia Benavides, DOB 03/02/1961, cell 512-555-0199"
    row = {
        "text": text,
        "spans": [
            {"kind": "name", "start": 4, "end": 19},
            {"kind": "date", "start": 25, "end": 35},
            {"kind": "phone", "start": 42, "end": 54},
        ],
    }
    assert all(unasked for _, _, unasked in own_details_training.examples_of(row))


def test_the_threshold_sets_aside_no_more_client_candidates_than_allowed() -> None:
    labels = np.array([0] * 4000 + [1] * 10)
    scores = np.concatenate([np.linspace(0.0, 0.95, 4000), np.full(10, 0.99)])
    unasked = np.zeros(len(labels), dtype=bool)
    threshold = own_details_training.choose_threshold(labels, scores, unasked)
    allowed = int(own_details_training.MAX_CLIENT_DROP * 4000)
    assert (scores[:4000] >= threshold).sum() <= allowed
    assert threshold >= own_details_training.MIN_THRESHOLD
    # Client candidates the model is never asked about do not raise the threshold.
    unasked[:4000] = scores[:4000] > 0.9
    assert own_details_training.choose_threshold(labels, scores, unasked) < threshold


def test_the_shipped_model_is_what_make_train_builds_from_the_development_files() -> None:
    model = own_details.load_model()
    assert model.metadata["training_data"]["sha256"] == own_details_training.data_sha256(), (
        "the development files changed: run "
        "`manage.py train_moderation_model --own-details-only` and commit the artifact"
    )
    # A change to the identifier rules changes the candidates it is trained on too: the
    # same message, the same remedy.
    result = own_details_training.train()
    assert result.threshold == pytest.approx(model.threshold, abs=1e-6)
    assert result.intercept == pytest.approx(model.intercept, abs=1e-5)
    np.testing.assert_allclose(result.coef, model.coef, atol=1e-5)


@pytest.mark.parametrize(
    "text",
    [
        "Text 503-555-0187 (her sister's cell) if the group runs late?\nMara Quist, LPC",
        "Ok to give out 971-555-0164, the foster mom's number?\n-- Ray Soto, LMFT",
    ],
)
def test_the_model_is_never_asked_about_a_detail_its_sentence_gives_as_someone_elses(
    text: str,
) -> None:
    start = next(i for i in range(len(text)) if text[i : i + 3].isdigit())
    candidate = _Candidate("phone", start, start + 12)
    assert text[start : start + 12].count("-") == 2
    # Even a model sure of everything keeps it.
    assert own_details.not_own(text, [candidate], model=_model(0.5, 9.0)) == [candidate]


BARE_BLOCK = "Hana Whitlock\n58 Orchard Rd, Unit 2\nKeene NH 03431\n603-555-0148"


def test_a_bare_block_of_a_name_and_an_address_is_nobodys_card() -> None:
    # Nothing marks an author giving their own details (no credential, pronoun set,
    # sign-off or signature block): even a model sure of everything is not asked.
    start = BARE_BLOCK.index("603")
    phone = _Candidate("phone", start, start + 12)
    assert own_details.not_own(BARE_BLOCK, [phone], model=_model(0.5, 9.0)) == [phone]
    assert "603-555-0148" in [s.text for s in find_identifiers(BARE_BLOCK)]


def test_a_state_that_is_also_a_degree_is_no_mark_of_an_author() -> None:
    text = "Forwarding address: 9 Dane St, Somerville MA 02143, 617-555-0190"
    start = text.index("617")
    phone = _Candidate("phone", start, start + 12)
    assert own_details.not_own(text, [phone], model=_model(0.5, 9.0)) == [phone]
    signed = text + "\nLena Ostrowski, LICSW"
    assert own_details.not_own(signed, [phone], model=_model(0.5, 9.0)) == []


def test_a_practice_named_for_families_is_not_someone_elses_detail() -> None:
    text = "Contact Riverside Family Therapy at 541-555-0123 with referrals."
    start = text.index("541")
    assert not own_details._someone_elses(text, start, start + 12)
    text = "Contact the family at 541-555-0123 after the meeting."
    start = text.index("541")
    assert own_details._someone_elses(text, start, start + 12)
