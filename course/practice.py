"""Practising three skills with feedback: the speaker-listener turn, a gentle start and a
repair attempt (the optional notebook ``05_practice``). Pure logic.

Why rules and not a model: the feedback must run on the learner's own machine and in the
browser edition, say exactly why it says what it says, and never judge the person. So it
looks for plain cues (a feeling word from the course's vocabulary, "always" and "never", a
request, a check question, a repair move) and answers from ``data/practice.yaml``: what the
sentence already does, and one or two things to try, with examples. It reads words, not
minds: a sentence can be kind without any cue, and the messages say "try", never "wrong".

Tokenising copes with what people type: curly apostrophes (from phones and word
processors), capitals, punctuation, contractions with and without apostrophes ("don't",
"dont", "do not" all read as "do not"), and a negation just before a feeling ("I don't feel
hurt" does not name a feeling). Every match keeps its place in the text, so the feedback can
quote the learner's own words back.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from . import schema, vocabulary
from .schema import DATA_DIR

SKILLS = ("speaker_listener", "i_statement", "repair")
MOVES = ("name_it", "own_part", "pause", "restart", "reassure")
SLIPS = ("advice", "defending", "own_story", "dismissing")
MESSAGES = (
    "feeling",
    "listener_feeling",
    "feeling_missing",
    "feeling_negated",
    "feeling_unknown",
    "thought_as_feeling",
    "done_to_me",
    "done_to_me_serious",
    "distress",
    "absolute",
    "label",
    "you_blame",
    "blame",
    "situation",
    "situation_missing",
    "request",
    "request_missing",
    "demand",
    "paraphrase",
    "paraphrase_missing",
    "gist",
    "gist_missing",
    "check",
    "check_missing",
    "question_not_check",
    *SLIPS,
    "repair_missing",
    "repair_one_more",
    "repair_own_part",
    "pause_return_missing",
    "non_apology",
)
PLACEHOLDERS = {"phrase", "example"}
KIND = "practice"
MODULE = "05_building_intimacy"


# --------------------------------------------------------------------------------------
# The data file's schema
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    max_chars: int = schema.whole(50, 5000)
    empty: str = schema.text()
    too_long: str = schema.text()


@dataclass(frozen=True)
class Slip:
    id: str = schema.ident()
    cues: tuple[str, ...] = schema.texts()


@dataclass(frozen=True)
class Cues:
    """The words the feedback looks for, each list written as a learner might type it."""

    negations: tuple[str, ...] = schema.texts()
    everyday_feelings: tuple[str, ...] = schema.texts()
    thought_markers: tuple[str, ...] = schema.texts()
    done_to_me: tuple[str, ...] = schema.texts()
    serious_done_to_me: tuple[str, ...] = schema.texts()
    distress: tuple[str, ...] = schema.texts()
    distress_always: tuple[str, ...] = schema.texts()
    softeners: tuple[str, ...] = schema.texts()
    feel_verbs: tuple[str, ...] = schema.texts()
    absolutes: tuple[str, ...] = schema.texts()
    labels: tuple[str, ...] = schema.texts()
    you_blame_markers: tuple[str, ...] = schema.texts()
    label_exceptions: tuple[str, ...] = schema.texts()
    blame: tuple[str, ...] = schema.texts()
    situation: tuple[str, ...] = schema.texts()
    requests: tuple[str, ...] = schema.texts()
    demands: tuple[str, ...] = schema.texts()
    paraphrase: tuple[str, ...] = schema.texts()
    check_questions: tuple[str, ...] = schema.texts()
    check_tags: tuple[str, ...] = schema.texts()
    listener_slips: tuple[Slip, ...] = schema.entries(Slip, "slip", ids=SLIPS, ordered=True)
    pause_return: tuple[str, ...] = schema.texts()
    non_apology: tuple[str, ...] = schema.texts()

    def slip(self, slip_id: str) -> Slip:
        return schema.by_id(self.listener_slips, slip_id, "listener slip")


@dataclass(frozen=True)
class Scenario:
    """Something to practise on: who, what they say (or what happened), and a worked example."""

    id: str = schema.ident()
    who: str = schema.text()
    text: str = schema.text()
    example: str = schema.text()
    # speaker_listener only: words that show the reply picked up the heart of the message
    gist: tuple[str, ...] = schema.texts(default=())


@dataclass(frozen=True)
class Example:
    sentence: str = schema.text()
    why: str = schema.text()


@dataclass(frozen=True)
class Skill:
    id: str = schema.ident()
    title: str = schema.text()
    label: str = schema.text()
    lead: str = schema.text()
    about: str = schema.text()
    how: tuple[str, ...] = schema.texts()
    scenarios: tuple[Scenario, ...] = schema.entries(Scenario, "scenario", minimum=2)
    examples: tuple[Example, ...] = schema.entries(Example, "example", minimum=2)

    def scenario(self, scenario_id: str) -> Scenario:
        return schema.by_id(self.scenarios, scenario_id, f"situation for {self.id!r}")


@dataclass(frozen=True)
class RepairMove:
    id: str = schema.ident()
    works: str = schema.text()
    cues: tuple[str, ...] = schema.texts()
    example: str = schema.text()


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@dataclass(frozen=True)
class PracticeData:
    """practice.yaml: limits, cue lists, messages, the three skills and the repair moves."""

    limits: Limits = schema.section(Limits)
    role_note: str = schema.text()
    cues: Cues = schema.section(Cues)
    messages: dict[str, str] = schema.text_map(MESSAGES)
    skills: tuple[Skill, ...] = schema.entries(Skill, "skill", ids=SKILLS, ordered=True)
    repair_moves: tuple[RepairMove, ...] = schema.entries(RepairMove, "repair move", ids=MOVES, ordered=True)

    def validate(self, at: schema.Where) -> None:
        for key, template in self.messages.items():
            unknown = _placeholders(template) - PLACEHOLDERS
            if unknown:
                at.inside("messages").fail(
                    key, f"unknown placeholder(s) {sorted(unknown)}; use only {{phrase}} and {{example}}"
                )
        if _placeholders(self.limits.too_long) != {"length", "limit"}:
            at.inside("limits").fail("too_long", "must use {length} and {limit}")
        for i, move in enumerate(self.repair_moves, start=1):
            if _placeholders(move.works) != {"phrase"}:
                at.entry("repair move", i, move.id).fail("works", "must quote the learner's words: {phrase}")
        for i, scenario in enumerate(self.skill("speaker_listener").scenarios, start=1):
            if not scenario.gist:
                at.inside("skill 1 ('speaker_listener')").entry("scenario", i, scenario.id).fail(
                    "gist", "is missing: list the words that show a reply picked up the message"
                )

    def skill(self, skill_id: str) -> Skill:
        return schema.by_id(self.skills, skill_id, "practice skill")

    def move(self, move_id: str) -> RepairMove:
        return schema.by_id(self.repair_moves, move_id, "repair move")


def load_settings(data_dir: Path = DATA_DIR) -> PracticeData:
    return schema.load("practice.yaml", PracticeData, data_dir)


def settings() -> PracticeData:
    return schema.cached(load_settings)


# --------------------------------------------------------------------------------------
# Tokens and phrases
# --------------------------------------------------------------------------------------

APOSTROPHES = "’‘ʼ`´＇′"  # what phones and word processors put where a ' was typed
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\n—–]|\s-\s")
_SENTENCE_END = re.compile(r"[.!?\n]")
_BREAK_WORDS = {"but", "and", "so", "although", "though", "yet", "because", "when"}
# Contractions typed without their apostrophe, read as their full words.
_SPELLINGS = {
    "dont": ("do", "not"),
    "doesnt": ("does", "not"),
    "didnt": ("did", "not"),
    "cant": ("can", "not"),
    "cannot": ("can", "not"),
    "wont": ("will", "not"),
    "isnt": ("is", "not"),
    "arent": ("are", "not"),
    "wasnt": ("was", "not"),
    "werent": ("were", "not"),
    "havent": ("have", "not"),
    "hasnt": ("has", "not"),
    "wouldnt": ("would", "not"),
    "couldnt": ("could", "not"),
    "shouldnt": ("should", "not"),
    "im": ("i", "am"),
    "ive": ("i", "have"),
    "youre": ("you", "are"),
    "youve": ("you", "have"),
    "theyre": ("they", "are"),
    "thats": ("that", "is"),
    "whats": ("what", "is"),
    "lets": ("let", "us"),
}
# Words after which "'s" is "is" ("it's"), not a possessive ("Mum's").
_IS_AFTER = {"it", "that", "what", "there", "here", "he", "she", "who", "where", "how", "this", "let"}
_NOT_STEMS = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}
# Little words that can follow "I feel" without being a word for a feeling ("I feel for you").
_GRAMMAR = frozenset(
    [
        "about",
        "for",
        "in",
        "at",
        "with",
        "to",
        "of",
        "it",
        "this",
        "and",
        "but",
        "so",
        "the",
        "a",
        "an",
        "if",
        "because",
        "after",
        "since",
        "as",
        "when",
        "while",
        "towards",
        "around",
        "me",
        "myself",
        "is",
        "was",
        "being",
        "not",
        "no",
        "never",
        "my",
        "your",
        "our",
        "i",
        "am",
        "up",
        "down",
        "on",
        "out",
        "okay",
        "ok",
        "today",
        "now",
        "then",
        "again",
    ]
)


def _could_be_feeling(word: str) -> bool:
    return word.isalpha() and word not in _GRAMMAR


@dataclass(frozen=True)
class Token:
    """A word as read (lower case, contractions expanded), and where it sits in the text."""

    word: str
    start: int
    end: int


def _expand(word: str) -> tuple[str, ...]:
    if "'" not in word:
        return _SPELLINGS.get(word, (word,))
    stem, _, tail = word.rpartition("'")
    if tail == "t" and stem.endswith("n"):
        base = stem[:-1]
        return (_NOT_STEMS.get(base, base), "not")
    if tail == "s":
        return (stem, "us") if stem == "let" else (stem, "is") if stem in _IS_AFTER else (stem,)
    full = {"re": "are", "m": "am", "ll": "will", "ve": "have", "d": "would"}.get(tail)
    return (stem, full) if full else (word.replace("'", ""),)


def normalise(text: str) -> str:
    """Lower case with straight apostrophes, one character for each of the text's characters
    (so places found in it are places in the text)."""
    lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate({ord(a): "'" for a in APOSTROPHES})


def tokens(text: str) -> list[Token]:
    """The words of ``text`` as the feedback reads them."""
    out = []
    for m in _WORD.finditer(normalise(text)):
        out += [Token(w, m.start(), m.end()) for w in _expand(m.group())]
    return out


@cache
def phrase(text: str) -> tuple[str, ...]:
    """A cue as words ("don't worry" -> ("do", "not", "worry"))."""
    return tuple(t.word for t in tokens(text))


@dataclass(frozen=True)
class Match:
    cue: str
    start: int  # token index of the first word
    end: int  # token index after the last word


def find(toks: Sequence[Token], cues: Iterable[str]) -> list[Match]:
    """Every place a cue occurs, in text order; where cues overlap, the longest wins."""
    words = [t.word for t in toks]
    found = []
    for cue in cues:
        want = phrase(cue)
        if not want:
            continue
        n = len(want)
        found += [Match(cue, i, i + n) for i in range(len(words) - n + 1) if tuple(words[i : i + n]) == want]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Match] = []
    for m in found:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def match_at(toks: Sequence[Token], i: int, cues: Iterable[str]) -> Match | None:
    """The longest cue that starts at token ``i``."""
    words = tuple(t.word for t in toks)
    best = None
    for cue in cues:
        want = phrase(cue)
        if want and words[i : i + len(want)] == want and (best is None or len(want) > best.end - best.start):
            best = Match(cue, i, i + len(want))
    return best


def quote(text: str, toks: Sequence[Token], start: int, end: int) -> str:
    """The learner's own words from token ``start`` up to (not including) token ``end``."""
    end = max(start + 1, min(end, len(toks)))
    return text[toks[start].start : toks[end - 1].end]


