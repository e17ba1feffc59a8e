"""Partner mode's logic: share codes and files round-trip, every bad code is refused with a
plain message, and every pair of regions has its words."""

from __future__ import annotations

import base64
import json
import zlib

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from course import content, partner, scoring
from course.partner import (
    Garbled,
    NotAllowed,
    OtherVersion,
    ShareCodeError,
    TooLarge,
    WrongChecksum,
)
from course.schema import ContentError

S = scoring.patterns_settings()
FIELDS = [f.id for f in partner.shareable_fields()]
CHECKIN = [partner.CHECKIN_PREFIX + s.id for s in content.scales()]
EVERYTHING = {"name": "Sam", "avoider": 4.56, "pursuer": 3.22, **dict.fromkeys(CHECKIN, 6)}


def _forge(payload: object, *, version: int = 1, raw: bytes | None = None) -> str:
    """A code built by hand, with a correct checksum: what someone forging a code could make."""
    data = raw if raw is not None else json.dumps(payload).encode("utf-8")
    body = base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")
    prefix = f"CLOSER{version}-"
    return f"{prefix}{body}.{zlib.crc32((prefix + body).encode()) & 0xFFFFFFFF:08x}"


def _payload(share: dict, chose: list | None = None) -> dict:
    return {"v": 1, "chose": list(share) if chose is None else chose, "share": share}


# --------------------------------------------------------------------------------------
# What may be shared, and round trips
# --------------------------------------------------------------------------------------


def test_the_fields_are_the_name_both_scores_and_each_check_in_scale():
    assert ["name", "avoider", "pursuer", *CHECKIN] == FIELDS
    assert len(CHECKIN) == len(content.scales()) == 4


def test_possible_scores_are_the_means_the_self_assessment_can_give():
    means = partner.possible_means("avoider")
    n = len(S.items_for("avoider"))
    assert len(means) == n * (S.high - S.low) + 1
    assert means[0] == S.low and means[-1] == S.high
    assert round(41 / 9, 2) in means and 4.5 not in means
    assert partner.nearest_mean("pursuer", 4.5) in (4.44, 4.56)


def test_a_share_holds_only_the_chosen_fields_and_the_preview_says_exactly_them():
    share = partner.make_share(["name", "avoider", "pursuer"], EVERYTHING)
    assert share.values == {"name": "Sam", "avoider": 4.56, "pursuer": 3.22}
    assert partner.preview_lines(share) == ["Name: Sam", "Avoider score: 4.56", "Pursuer score: 3.22"]
    code = partner.encode(share)
    assert code.startswith("CLOSER1-") and len(code) < partner.MAX_CODE_CHARS
    back = partner.decode(code)
    assert back == share
    # nothing else leaves the journal: the check-in values that were available are not in the code
    raw = base64.urlsafe_b64decode(code[8:].rsplit(".", 1)[0] + "==")
    assert set(json.loads(raw)["share"]) == {"name", "avoider", "pursuer"}
    assert b"checkin" not in raw


def test_the_result_is_placed_only_when_both_scores_are_shared():
    both = partner.make_share(["avoider", "pursuer"], EVERYTHING)
    assert both.result == scoring.PatternResult(4.56, 3.22, "leaning_avoider")
    one = partner.make_share(["avoider", CHECKIN[0]], EVERYTHING)
    assert one.result is None and one.checkin == {"connected": 6}


def test_making_a_share_asks_for_a_choice_and_for_values():
    with pytest.raises(ShareCodeError, match="Choose at least one thing"):
        partner.make_share([], EVERYTHING)
    with pytest.raises(ShareCodeError, match="has no value yet"):
        partner.make_share(["avoider"], {"avoider": None})
    with pytest.raises(NotAllowed, match="nothing called 'region'"):
        partner.make_share(["region"], EVERYTHING)


def test_pasted_codes_survive_spaces_and_line_breaks_from_message_apps():
    code = partner.encode(partner.make_share(FIELDS, EVERYTHING))
    wrapped = "\n".join(code[i : i + 40] for i in range(0, len(code), 40))
    assert partner.decode(f"  {wrapped}\n") == partner.decode(code)
    assert partner.decode(code.encode("utf-8")) == partner.decode(code)


names = st.text(
    alphabet=st.characters(
        categories=["L", "M", "N", "Zs"], exclude_characters="".join(partner.NOT_IN_NAMES)
    ),
    min_size=1,
    max_size=partner.MAX_NAME_CHARS,
).filter(lambda t: t.strip())


@given(
    chosen=st.lists(st.sampled_from(FIELDS), min_size=1, unique=True),
    name=names,
    avoider=st.sampled_from(partner.possible_means("avoider")),
    pursuer=st.sampled_from(partner.possible_means("pursuer")),
    checkin=st.lists(st.integers(0, 10), min_size=len(CHECKIN), max_size=len(CHECKIN)),
)
def test_every_share_round_trips_through_its_code_and_its_file(chosen, name, avoider, pursuer, checkin):
    values = {
        "name": name,
        "avoider": avoider,
        "pursuer": pursuer,
        **dict(zip(CHECKIN, checkin, strict=True)),
    }
    share = partner.make_share(chosen, values)
    assert set(share.values) == set(chosen)
    code = partner.encode(share)
    assert len(code) <= partner.MAX_CODE_CHARS, "the largest honest code fits under the limit"
    assert partner.decode(code) == share
    assert partner.decode_file(partner.to_file(share)) == share
    assert partner.decode(partner.to_file(share)) == share, "a file's contents can be pasted too"


@given(st.integers(0, 200), st.characters(codec="ascii", exclude_characters=" \t\n\r\x0b\x0c"))
def test_any_one_changed_character_is_caught(position, replacement):
    code = partner.encode(partner.make_share(FIELDS, EVERYTHING))
    i = 8 + position % (len(code) - 8)  # anywhere after the prefix
    if code[i] == replacement:
        return
    with pytest.raises(ShareCodeError):
        partner.decode(code[:i] + replacement + code[i + 1 :])


# --------------------------------------------------------------------------------------
# Refused: garbled, wrong checksum, forged, oversized, another version, unknown fields
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "error", "words"),
    [
        ("", Garbled, "Nothing was pasted"),
        ("hello there", Garbled, "doesn't look like a Closer share code"),
        ("CLOSER1-", Garbled, "end of the code is missing"),
        ("CLOSER1-abc", Garbled, "end of the code is missing"),
        ("CLOSER1-abc.00000000", WrongChecksum, "doesn't add up"),
        ("CLOSER2-abc.00000000", OtherVersion, "another version of the course"),
        ("closer9-xyz.1", OtherVersion, "another version"),
        ("{not json", Garbled, "isn't valid JSON"),
    ],
)
def test_garbled_codes_are_refused_in_plain_words(text, error, words):
    with pytest.raises(error, match=words):
        partner.decode(text)


def test_a_code_with_one_character_lost_fails_its_checksum():
    code = partner.encode(partner.make_share(["avoider", "pursuer"], EVERYTHING))
    with pytest.raises(WrongChecksum):
        partner.decode(code[:20] + code[21:])


def test_size_is_checked_before_anything_is_decoded(monkeypatch):
    def never(*_args, **_kwargs):
        raise AssertionError("decoded an oversized code")

    monkeypatch.setattr(partner.base64, "urlsafe_b64decode", never)
    monkeypatch.setattr(partner.json, "loads", never)
    with pytest.raises(TooLarge, match="far longer than any share code"):
        partner.decode("CLOSER1-" + "A" * 10_000_000)
    with pytest.raises(TooLarge, match="far larger"):
        partner.decode(b"CLOSER1-" + b"A" * 10_000)
    with pytest.raises(TooLarge, match="longer than any share code"):
        partner.decode("CLOSER1-" + "A" * (partner.MAX_CODE_CHARS + 1))
    with pytest.raises(TooLarge):
        partner.decode_file("{" + " " * partner.MAX_FILE_BYTES + "}")


def test_bytes_that_are_not_utf8_are_refused():
    with pytest.raises(Garbled, match="not text"):
        partner.decode(b"CLOSER1-\xff\xfe.00")
    with pytest.raises(Garbled, match="can't be read"):
        partner.decode(_forge(None, raw=b"\xff\xfe\xfd"))