def _break_between(text: str, toks: Sequence[Token], i: int) -> bool:
    """Does a clause end between token i-1 and token i?"""
    if i <= 0:
        return True
    return bool(_CLAUSE_BREAK.search(text[toks[i - 1].end : toks[i].start])) or toks[i].word in _BREAK_WORDS


def clause_end(text: str, toks: Sequence[Token], i: int, most: int = 8) -> int:
    """Token index where the clause that token ``i`` is in ends (at most ``most`` words on)."""
    j = i + 1
    while j < len(toks) and j < i + most and not _break_between(text, toks, j):
        j += 1
    return j


def negated(text: str, toks: Sequence[Token], i: int, negations: Iterable[str], window: int = 4) -> bool:
    """Is token ``i`` turned round by a negation just before it, in the same clause?"""
    words = {phrase(n)[-1] for n in negations if phrase(n)}
    k = i
    while k > 0 and i - k < window:
        if _break_between(text, toks, k):
            return False
        k -= 1
        if toks[k].word in words:
            return True
    return False


def sentence_starts(text: str, toks: Sequence[Token]) -> list[int]:
    """Token indexes that begin a sentence."""
    return [
        i for i in range(len(toks)) if i == 0 or _SENTENCE_END.search(text[toks[i - 1].end : toks[i].start])
    ]