def test_json_nested_too_deep_to_read_is_refused_not_a_traceback():
    with pytest.raises(Garbled, match="isn't valid JSON"):
        partner.decode_file("[" * 3000 + "]" * 900)
    with pytest.raises(ShareCodeError):
        partner.decode(_forge(None, raw=b"[" * 400 + b"]" * 400))


@pytest.mark.parametrize("payload", [[1, 2, 3], "a string", 42, None])
def test_json_that_is_not_an_object_is_refused(payload):
    with pytest.raises(Garbled, match="doesn't hold what a share code holds"):
        partner.decode(_forge(payload))


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        (_payload({"avoider": 9.5, "pursuer": 3.22}), "isn't a score the self-assessment gives"),
        (_payload({"avoider": 4.5, "pursuer": 3.22}), "isn't a score the self-assessment gives"),
        (_payload({"avoider": -1, "pursuer": 3.22}), "isn't a score the self-assessment gives"),
        (_payload({"avoider": "4.56"}), "not a number"),
        (_payload({"avoider": True}), "not a number"),
        (_payload({"checkin_open": 11}), "whole number from 0 to 10"),
        (_payload({"checkin_open": 5.5}), "whole number from 0 to 10"),
        (_payload({"name": "<script>alert(1)</script>"}), "can't contain"),
        (_payload({"name": "Sam\u202eevil"}), "hidden control characters"),
        (_payload({"name": "x" * 31}), "at most 30 characters"),
        (_payload({"name": 7}), "not text"),
        (_payload({"region": "swinging"}), "a field the course doesn't share"),
        (_payload({"avoider": 4.56, "note": "hi"}), "a field the course doesn't share"),
        (_payload({"avoider": 4.56, "pursuer": 3.22}, chose=["avoider"]), "the sharer did not choose"),
        (_payload({"avoider": 4.56}, chose=["avoider", "pursuer"]), "holds no value for it"),
        (_payload({}, chose=[]), "empty or repeats"),
        (_payload({"avoider": 4.56}, chose=["avoider", "avoider"]), "empty or repeats"),
        ({**_payload({"avoider": 4.56}), "extra": 1}, "never holds"),
        ({"v": 1, "share": {"avoider": 4.56}}, "never holds"),
        ({"v": 2, "chose": ["avoider"], "share": {"avoider": 4.56}}, "another version"),
        ({"v": True, "chose": ["avoider"], "share": {"avoider": 4.56}}, "another version"),
        ({"v": 1, "chose": "avoider", "share": {"avoider": 4.56}}, "doesn't hold what"),
    ],
)
def test_forged_codes_are_refused_by_checking_every_value(payload, words):
    code = _forge(payload)
    with pytest.raises(ShareCodeError, match=words) as caught:
        partner.decode(code)
    assert isinstance(caught.value, ValueError)
    assert "Traceback" not in str(caught.value) and len(str(caught.value)) < 300


def test_a_file_whose_plain_copy_was_edited_is_refused():
    share = partner.make_share(["name", "avoider", "pursuer"], EVERYTHING)
    doc = json.loads(partner.to_file(share))
    doc["shared"]["avoider"] = 1.0
    with pytest.raises(NotAllowed, match="doesn't match its code"):
        partner.decode_file(json.dumps(doc))
    doc = json.loads(partner.to_file(share))
    doc["version"] = 2
    with pytest.raises(OtherVersion):
        partner.decode_file(json.dumps(doc))
    doc = json.loads(partner.to_file(share))
    doc["extra"] = "x"
    with pytest.raises(NotAllowed, match="never holds"):
        partner.decode_file(json.dumps(doc))
    with pytest.raises(Garbled, match="isn't a Closer share file"):
        partner.decode_file(json.dumps([1, 2]))
    with pytest.raises(Garbled, match="not text"):
        partner.decode_file(b"\xff\xfe{}")


def test_names_are_tidied_and_limited():
    assert partner.check_name("  Ana   María ") == "Ana María"
    assert partner.check_name("李小龙") == "李小龙"
    for bad in ("", "   ", "Jo & Sam", 'say "hi"', "a\nb\x00"):
        with pytest.raises(NotAllowed):
            partner.check_name(bad)


# --------------------------------------------------------------------------------------
# The joint view and the data behind it
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("a", scoring.PATTERN_REGIONS)
@pytest.mark.parametrize("b", scoring.PATTERN_REGIONS)
def test_every_pair_of_regions_has_its_loop_in_words(a, b):
    pair, a_first = partner.settings().pair(a, b)
    assert sorted(pair.regions) == sorted((a, b))
    assert a_first == (tuple(pair.regions) == (a, b))
    means = {
        "settled": (2.0, 2.0),
        "leaning_avoider": (6.0, 2.0),
        "leaning_pursuer": (2.0, 6.0),
        "swinging": (6.0, 6.0),
    }
    one = partner.make_share(
        ["name", "avoider", "pursuer"], {"name": "Ana", "avoider": means[a][0], "pursuer": means[a][1]}
    )
    two = partner.make_share(
        ["name", "avoider", "pursuer"], {"name": "Bo", "avoider": means[b][0], "pursuer": means[b][1]}
    )
    view = partner.joint_view(one, two)
    assert (view.results[0].region, view.results[1].region) == (a, b)
    assert view.title == pair.title and view.loop and view.to_try
    for text in (view.loop, view.to_try):
        assert "{" not in text and "}" not in text, "every placeholder filled in"
    if a != b:
        # each person's name is in the words; who is "first" follows the regions, not the order typed
        assert "Ana" in view.loop + view.to_try and "Bo" in view.loop + view.to_try


def test_the_pair_words_stay_non_judgemental():
    words = partner.settings()
    shown = [
        words.safety,
        words.not_pressure,
        words.code_note,
        words.same_screen,
        words.checkin_note,
        words.invitations,
        words.fit,
        words.save_note,
        words.conversation.intro,
        words.conversation.pause,
    ]
    shown += [t for p in words.pairs for t in (p.title, p.loop, p.to_try)]
    shown += [t for s in words.conversation.steps for t in (s.title, s.text)]
    # the one "blame" allowed is the safety line's promise that nothing asks it of you
    raw = " ".join(shown).lower().replace("nothing here asks you to blame yourself", "")
    for word in (
        "fault",
        "blame you",
        "disorder",
        "diagnos",
        "toxic",
        "needy",
        "clingy",
        "narciss",
        "should",
    ):
        assert word not in raw, word


def test_a_person_who_did_not_share_both_scores_gets_no_loop_but_no_error():
    one = partner.make_share(["name", "avoider"], {"name": "Ana", "avoider": 4.56})
    two = partner.make_share(["avoider", "pursuer"], {"avoider": 2.0, "pursuer": 6.0})
    view = partner.joint_view(one, two)
    assert view.results[0] is None and "Ana did not share both" in view.loop
    assert view.names == ("Ana", "Person B")


def test_two_people_with_the_same_name_are_told_apart():
    one = partner.make_share(["name"], {"name": "Sam"})
    view = partner.joint_view(one, one)
    assert view.names == ("Sam (A)", "Sam (B)")


def test_check_ins_are_shown_side_by_side_only_where_shared():
    one = partner.make_share(["name", "checkin_open"], {"name": "Ana", "checkin_open": 3})
    two = partner.make_share(
        ["name", "checkin_open", "checkin_hopeful"], {"name": "Bo", "checkin_open": 8, "checkin_hopeful": 6}
    )
    lines = partner.checkin_lines(partner.joint_view(one, two))
    assert lines == [
        "Open (0 = very hard, 10 = easy): Ana 3, Bo 8",
        "Hopeful (0 = not at all, 10 = very hopeful): Bo 6",
    ]


def test_the_conversation_takes_turns_and_names_who_speaks():
    steps = partner.conversation_steps("Ana", "Bo")
    assert len(steps) == len(partner.settings().conversation.steps)
    titles = [t for t, _ in steps]
    assert "Ana speaks, Bo listens" in titles
    assert "Swap: Bo speaks, Ana listens" in titles
    assert any("Did I get that right?" in text for _, text in steps), "the listener paraphrases and checks"
    assert partner.settings().conversation.pause