def questions(text: str) -> list[str]:
    """The questions in the text, each as written (without its question mark)."""
    parts = re.split(r"(?<=[.!?\n])", text)
    return [p.strip().rstrip("?").strip() for p in parts if p.strip().endswith("?")]


# --------------------------------------------------------------------------------------
# Feedback
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """One thing the feedback says: ``kind`` is "works", "try" or "care" (a word about safety,
    shown first and apart from the skill notes; the distress message comes alone, instead of
    any skill feedback)."""

    id: str
    kind: str
    text: str


@dataclass(frozen=True)
class Feedback:
    """What works and what to try, for one sentence; ``example`` is a worked example for the
    situation practised."""

    skill: str
    sentence: str
    notes: tuple[Note, ...]
    example: str = ""

    @property
    def works(self) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if n.kind == "works")

    @property
    def tries(self) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if n.kind == "try")

    @property
    def care(self) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if n.kind == "care")

    @property
    def distress(self) -> bool:
        """Did the words look like distress or danger (so there is no skill feedback)?"""
        return any(n.id == "distress" for n in self.notes)

    @property
    def ids(self) -> set[str]:
        return {n.id for n in self.notes}


def feeling_words(data: PracticeData, taxonomy: vocabulary.Taxonomy) -> tuple[str, ...]:
    """The course's feeling words: the wheel's words and core feelings, and everyday ones."""
    words = [w.word for w in taxonomy.words] + [c.label for c in taxonomy.cores]
    words += list(data.cues.everyday_feelings)
    seen: dict[str, str] = {}
    for w in words:
        seen.setdefault(w.casefold(), w)
    return tuple(seen.values())