def _broken(data_copy, change) -> str:
    path = data_copy / "partner.yaml"
    raw = yaml.safe_load((content.DATA_DIR / "partner.yaml").read_text(encoding="utf-8"))
    change(raw)
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        partner.load_settings(data_copy)
    return str(caught.value)


def test_partner_yaml_must_cover_every_pair_once(data_copy):
    assert "no words for the pair" in _broken(data_copy, lambda raw: raw["pairs"].pop())
    assert "repeats the regions" in _broken(
        data_copy,
        lambda raw: raw["pairs"].append({**raw["pairs"][0], "regions": raw["pairs"][0]["regions"][::-1]}),
    )


def test_partner_yaml_checks_its_placeholders_and_turns(data_copy):
    def bad_placeholder(raw):
        raw["pairs"][0]["loop"] = "{third} reaches"

    assert "only first, second can be filled in" in _broken(data_copy, bad_placeholder)

    def one_speaker(raw):
        for step in raw["conversation"]["steps"]:
            if step["speaker"] == "second":
                step["speaker"] = "first"

    assert "both people need a turn" in _broken(data_copy, one_speaker)
    assert "partner.yaml" in _broken(data_copy, lambda raw: raw.pop("safety"))


# --------------------------------------------------------------------------------------
# Whatever arrives, the answer is a share or a ShareCodeError: never another exception
# --------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=20,
)


def _read_or_refuse(data) -> None:
    try:
        share = partner.decode(data)
    except ShareCodeError as exc:
        assert str(exc) and "Traceback" not in str(exc)
    else:
        assert set(share.values) <= set(FIELDS)


@given(st.one_of(st.text(max_size=3000), st.binary(max_size=5000)))
def test_anything_pasted_is_read_or_refused_in_words(data):
    _read_or_refuse(data)


@given(st.binary(max_size=400))
def test_any_bytes_behind_a_correct_checksum_are_refused_in_words(raw):
    _read_or_refuse(_forge(None, raw=raw))


@given(
    st.fixed_dictionaries(
        {"v": st.sampled_from([1, 1.0, 2, "1", True]), "chose": json_values, "share": json_values}
    )
    | st.dictionaries(st.sampled_from(["v", "chose", "share", "x"]), json_values)
)
def test_any_json_behind_a_correct_checksum_is_read_only_if_every_value_is_possible(payload):
    _read_or_refuse(_forge(payload))


@given(
    st.dictionaries(
        st.sampled_from(["name", "avoider", "pursuer", *CHECKIN, "region", ""]),
        json_values | st.sampled_from([4.56, 7, 0, 10, "Ana"]),
        min_size=1,
    )
)
def test_a_forged_share_passes_only_with_values_the_course_could_make(share):
    try:
        got = partner.decode(_forge(_payload(share)))
    except ShareCodeError:
        return
    for field, value in got.values.items():
        if field in ("avoider", "pursuer"):
            assert value in partner.possible_means(field)
        elif field == "name":
            assert partner.check_name(value) == value
        else:
            assert isinstance(value, int) and 0 <= value <= 10


def test_the_largest_honest_share_fits_its_limits():
    values = {**EVERYTHING, "name": "𝔄" * partner.MAX_NAME_CHARS}
    share = partner.make_share(FIELDS, values)
    assert len(partner.encode(share)) <= partner.MAX_CODE_CHARS
    assert len(partner.to_file(share).encode("utf-8")) <= partner.MAX_INPUT_CHARS <= partner.MAX_FILE_BYTES
    assert partner.decode(partner.to_file(share)) == share


def test_the_code_note_is_plain_and_the_pairs_speak_to_both_people():
    words = partner.settings()
    assert "lets the course spot copying mistakes" in words.code_note
    assert "only trust a code from the person you expected" in words.code_note
    assert "checksum" not in words.code_note.lower()
    settled, _ = words.pair("settled", "settled")
    assert settled.title == "Neither of you leaning either way today"
    listen = next(s for s in words.conversation.steps if s.id == "first_checked")
    assert "(two or three rounds is plenty)" in " ".join(listen.text.split())