def clean_sentence(sentence: Any, data: PracticeData) -> str:
    """The learner's sentence, trimmed; a clear message when there is nothing or too much."""
    if sentence is None:
        sentence = ""
    if not isinstance(sentence, str):
        raise ValueError(f"The sentence must be text, got {type(sentence).__name__}.")
    limit = data.limits.max_chars
    if len(sentence) > limit * 4:  # far too long: say so before looking at it at all
        raise ValueError(data.limits.too_long.format(length=f"{len(sentence):,}", limit=f"{limit:,}"))
    sentence = sentence.strip()
    if not tokens(sentence):
        raise ValueError(data.limits.empty)
    if len(sentence) > limit:
        raise ValueError(data.limits.too_long.format(length=f"{len(sentence):,}", limit=f"{limit:,}"))
    return sentence


class _Reader:
    """One sentence read against the cue lists; collects the notes as it goes."""

    def __init__(self, text: str, data: PracticeData, taxonomy: vocabulary.Taxonomy, example: str):
        self.text = text
        self.data = data
        self.cues = data.cues
        self.toks = tokens(text)
        self.example = example
        self.taxonomy = taxonomy
        self.notes: list[Note] = []

    def note(self, note_id: str, kind: str, phrase: str = "", example: str | None = None) -> None:
        if any(n.id == note_id for n in self.notes):
            return
        template = self.data.messages[note_id]
        words = template.format(phrase=phrase, example=self.example if example is None else example)
        self.notes.append(Note(note_id, kind, words))

    def q(self, start: int, end: int) -> str:
        return quote(self.text, self.toks, start, end)

    def q_clause(self, m: Match, most: int = 10) -> str:
        """The cue and the rest of its clause (up to ``most`` words), as written; "…" when the
        clause goes on."""
        end = max(m.end, clause_end(self.text, self.toks, m.end - 1, most))
        more = end < len(self.toks) and not _break_between(self.text, self.toks, end)
        return self.q(m.start, end) + ("…" if more else "")

    def find(self, cues: Iterable[str]) -> list[Match]:
        return find(self.toks, cues)

    def affirmed(self, cues: Iterable[str]) -> list[Match]:
        """Matches not turned round by a negation just before them."""
        return [m for m in self.find(cues) if not negated(self.text, self.toks, m.start, self.cues.negations)]

    # -- feelings -------------------------------------------------------------------------

    def feelings(self, *, own: bool) -> bool:
        """Look for a feeling; note it, or (``own``: the learner's own) say what to try instead."""
        matches = self.find(feeling_words(self.data, self.taxonomy))
        named = [m for m in matches if not negated(self.text, self.toks, m.start, self.cues.negations)]
        turned = [m for m in matches if m not in named]
        thought, done_to, serious, unknown = self._after_feel()
        if named:
            self.note("feeling" if own else "listener_feeling", "works", self.q(named[0].start, named[0].end))
        if not own:
            return bool(named)
        if serious:
            self.note("done_to_me_serious", "care", serious)
        elif thought:
            self.note("thought_as_feeling", "try", thought)
        if done_to:
            self.note("done_to_me", "try", done_to)
        if named or thought or done_to or serious:
            return bool(named)
        if turned:
            self.note("feeling_negated", "try", self.q(turned[0].start, turned[0].end))
        elif unknown:
            self.note("feeling_unknown", "try", unknown)
        else:
            self.note("feeling_missing", "try")
        return False

    def _after_feel(self) -> tuple[str, str, str, str]:
        """What follows "I feel": a thought, something done to me (everyday, or serious, also
        inside a thought: "I feel like I'm being controlled"), or a word the course does not
        list (each as quoted words, or "")."""
        thought = done_to = serious = unknown = ""
        feelings = feeling_words(self.data, self.taxonomy)
        for i, tok in enumerate(self.toks):
            if tok.word not in {phrase(v)[0] for v in self.cues.feel_verbs if phrase(v)}:
                continue
            j = i + 1
            while j < len(self.toks) and (soft := match_at(self.toks, j, self.cues.softeners)):
                j = soft.end
            if j >= len(self.toks) or _break_between(self.text, self.toks, j):
                continue
            start = i - 1 if i > 0 and self.toks[i - 1].word == "i" else i
            if m := match_at(self.toks, j, self.cues.thought_markers):
                end = clause_end(self.text, self.toks, m.end, 6)
                inside = find(self.toks[m.end : end], self.cues.serious_done_to_me)
                if inside:
                    serious = serious or self.q(start, m.end + inside[0].end)
                thought = thought or self.q(start, end)
            elif m := match_at(self.toks, j, self.cues.serious_done_to_me):
                serious = serious or self.q(start, m.end)
            elif m := match_at(self.toks, j, self.cues.done_to_me):
                done_to = done_to or self.q(start, m.end)
            elif match_at(self.toks, j, feelings) is None and _could_be_feeling(self.toks[j].word):
                unknown = unknown or self.q(j, j + 1)
        return thought, done_to, serious, unknown

    # -- what the other person may hear as blame --------------------------------------------

    def blame_family(self) -> None:
        if m := next(iter(self.find(self.cues.absolutes)), None):
            self.note("absolute", "try", self.q(m.start, m.end))
        labels = [m for m in self.find(self.cues.labels) if not self._describes(m)]
        if labels:
            self.note("label", "try", self.q_clause(labels[0], 4))
        label_starts = {m.start for m in labels}
        starts = sentence_starts(self.text, self.toks)
        nots = {phrase(n)[-1] for n in self.cues.negations}
        charges = {m.start for m in self.find((*self.cues.absolutes, *self.cues.you_blame_markers))}
        charges |= {i for i, t in enumerate(self.toks) if t.word in nots}
        for s, end in zip(starts, [*starts[1:], len(self.toks)], strict=True):
            opens = self.toks[s].word in ("you", "your") and s not in label_starts
            if opens and charges & set(range(s, end)):
                self.note("you_blame", "try", self.q(s, clause_end(self.text, self.toks, s, 6)))
                break
        if m := next(iter(self.find(self.cues.blame)), None):
            self.note("blame", "try", self.q_clause(m, 5))

    def _describes(self, m: Match) -> bool:
        """Is this "you are" followed by what happened ("on your phone", "working") rather than
        a description of the person?"""
        j = m.end
        while j < len(self.toks) and (soft := match_at(self.toks, j, self.cues.softeners)):
            j = soft.end
        you_are = phrase(m.cue) == ("you", "are")
        if j >= len(self.toks) or _break_between(self.text, self.toks, j):
            return you_are  # "You are." on its own is not a label; "your problem." is
        if you_are and self.toks[j].word.endswith("ing"):
            return True
        return match_at(self.toks, j, self.cues.label_exceptions) is not None

    def demands(self) -> None:
        if m := next(iter(self.find(self.cues.demands)), None):
            self.note("demand", "try", self.q_clause(m, 6))

    def slip(self, slip_id: str) -> Match | None:
        """The first place a listener slip occurs; "calm down" inside a pause ("can we both
        calm down for ten minutes?") is a fair repair move, not dismissing."""
        found = self.find(self.cues.slip(slip_id).cues)
        if slip_id == "dismissing":
            pauses = self.find(self.data.move("pause").cues)
            found = [m for m in found if not any(p.start < m.end and m.start < p.end for p in pauses)]
        return next(iter(found), None)

    def distress(self) -> bool:
        """Words that may mean the learner is in distress or in danger: if any is found, the
        feedback is only the distress message (no skill notes, no worked example)."""
        found = self.affirmed(self.cues.distress) + self.find(self.cues.distress_always)
        if found:
            self.notes = []
            self.note("distress", "care")
        return bool(found)


def _i_statement(r: _Reader) -> None:
    r.feelings(own=True)
    # a situation cue with something after it: "when we went all week...", "on Friday"
    situation = [
        m
        for m in r.find(r.cues.situation)
        if m.end - m.start > 1 or clause_end(r.text, r.toks, m.end - 1, 9) - m.end >= 2
    ]
    if situation:
        r.note("situation", "works", r.q_clause(situation[0], 7))
    else:
        r.note("situation_missing", "try")
    if requests := r.affirmed(r.cues.requests):
        r.note("request", "works", r.q_clause(requests[0], 6))
    else:
        r.note("request_missing", "try")
    r.blame_family()
    r.demands()


def _speaker_listener(r: _Reader, scenario: Scenario) -> None:
    if paraphrase := r.find(r.cues.paraphrase):
        r.note("paraphrase", "works", r.q_clause(paraphrase[0], 12))
    else:
        r.note("paraphrase_missing", "try")
    if gist := r.find(scenario.gist):
        r.note("gist", "works", r.q(gist[0].start, gist[0].end))
    else:
        r.note("gist_missing", "try")
    r.feelings(own=False)
    asked = questions(r.text)
    tags = {phrase(t) for t in r.cues.check_tags}
    tagged = [q for q in asked if any(phrase(q)[-len(t) :] == t for t in tags if t)]
    if checks := r.find(r.cues.check_questions):
        r.note("check", "works", r.q(checks[0].start, checks[0].end))
    elif tagged:
        r.note("check", "works", tagged[-1] + "?")
    elif asked:
        r.note("question_not_check", "try", asked[-1] + "?")
    else:
        r.note("check_missing", "try")
    for slip in r.cues.listener_slips:
        if m := r.slip(slip.id):
            r.note(slip.id, "try", r.q_clause(m, 5))


def _repair(r: _Reader) -> None:
    sorry_not_sorry = r.find(r.cues.non_apology)
    if sorry_not_sorry:
        r.note("non_apology", "try", r.q_clause(sorry_not_sorry[0], 6))
    inside = {i for m in sorry_not_sorry for i in range(m.start, m.end)}
    used = []
    for move in r.data.repair_moves:
        found = [m for m in r.affirmed(move.cues) if m.start not in inside]
        if found:
            used.append(move.id)
            words = move.works.format(phrase=r.q_clause(found[0], 6))
            r.notes.append(Note(f"move_{move.id}", "works", words))
    if not used:
        r.note("repair_missing", "try")
    elif len(used) == 1:
        # a second move that fits whoever was at fault: reassurance or a fresh start first; an
        # apology only offered as "if you had a part in it" (the learner may not have snapped)
        order = ("reassure", "restart", "name_it", "pause")
        offer = next(m for m in order if m not in used)
        r.note("repair_one_more", "try", example=r.data.move(offer).example)
        if "own_part" not in used:
            r.note("repair_own_part", "try", example=r.data.move("own_part").example)
    if "pause" in used and not r.find(r.cues.pause_return):
        r.note("pause_return_missing", "try", example=r.data.move("pause").example)
    r.blame_family()
    r.demands()
    if m := r.slip("dismissing"):
        r.note("dismissing", "try", r.q_clause(m, 5))


def check(
    skill_id: str,
    sentence: Any,
    scenario_id: str | None = None,
    data: PracticeData | None = None,
    taxonomy: vocabulary.Taxonomy | None = None,
) -> Feedback:
    """Read a learner's sentence for one skill: what works, and what to try, with examples.

    ``scenario_id`` is the situation practised (the first one when None): its worked example
    is the one offered, and for the listener's turn its words are what the reply should pick
    up. Empty, too long or non-text input raises a ValueError whose message a learner can act on.
    Words that may mean distress or danger get only a caring message (kind "care"), and no
    skill feedback or worked example: a practice page should not coach someone who is hurting.
    """
    data = data or settings()
    taxonomy = taxonomy or vocabulary.taxonomy()
    skill = data.skill(skill_id)
    scenario = skill.scenario(scenario_id) if scenario_id else skill.scenarios[0]
    text = clean_sentence(sentence, data)
    reader = _Reader(text, data, taxonomy, scenario.example)
    if reader.distress():
        return Feedback(skill.id, text, tuple(reader.notes), "")
    if skill.id == "i_statement":
        _i_statement(reader)
    elif skill.id == "speaker_listener":
        _speaker_listener(reader, scenario)
    else:
        _repair(reader)
    order = ("care", "works", "try")
    notes = sorted(reader.notes, key=lambda n: order.index(n.kind))  # stable: found order kept
    return Feedback(skill.id, text, tuple(notes), scenario.example)


def practice_payload(
    feedback: Feedback, scenario_id: str | None = None, data: PracticeData | None = None
) -> dict[str, Any]:
    """The journal payload for a practice sentence: plain words that any reader of the journal
    (the review, the export, the printable workbook) can show as they are."""
    data = data or settings()
    skill = data.skill(feedback.skill)
    scenario = skill.scenario(scenario_id) if scenario_id else skill.scenarios[0]
    return {
        "skill": skill.id,
        "skill_title": skill.title,
        "scenario": scenario.id,
        "situation": f"{scenario.who}: {scenario.text}",
        "sentence": feedback.sentence,
        "works": [n.text for n in feedback.works],
        "try": [n.text for n in feedback.tries],
        "care": [n.text for n in feedback.care],
    }


def summary(feedback: Feedback) -> str:
    """One line about the feedback as a whole, for a screen reader's first words."""
    if feedback.distress:
        return "A note about what you wrote, instead of practice feedback."
    works, tries = len(feedback.works), len(feedback.tries)
    if not tries:
        return f"Your sentence does {works} thing{'s' * (works != 1)} this skill asks for. Nothing to add."
    if not works:
        return f"Here {'is' if tries == 1 else 'are'} {tries} thing{'s' * (tries != 1)} to try."
    return (
        f"Your sentence does {works} thing{'s' * (works != 1)} this skill asks for; "
        f"{tries} thing{'s' * (tries != 1)} to try."
    )
