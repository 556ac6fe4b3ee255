"""The event stage: code PLOVER/CAMEO events from the sentences of a parsed Doc.

A trigger (verb, verb + particle, light verb + object noun, or event noun from
the lexicon) is found per token; its arguments come from the dependency tree —
subject, object, prepositional recipients, passive agents, coordination,
relative clauses, control verbs and reported speech — and are mapped to the
Entities the actors stage put on the Doc.  Auxiliary modes (negation, future,
hypothetical) come from auxiliaries, negators and governing verbs.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.attrs import DEP, LEMMA, POS, TAG
from spacy.tokens import Doc, Span, Token

from .about import __version__
from .actordata import NON_STATE
from .lexicon import Cues, Lexicon, Trigger
from .nlp import doc_text
from .ontology import Ontology
from .records import Entity, Event, TextInfo

__all__ = ["EventCoder"]

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "dative", "iobj", "obj"}
DESCRIPTIONS = {"appos", "acl", "relcl", "advcl"}
NOUN_POS = {"NOUN", "PROPN"}
PRONOUNS_PERSON = {"he", "she", "him", "her", "his"}
PRONOUNS_GROUP = {"it", "they", "them", "its", "their", "we", "our", "us"}
FIRST_PERSON = {"i", "we", "us"}
WOULD = {"would", "'d"}
SECOND_PREDICATES = {"oprd", "ccomp", "xcomp"}
ADVERB_PARTICLES = {"away", "out", "back", "off"}  # parsed as adverbs, they carry a preposition
OBJECT_PARTICLES = {"from"}  # a preposition of the verb that the parse may hang on the object
JOINT_CAMEO = "062"
WORD = re.compile(r"[^\W_]+")  # a run of letters and digits
STRING_CACHE_SIZE = 200_000  # vocabulary strings the coder keeps between Docs
# how an event's actor was found (_Args.how) -> the share of the trigger's confidence kept
HOW_CONFIDENCE = {"direct": 1.0, "inherited": 0.9, "governor": 0.85, "noun": 0.85,
                  "received": 0.85, "pronoun": 0.8, "implied": 0.7, "sentence": 0.5}


@dataclass
class _Args:
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    how: str = "direct"  # direct, inherited, pronoun, governor, noun, received, implied, sentence
    recipient_guessed: bool = False  # taken from the sentence, not the parse


@dataclass
class _Candidate:
    token: Token
    trigger: Trigger
    trigger_tokens: list[Token]
    target: Token | None = None  # what a label is put on ('called the deal a mistake')
    source: Token | None = None  # who does it, when a rule found it ('donated by Japan')
    counted: bool = False  # the object came with an amount ('pledged $5 billion in aid')
    args: _Args | None = field(default=None, compare=False)  # found once (see _arguments)


@dataclass(frozen=True)
class _DocView:
    """A Doc's text and per-token lower-case lemmas, tags and dependency labels, and where
    the context phrases occur in its text."""
    doc: Doc | None
    text: str
    lemmas: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    phrases: list[tuple[int, int, int]]  # (phrase number, start, end) in phrase order
    actor_at: dict[int, list[Entity]]  # the actor stage's results (see dotterel.actors)
    actors: list[Entity]
    places: list[Entity]


NO_VIEW = _DocView(None, "", [], [], [], [], [], {}, [], [])  # before the first Doc


class EventCoder:
    """Codes events on Docs that carry actor entities (see :mod:`dotterel.actors`)."""

    def __init__(self, lexicon: Lexicon, ontology: Ontology,
                 modifiers: dict[str, str] | None = None) -> None:
        self.lexicon = lexicon
        self.onto = ontology
        # country adjectives that are not actors themselves ("Russian LNG") but say whose
        # the argument is: surface form -> country code
        self.modifiers = modifiers or {}
        assert lexicon.cues is not None
        self.cues: Cues = lexicon.cues
        self.version = f"{__version__}+{lexicon.digest}"
        self.stats: dict[str, int] = {"no_actor": 0, "absorbed": 0, "coded": 0}
        self._context_words, self._context_phrases = _context_index(ontology)
        self._phrase_list = list(self._context_phrases.items())
        self._phrase_starts: dict[str, list[int]] = {}  # first word -> phrase numbers
        for k, (phrase, _) in enumerate(self._phrase_list):
            first = WORD.match(phrase)  # every context phrase starts with a word
            self._phrase_starts.setdefault(first[0] if first else phrase, []).append(k)
        self._last_sentence: tuple[tuple[Doc | None, int, int], list[str]] = ((None, 0, 0), [])
        self._view = NO_VIEW
        self._lower_strings: dict[int, str] = {}  # hash -> lower-case string (lemmas)
        self._plain_strings: dict[int, str] = {}  # hash -> string (tags, labels)
        cues = self.cues  # lemmas that can start a verb trigger or a verb rule
        self._verb_words = (set(lexicon.verbs) | cues.speech_verbs | cues.characterising_verbs
                            | cues.retort_verbs | cues.command_verbs)
        # the last words of the compound nouns: only such a noun can be read as one
        self._compound_heads = {k.rsplit(" ", 1)[-1] for k in self.cues.compound_nouns}

    # ------------------------------------------------------------ top level

    def __call__(self, doc: Doc, doc_id: str, published: date | None = None) -> list[Event]:
        events: list[Event] = []
        self._view = NO_VIEW  # read the Doc afresh
        _forget_children()
        for seq, sent in enumerate(doc.sents):
            events.extend(self.code_sentence(doc, sent, seq, doc_id, published, events))
        return events

    def code_sentence(self, doc: Doc, sent: Span, seq: int, doc_id: str,
                      published: date | None, earlier: list[Event] | None = None) -> list[Event]:
        candidates = self._candidates(sent)
        trig_at = {c.token.i: c for c in candidates}
        out: list[Event] = []
        kept: list[_Candidate] = []
        fallback: bool | None = None  # whether the sentence can give an actor, once asked
        for cand in candidates:
            if self._absorbed(cand, trig_at):
                self.stats["absorbed"] += 1
                continue
            event = self._event(doc, sent, seq, cand, doc_id, len(out), published)
            if event is None and fallback is None:
                fallback = self._fallback_possible(doc, sent, candidates)
            if event is None and fallback and self._main_clause(cand.token) and \
                    cand.trigger.pos == "verb" and \
                    not any(c.dep_ in SUBJECTS and c.i in trig_at for c in _kids(cand.token)):
                # the main clause's event is the news: a parse that links no actor to it
                # does not let the sentence's lesser events stand in for it — unless its
                # subject is itself the event ('an air strike by the coalition hit a bus')
                event = self._event(doc, sent, seq, cand, doc_id, len(out), published,
                                    fallback=True)
            if event is None:
                continue
            event = self._referent_recipient(event, cand, [*(earlier or ()), *out])
            twin = _same_event(out, kept, event, cand)
            if twin is not None:
                out[twin] = _merged(out[twin], event)
                continue
            out.append(event)
            kept.append(cand)
        if not out and candidates and fallback:
            event = self._fallback_event(doc, sent, seq, candidates, trig_at, doc_id, published)
            if event is not None:
                out.append(event)
        return out

    def _crowd_word(self, ent: Entity) -> bool:
        """Whether an actor is named as a protesting crowd ('anti-government protesters')."""
        words = re.findall(r"[a-z]+", (ent.entity_text or "").lower())
        return bool(words) and any(w.rstrip("s") in self.cues.crowd_words for w in words[-2:])

    def _main_clause(self, tok: Token) -> bool:
        """The sentence's root, or what a root verb of saying reports ('Three soldiers were
        killed in an ambush, police said')."""
        return tok.dep_ == "ROOT" or tok.dep_ == "ccomp" and tok.head.dep_ == "ROOT" and \
            tok.head.lemma_.lower() in self.cues.speech_verbs

    def _fallback_possible(self, doc: Doc, sent: Span, candidates: list[_Candidate]) -> bool:
        """Whether a fallback event could find its actor: the sentence names one, or
        places an unnamed crowd (see ``_sentence_actor``)."""
        if any(sent.start_char <= e.start < sent.end_char for e in self._read(doc).actors):
            return True
        return any(c.trigger.type in self.cues.crowd_types for c in candidates) and any(
            sent.start_char <= e.start < sent.end_char for e in self._read(doc).places)

    def _fallback_event(self, doc: Doc, sent: Span, seq: int, candidates: list[_Candidate],
                        trig_at: dict[int, _Candidate], doc_id: str,
                        published: date | None) -> Event | None:
        """A sentence with a trigger but no event: code its main trigger with the
        sentence's first actor when the parse links none ('Two soldiers were killed in
        an attack Kyiv blamed on Moscow'), at lower confidence (``how: sentence``)."""
        usable = [c for c in candidates if not self._absorbed(c, trig_at)]
        if not usable:
            return None
        usable.sort(key=lambda c: (c.trigger.pos != "verb", _depth(c.token), c.token.i))
        for main in usable:  # verbs first, then the one nearest the root, until one codes
            event = self._event(doc, sent, seq, main, doc_id, 0, published, fallback=True)
            if event is not None:
                return event
        return None

    # ------------------------------------------------------------ triggers

    def _candidates(self, sent: Span) -> list[_Candidate]:
        found: list[_Candidate] = []
        consumed: set[int] = set()
        nouns: list[Token] = []
        doc = sent.doc
        view = self._read(doc)
        lemmas, pos_of, tag_of, dep_of = view.lemmas, view.pos, view.tag, view.dep
        noun_words, verb_words = self.lexicon.nouns, self._verb_words
        marks = self.cues.ultimatum_marks
        ultimatum_heads = {doc[i].head.head.i for i in range(sent.start, sent.end)
                           if lemmas[i] in marks and dep_of[i] == "mark"
                           and doc[i].head.dep_ == "advcl"} if not marks.isdisjoint(
            lemmas[sent.start:sent.end]) else set()
        for i in range(sent.start, sent.end):  # a Token is made only for a possible trigger
            pos, lemma = pos_of[i], lemmas[i]
            if pos in NOUN_POS:
                if lemma in noun_words or lemma in self._compound_heads or \
                        lemma in self.cues.demand_nouns:
                    nouns.append(doc[i])
                elif pos == "NOUN" and lemma.endswith("ing"):
                    gerund = self._verb_trigger(doc[i])  # 'completed handing over…'
                    if gerund:
                        found.append(gerund)
                        consumed.update(t.i for t in gerund.trigger_tokens)
                continue
            dep = dep_of[i]
            if dep == "amod" or dep == "acl" and tag_of[i] == "VBN" and \
                    lemma in self.cues.stance_participles:
                continue  # 'the disputed islands', 'rioters opposed to…': a description
            participle = pos == "ADJ" and tag_of[i] == "VBN"
            if not participle and (pos not in {"VERB", "AUX"} or lemma not in verb_words):
                # verbs no entry names can still carry a rule: 'a plane carrying aid landed
                # in Sanaa', 'Iran will resume enriching uranium unless …'
                ruled = self._arrival(doc[i]) if pos == "VERB" and \
                    lemma in self.cues.arrival_verbs else \
                    self._ultimatum(doc[i]) if i in ultimatum_heads else None
                if ruled is not None:
                    found.append(ruled)
                    consumed.update(t.i for t in ruled.trigger_tokens)
                continue
            tok = doc[i]
            if self._orders_act(tok):
                continue  # 'ordered Mubarak detained': the detention is the event
            if lemma in self.cues.restating_participles and dep == "advcl" and \
                    tag_of[i] == "VBG" and not any(c.dep_ in SUBJECTS for c in _kids(tok)):
                continue  # '…, retaliating against London's decision': the main act is it
            cand = self._offence(tok) or self._label(tok) or self._obligation(tok) or \
                self._forced_flight(tok) or self._arrival(tok) or \
                self._menace(tok) or \
                self._deadline(tok) or self._verb_trigger(tok) or self._retort(tok) or \
                (self._ultimatum(tok) if i in ultimatum_heads else None)
            if (cand is None or not cand.trigger.objects) and \
                    lemma in self.cues.command_verbs:
                cand = self._command(tok, cand)
            if cand is not None and not cand.trigger.objects and (lemma in \
                    self.cues.attempt_verbs and any(c.dep_ == "xcomp" for c in _kids(tok))
                    or self._pressed_on(tok)):
                cand = None  # 'sought to strengthen ties', 'pressed ahead with': no request
            if cand:
                found.append(cand)
                consumed.update(t.i for t in cand.trigger_tokens)
        actor_at = view.actor_at
        for tok in nouns:
            if tok.dep_ == "compound" and tok.head.i in actor_at:
                continue  # 'riot police', 'aid workers': a kind of actor, not an event
            if tok.lemma_.lower() in self.cues.intent_nouns and any(
                    c.dep_ == "acl" and _to_clause(c) for c in _kids(tok)) and all(
                    e.type != "AGREE" for e in self.lexicon.nouns.get(tok.lemma_.lower(), ())):
                continue  # 'its readiness to open the sites': an intent, not an alert
            if tok.i not in consumed and not self._invitation(tok):
                call = self._call_for(tok)
                entries = self.lexicon.nouns.get(self._noun_lemma(tok))
                if call is not None:
                    found.append(call)
                elif entries and not (tok.pos_ == "PROPN" and tok.ent_type_):
                    found.append(_Candidate(tok, entries[-1], [tok]))
        found.sort(key=lambda c: c.token.i)
        return found

    def _courtesy_call(self, cand: _Candidate) -> bool:
        """'called on President Mbeki in Pretoria': calling on someone with nothing asked of
        them (no 'to' clause, no 'for') is a visit."""
        verb = cand.token
        if cand.trigger.lemma != "call" or cand.trigger.particle not in {"on", "upon"}:
            return False
        heads = [verb, *(g for c in _kids(verb) if c.dep_ == "prep" for g in _kids(c))]
        return not any(c.dep_ in {"xcomp", "ccomp", "advcl", "acl", "relcl"} or
                       c.dep_ == "prep" and c.lower_ == "for" for h in heads for c in _kids(h))

    def _pressed_on(self, verb: Token) -> bool:
        """'pressed ahead with', 'went ahead with', 'pushed on with': carrying on with an act,
        which is the event, not a demand (cues ``carry_on_verbs``, ``carry_on_adverbs``)."""
        return verb.lemma_.lower() in self.cues.carry_on_verbs and any(
            c.dep_ in {"advmod", "prt"} and c.lower_ in self.cues.carry_on_adverbs
            for c in _kids(verb))

    def _call_for(self, noun: Token) -> _Candidate | None:
        """'calls for his release', 'a call to free the reporters': a call (cues
        ``demand_nouns``) for something or to do something is a demand, not a phone call."""
        if noun.lemma_.lower() not in self.cues.demand_nouns or noun.pos_ != "NOUN":
            return None
        clauses = list(_kids(noun))
        if noun.dep_ in OBJECTS and noun.head.lemma_.lower() in self.cues.receiving_verbs:
            # 'faced calls from Japan to free …': the clause hangs on the verb
            clauses += [c for c in _kids(noun.head) if c.dep_ == "advcl"]
        if not any(c.dep_ == "prep" and c.lower_ == "for" or c.dep_ in {"acl", "relcl", "advcl"}
                   and _to_clause(c) for c in clauses):
            return None
        trig = _rule("call", noun, self.cues.demand_call, 0.6, recipient_preps=("to", "on"),
                     pos="noun")
        return _Candidate(noun, trig, [noun])

    def _through_amount(self, obj: Token | None) -> Token | None:
        """'$10 million in assistance', 'thousands of fighters': the thing, not the amount."""
        if obj is None or obj.lemma_.lower() not in self.cues.amount_words:
            return obj
        for prep in _kids(obj):
            if prep.dep_ == "prep" and prep.lower_ in {"of", "in", "worth"}:
                thing = next((g for g in _kids(prep) if g.dep_ == "pobj"), None)
                if thing is not None and thing.pos_ in NOUN_POS:
                    return thing
        return obj

    def _priced(self, noun: Token | None) -> bool:
        """Whether a noun carries a sum of money or a count ('a $50 billion loan')."""
        return noun is not None and any(
            c.dep_ == "nummod" and any(g.tag_ == "$" or g.lemma_.lower() in
                                       self.cues.amount_words for g in c.subtree)
            for c in _kids(noun))

    def _is_sum(self, noun: Token | None) -> bool:
        """'pledged 100 million yen': the object is a sum itself."""
        amounts = self.cues.amount_words
        return noun is not None and noun.lemma_.lower() in amounts and any(
            t.tag_ == "$" or t.lemma_.lower() in amounts for t in noun.subtree if t.i != noun.i)

    def _noun_lemma(self, tok: Token) -> str:
        """The lexicon lemma of a noun; 'phone call' is 'phonecall' (cues compound_nouns)."""
        lemma = tok.lemma_.lower()
        if lemma not in self._compound_heads:
            return lemma
        for c in _kids(tok):
            if c.dep_ in {"compound", "amod"}:
                joined = self.cues.compound_nouns.get(f"{c.lower_} {lemma}")
                if joined:
                    return joined
        return lemma

    def _object_lemmas(self, noun: Token) -> set[str]:
        """An object's lemma and its compound reading ('war games' is also 'wargame'); a
        named person also by the title before the name ('Foreign Minister Wang Yi')."""
        found = {noun.lemma_.lower(), self._noun_lemma(noun)}
        if noun.pos_ == "PROPN":
            found.update(c.lemma_.lower() for c in _kids(noun) if c.dep_ == "compound")
        return found

    def _verb_trigger(self, tok: Token) -> _Candidate | None:
        entries = self.lexicon.verbs.get(tok.lemma_.lower()) or self._participle_entries(tok)
        if not entries:
            return None
        kids = list(_kids(tok))
        particles: dict[str, Token] = {}
        for c in kids:  # a preposition of time gives way: 'called on Israel on Friday'
            if (c.dep_ in {"prt", "prep", "agent"} or (
                    c.dep_ == "advmod" and c.lower_ in self.cues.particles_as_advmod)) and (
                    c.lower_ not in particles or not _when(c)):
                particles[c.lower_] = c
        doc = tok.doc
        if tok.i + 1 < len(doc):
            after = doc[tok.i + 1]  # 'handed over 230 prisoners': the parse took 'over' for
            if after.lower_ in self.cues.particles_as_advmod and \
                    after.pos_ in {"ADP", "ADV", "PART"}:  # 'more than'
                particles.setdefault(after.lower_, after)
        patient = self._ordered_patient(tok)
        direct = _object_noun(tok) if patient is None else patient
        if direct is not None and any(e.particle in OBJECT_PARTICLES for e in entries):
            for noun in (direct, *_conjuncts(direct)):  # 'suspended Russian teams and clubs
                for c in _kids(noun):  # from all competitions'
                    if c.dep_ == "prep" and c.lower_ in OBJECT_PARTICLES:
                        particles.setdefault(c.lower_, c)
        obj = self._through_amount(direct)
        obj_lemmas = self._object_lemmas(obj) if obj is not None else set()
        joined = self._noun_lemma(obj) if obj is not None else ""
        near: list[tuple[Token | None, set[str]]] = []  # the noun after the verb, when needed
        second: list[Token] | None = None  # bare second predicates, when needed
        governed: dict[str, list[tuple[Token, str]]] = {}  # a preposition's objects, when needed
        if obj is not None and joined != obj.lemma_.lower():  # 'launched a general strike':
            entries = sorted(entries, key=lambda e: joined not in e.objects)  # compound first
        for entry in entries:  # most specific first
            tokens = [tok]
            if entry.particle and not entry.objects:
                if entry.particle not in particles or _when(particles[entry.particle]):
                    continue  # 'rounded up dozens on Thursday' is no 'round on'
                tokens.append(particles[entry.particle])
            if entry.objects:
                found: Token | None = None
                if not entry.objects.isdisjoint(obj_lemmas):
                    found = obj
                else:
                    if not near:
                        next_noun = _next_noun(tok)
                        near.append((next_noun, self._object_lemmas(next_noun)
                                     if next_noun is not None else set()))
                    if not entry.objects.isdisjoint(near[0][1]):
                        found = near[0][0]
                    else:  # 'declared two diplomats persona non grata', where the parse
                        # makes the predicate a clause of its own
                        if second is None:
                            second = [c for c in kids if c.dep_ in SECOND_PREDICATES
                                      and not _is_clause(c)]
                        found = next((c for c in second if c.lemma_.lower() in entry.objects),
                                     None)
                if found is None and entry.particle in particles:
                    # 'put Bogota on notice', 'took him into custody': the key noun is the
                    # object of the entry's preposition, the direct object is the party
                    if entry.particle not in governed:
                        governed[entry.particle] = [
                            (n, n.lemma_.lower()) for g in _kids(particles[entry.particle])
                            if g.dep_ == "pobj"
                            for n in dict.fromkeys((g, self._through_amount(g) or g))]
                    found = next((n for n, lemma in governed[entry.particle]
                                  if lemma in entry.objects), None)
                if found is None:
                    continue
                tokens.append(found)
                if entry.particle:  # 'expressed regret over': on the verb or on its object
                    prep = particles.get(entry.particle) or next(
                        (c for c in _kids(found)
                         if c.dep_ == "prep" and c.lower_ == entry.particle), None)
                    if prep is None:
                        continue
                    tokens.append(prep)
            # 'pledged $5 billion in aid' (obj is 'aid'), 'approved a $50 billion loan'
            counted = (obj is not direct or self._priced(obj)) if entry.objects else \
                self._is_sum(direct)
            return _Candidate(tok, entry, sorted(tokens, key=lambda t: t.i), counted=counted)
        return None

    def _offence(self, verb: Token) -> _Candidate | None:
        """'Human Rights Watch said Ethiopian troops had committed war crimes': to report that
        another party committed an offence is to accuse it (cues ``finding_verbs``,
        ``offence_verbs``, ``offences``, ``reported_offence``)."""
        cues = self.cues
        if verb.lemma_.lower() not in cues.finding_verbs:
            return None
        for clause in _kids(verb):
            if clause.dep_ != "ccomp" or clause.lemma_.lower() not in cues.offence_verbs:
                continue
            obj = _object_noun(clause)
            subject = next((c for c in _kids(clause) if c.dep_ in SUBJECTS), None)
            if obj is None or subject is None or obj.lemma_.lower() not in cues.offences or \
                    self._negated(clause):
                continue
            return _Candidate(verb, _rule("reported-offence", verb, cues.reported_offence, 0.6),
                              sorted([verb, clause, obj], key=lambda t: t.i), subject)
        return None

    def _label(self, verb: Token) -> _Candidate | None:
        """'called the deal a historic mistake', 'said the law was a clear breach': the
        speaker's judgement, ACCUSE or SUPPORT by the label's sense (see _cues.yaml)."""
        cues = self.cues
        lemma = verb.lemma_.lower()
        label = target = None
        negated = False
        if lemma in cues.characterising_verbs:
            for c in _kids(verb):
                if c.dep_ in {"oprd", "xcomp", "ccomp", "acomp", "attr"}:
                    label = c
                elif c.dep_ == "prep" and c.lower_ == "as":
                    label = next((g for g in _kids(c) if g.dep_ in {"pobj", "amod", "acomp"}),
                                 label)
                elif c.dep_ == "advcl" and any(g.lower_ == "as" for g in _kids(c)):
                    label = c  # 'described the talks as constructive', 'as' under the label
            target = next((c for c in _kids(verb) if c.dep_ in OBJECTS), None)
            if label is not None and target is None:  # 'branded the sanctions illegal',
                # or 'called the junta illegitimate' parsed as one noun phrase
                target = next((c for c in _kids(label)
                               if c.dep_ in SUBJECTS | {"compound"}), None)
        elif lemma in cues.speech_verbs:
            clause = next((c for c in _kids(verb) if c.dep_ == "ccomp" and
                           c.lemma_ == "be"), None)
            if clause is not None:
                label = next((c for c in _kids(clause) if c.dep_ in {"attr", "acomp"}), None)
                target = next((c for c in _kids(clause) if c.dep_ in SUBJECTS), None)
                negated = any(c.dep_ == "neg" for c in _kids(clause))
        if label is None or target is None:
            return None
        sense = self._sense(label)
        if sense == 0:
            return None
        positive = (sense > 0) != negated
        trig = _rule(f"label-{'positive' if positive else 'negative'}", verb,
                     cues.label_support if positive else cues.label_accuse, 0.6)
        return _Candidate(verb, trig, sorted([verb, label], key=lambda t: t.i), target)

    def _reported(self, verb: Token) -> list[tuple[Token, Token | None]]:
        """The clauses a verb of saying reports, each with its subject."""
        if verb.lemma_.lower() not in self.cues.speech_verbs:
            return []
        return [(clause, next((c for c in _kids(clause)
                               if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS), None))
                for clause in _kids(verb) if clause.dep_ == "ccomp"]

    def _obligation(self, verb: Token) -> _Candidate | None:
        """'Khamenei said the United States must lift all sanctions': what a speaker says
        another party must do is a demand of it (cues ``obligation``)."""
        for clause, subject in self._reported(verb):
            modal = next((c for c in _kids(clause) if c.dep_ == "aux"
                          and c.lower_ in self.cues.obligation_aux), None)
            if modal is None or any(c.dep_ == "neg" for c in _kids(clause)) or \
                    subject is not None and modal.i < subject.i:  # 'should Congress pass…':
                continue  # a condition, not a demand
            if subject is None or subject.lower_ in FIRST_PERSON or self._speakers_own(
                    verb, subject):
                return None
            target = subject if subject.dep_ in SUBJECTS else None
            return _Candidate(verb, _rule("obligation", verb, self.cues.obligation, 0.6),
                              sorted([modal, clause], key=lambda t: t.i), target)
        return None

    def _speakers_own(self, verb: Token, subject: Token) -> bool:
        """Whether a clause subject is the speaker itself ('Japan said it must ...')."""
        speakers = [c for c in _kids(verb) if c.dep_ in SUBJECTS]
        if subject.pos_ == "PRON":
            if any(c.dep_ in {"dobj", "dative"} and c.pos_ in {"PROPN", "NOUN"}
                   for c in _kids(verb)):
                return False  # 'told Boris Johnson that he should step down': the one told
            return subject.lower_ in PRONOUNS_GROUP | PRONOUNS_PERSON and bool(speakers)
        doc = verb.doc
        speaking = self._entities(doc, speakers)
        named = self._entities(doc, [subject])
        if not named or not {e.code for e in named} <= {e.code for e in speaking}:
            return False
        # one country on both sides: its own only along one chain of command or within one
        # sector ('opposition leaders said Milosevic must step down' is a demand)
        chain = self.cues.chain_of_command
        return all(e.sector in chain for e in speaking + named) or \
            {e.sector for e in named} <= {e.sector for e in speaking}

    def _menace(self, verb: Token) -> _Candidate | None:
        """'Moscow said Kyiv would pay a heavy price': a speaker foretelling another party's
        suffering threatens it (cues menace_phrases)."""
        cues = self.cues
        for clause, subject in self._reported(verb):
            if not any(c.dep_ == "aux" and (c.lower_ in cues.future_aux or c.lower_ in WOULD)
                       for c in _kids(clause)) and not self._conditional(clause):
                continue  # 'would pay a price', 'faces consequences if it invades'
            lemma = clause.lemma_.lower()
            obj = _object_noun(clause)
            said = {lemma} if obj is None else {lemma, f"{lemma} {obj.lemma_.lower()}"}
            for c in _kids(clause):  # 'be held responsible'
                if c.dep_ in {"acomp", "oprd", "xcomp"}:
                    said.add(f"{lemma} {c.lemma_.lower()}")
            if said.isdisjoint(cues.menace_phrases) or any(c.dep_ == "neg" for c in
                                                           _kids(clause)):
                continue
            if subject is not None and subject.dep_ != "expl" and \
                    self._speakers_own(verb, subject) and all(
                        e.sector in cues.chain_of_command
                        for e in self._entities(verb.doc, [subject])):
                return None  # its own forces; a government may menace its own opposition
            if subject is None or subject.dep_ == "expl":  # 'there would be consequences
                subject = next(iter(_prep_objects(obj, {"for"})), None) \
                    if obj is not None else None  # for China'
            return _Candidate(verb, _rule("menace", verb, cues.menace, 0.6),
                              [clause] if obj is None else
                              sorted([clause, obj], key=lambda t: t.i), subject)
        return None

    def _deadline(self, verb: Token) -> _Candidate | None:
        """'gave Sudan's rulers 15 days to hand over power': a time limit set on another
        party to act is an ultimatum (cues deadline_verbs, deadline_units, deadline)."""
        cues = self.cues
        if verb.lemma_.lower() not in cues.deadline_verbs:
            return None
        kids = list(_kids(verb))
        span = next((c for c in kids if c.dep_ in {"dobj", "npadvmod", "dative"}
                     and c.lemma_.lower() in cues.deadline_units
                     and any(n.dep_ in {"nummod", "det"} for n in _kids(c))), None)
        if span is None:
            return None
        act = next((c for t in (verb, span) for c in _kids(t)
                    if c.dep_ in {"advcl", "xcomp", "acl", "relcl"} and _to_clause(c)), None)
        party = next((c for c in kids if c.dep_ in {"dobj", "dative", "iobj"} and c is not span),
                     None)
        if act is None or party is None:
            return None
        if act.lemma_.lower() in cues.departure_verbs:  # 'gave 23 diplomats a week to leave'
            people = self._entities(verb.doc, [party])
            coded = cues.deportation if people and all(
                e.sector in cues.civilian_sectors | {"REF"} for e in people) else cues.ordered_out
            return _Candidate(verb, _rule("deadline-to-leave", verb, coded, 0.6),
                              sorted([verb, span], key=lambda t: t.i), party)
        return _Candidate(verb, _rule("deadline", verb, cues.deadline, 0.6),
                          sorted([verb, span], key=lambda t: t.i), party)

    def _forced_flight(self, verb: Token) -> _Candidate | None:
        """'The offensive forced tens of thousands to flee': people made to flee are expelled
        by whoever drives them out (manual: refugees fleeing are SANCTION expel with the
        causative agent as actor; cues ``displacing_verbs``, ``flight_verbs``)."""
        cues = self.cues
        if verb.lemma_.lower() not in cues.displacing_verbs:
            return None
        flight = next((c for c in _kids(verb) if c.dep_ in {"xcomp", "ccomp"} and
                       c.lemma_.lower() in cues.flight_verbs), None)
        if flight is None:
            return None
        people = next((c for c in _kids(verb) if c.dep_ in {"dobj", "nsubj"} and
                       c.i < flight.i), None)
        tokens = sorted([verb, flight], key=lambda t: t.i)
        return _Candidate(verb, _rule("forced-flight", verb, cues.forced_flight, 0.6),
                          tokens, people)

    def _arrival(self, verb: Token) -> _Candidate | None:
        """'Convoys carrying food from the UN entered Madaya', 'doses donated by Japan arrived
        in Vietnam': aid that arrives is aid given, by whoever sent it (cues ``arrival_verbs``,
        ``aid_cargo``, ``aid_carriers``, ``carrying_verbs``, ``giving_participles``)."""
        cues = self.cues
        if verb.lemma_.lower() not in cues.arrival_verbs:
            return None
        subject = next((c for c in _kids(verb) if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        noun = self._through_amount(subject) or subject
        lemma = noun.lemma_.lower()
        carriers = [noun, *_prep_objects(noun, {"of"})]  # 'convoys of trucks carrying food'
        giving = [c for t in carriers for c in _kids(t) if c.dep_ == "acl" and
                  c.lemma_.lower() in cues.giving_participles]  # 'tanks supplied by Germany'
        carried = any(
            carrier.lemma_.lower() in cues.aid_carriers and
            c.dep_ == "acl" and c.lemma_.lower() in cues.carrying_verbs and any(
                (self._through_amount(g) or g).lemma_.lower() in cues.aid_cargo
                for g in _kids(c) if g.dep_ == "dobj")
            for carrier in carriers for c in _kids(carrier))
        if not (lemma in cues.aid_cargo or giving or carried):
            return None
        senders = [g for c in giving for a in _kids(c) if a.dep_ == "agent"
                   for g in _kids(a) if g.dep_ == "pobj"] or [
            p for t in noun.subtree if t.dep_ in {"dobj", "nsubj"} or t is noun
            for p in _prep_objects(t, {"from"})]  # 'carrying food from the United Nations'
        return _Candidate(verb, _rule("aid-arrival", verb, cues.arrival_aid, 0.5,
                                      recipient_preps=("in", "at", "to", "into")), [noun, verb],
                          source=senders[0] if senders else None)

    def _ultimatum(self, verb: Token) -> _Candidate | None:
        """'Iran will resume enriching uranium unless the other parties shield its oil sales',
        'London could suspend the protocol unless Brussels gives way': an act foretold on an
        'unless' condition that another party must meet is an ultimatum to that party (cues
        ``ultimatum_marks``, ``ultimatum``). When the one the act befalls is the party named
        in the condition ('it would face legal action unless it withdrew the bill'), or is
        no party at all ('budget support will be frozen unless …'), the speaker makes it."""
        cues = self.cues
        cond = next((c for c in _kids(verb) if c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in cues.ultimatum_marks for m in _kids(c))), None)
        if cond is None or not (self._future(verb) or self._hypothetical(verb)) or \
                self._in_condition(verb):
            return None
        doc = verb.doc
        parties = [c for c in _kids(cond) if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
        theirs = {e.code for e in self._entities(doc, parties)}
        if not theirs:
            return None
        passive = _is_passive(verb) or any(c.dep_ in PASSIVE_SUBJECTS for c in _kids(verb))
        mine = set() if passive else {  # 'support will be frozen': no one acts in the clause;
            e.code for e in self._subject_entities(doc, verb)[0]}  # 'will stop allowing'

        if mine and mine.isdisjoint(theirs):  # within one country, 'Kenya will hold the
            # vote in August unless parliament changes the law' need be no ultimatum
            return _Candidate(verb, _rule("ultimatum", verb, cues.ultimatum, 0.5), [verb],
                              parties[0])
        speech = verb.head if verb.dep_ == "ccomp" else next(  # '…, the Netherlands said'
            (c for c in _kids(verb) if c.dep_ in {"ccomp", "parataxis"}), None)
        if speech is None or speech.lemma_.lower() not in cues.speech_verbs:
            return None
        return _Candidate(speech, _rule("ultimatum", speech, cues.ultimatum, 0.5),
                          [speech, verb], parties[0])

    def _retort(self, verb: Token) -> _Candidate | None:
        """'said it would respond forcefully', 'vowed to react': retaliation announced."""
        if verb.lemma_.lower() not in self.cues.retort_verbs or not (
                self._future(verb) or self._hypothetical(verb) or self._vowed(verb)):
            return None
        trig = _rule("retort", verb, self.cues.menace, 0.5, recipient_preps=("to", "against"))
        return _Candidate(verb, trig, [verb])

    def _command(self, verb: Token, lexical: _Candidate | None) -> _Candidate | None:
        """'ordered X to do Y' (cues command_verbs): None when X is the actor's own or
        unnamed, so that Y is the event; a demand of X, or X's expulsion ('ordered seven UN
        officials to leave'), when X is another party or a named office-holder told to act."""
        told = verb.lemma_.lower() == "tell"  # 'told X to go', not 'told X that …'
        complement = next((c for c in _kids(verb) if (c.dep_ == "xcomp" or c.dep_ == "ccomp"
                           and not told) and c.pos_ in {"VERB", "AUX"}), None)
        ordered = next((c for c in _kids(verb) if c.dep_ in {"dobj", "dative"}), None)
        if ordered is None and complement is not None and _to_clause(complement):
            # 'wants Russia to return the islands', parsed with Russia as the clause's subject
            ordered = next((c for c in _kids(complement) if c.dep_ in SUBJECTS), None)
        if complement is None or ordered is None:
            return lexical
        doc = verb.doc
        bosses = self._subject_entities(doc, verb)[0]
        ordered_ents = self._entities(doc, [ordered])
        told_person = told and any(
            e.identifier_text and e.office for e in ordered_ents)  # 'told Mugabe to resign'
        chain = self.cues.chain_of_command
        own = not ordered_ents or (
            {e.code for e in ordered_ents} <= {e.code for e in bosses}
            and all(e.sector in chain for e in bosses + ordered_ents))
        if own and not told_person:
            return None  # his defence chiefs, the army, the foreign ministry: Y is the act
        out = complement.lemma_.lower() in self.cues.departure_verbs
        trig = _rule("ordered-out" if out else "command", verb,
                     self.cues.ordered_out if out else self.cues.command, 0.6)
        return _Candidate(verb, trig, [verb, complement] if out else [verb], target=ordered)

    def _ordered_patient(self, verb: Token) -> Token | None:
        """'ordered Mubarak detained', 'ordered the newspapers shut', 'ordered the activist
        released': a bare participle under a verb of ordering (cues ordering_verbs) is the
        act ordered, done by the one who orders it to the noun before it; that noun, or
        None when the verb is no such participle."""
        head, ordering = verb.head, self.cues.ordering_verbs
        clause = verb.dep_ in {"ccomp", "xcomp", "oprd"} and head.lemma_.lower() in ordering
        described = verb.dep_ == "acl" and head.dep_ == "dobj" and \
            head.head.lemma_.lower() in ordering
        if not (clause or described) or verb.tag_ not in {"VBN", "VBD"} or any(
                c.dep_ in {"aux", "mark"} or c.dep_ == "auxpass" and c.lower_ != "be"
                for c in _kids(verb)):
            return None  # the cheap tests first: this runs for every candidate verb
        if described:
            return head
        return next((c for c in _kids(verb) if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS),
                    None) or next((c for c in _kids(head) if c.dep_ == "dobj"), None)

    def _orders_act(self, verb: Token) -> bool:
        """Whether an ordering verb's complement is an act it orders (see _ordered_patient)
        that may be coded itself: then the order is no event of its own."""
        if verb.lemma_.lower() not in self.cues.ordering_verbs:
            return False
        acts = [c for c in _kids(verb) if c.dep_ in {"ccomp", "xcomp", "oprd"}]
        acts += [g for c in _kids(verb) if c.dep_ == "dobj" for g in _kids(c)
                 if g.dep_ == "acl"]
        if any(a.lemma_.lower() in self.lexicon.verbs and self._ordered_patient(a)
               is not None for a in acts):
            return True
        # 'ordered a curfew', 'ordered the evacuation of the town': an act named by a noun
        phrases = {o for e in self.lexicon.verbs.get(verb.lemma_.lower(), ()) for o in e.objects}
        nouns = [self._noun_lemma(c) for c in _kids(verb) if c.dep_ == "dobj"]
        return any(n not in phrases and self.lexicon.nouns.get(n) and  # 'ordered a mobilisation'
                   self.lexicon.nouns[n][-1].type in self.cues.ordered_types for n in nouns)

    def _sense(self, label: Token, depth: int = 0) -> int:
        """+1 praise, -1 blame, 0 neutral: the head word, else its modifiers, else what
        it is an example or act of ('a textbook example of ethnic cleansing')."""
        for tok in (label, *(c for c in _kids(label) if c.dep_ in {"amod", "compound",
                                                                     "conj", "advmod"})):
            word = tok.lemma_.lower()
            if word in self.cues.label_negative:
                return -1
            if word in self.cues.label_positive:
                return 1
        if depth == 0:
            for prep in _kids(label):
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    inner = next((g for g in _kids(prep) if g.dep_ == "pobj"), None)
                    if inner is not None:
                        return self._sense(inner, 1)
        return 0

    def _participle_entries(self, tok: Token) -> list[Trigger] | None:
        """Participles tagged as adjectives keep their surface form as lemma ('seized'), as
        do gerunds tagged as nouns ('completed handing over their weapons')."""
        word = tok.lower_
        if tok.pos_ == "ADJ" and word.endswith("ed"):
            stems: tuple[str, ...] = (word[:-1], word[:-2], word[:-3])
        elif tok.pos_ == "NOUN" and word.endswith("ing") and tok.dep_ in {"dobj", "pobj"}:
            stems = (word[:-3], word[:-3] + "e", word[:-4])
        else:
            return None
        for stem in stems:
            if stem in self.lexicon.verbs:
                return self.lexicon.verbs[stem]
        return None

    def _absorbed(self, cand: _Candidate, trig_at: dict[int, _Candidate]) -> bool:
        """A complement of an intent-like trigger ("refused to meet") is not its own event."""
        tok = cand.token
        for _ in range(4):
            if tok.dep_ not in {"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl",
                                "advcl", "conj"} or tok.head.i == tok.i:
                return False
            if tok.dep_ == "conj" or _circumstantial(tok, self.cues) or (
                    tok.dep_ == "advcl" and any(c.dep_ == "mark" for c in _kids(tok))):
                return False  # 'condemned X after his summit with Kim / after it seized
            tok = tok.head
            gov = trig_at.get(tok.i)
            if gov is not None:  # (a time limit to leave is the expulsion: 'leave' is it)
                return gov.trigger.type in self.cues.absorbing_types or \
                    gov.trigger.id == "rule:deadline-to-leave"
        return False

    # ------------------------------------------------------------ events

    def _event(self, doc: Doc, sent: Span, seq: int, cand: _Candidate, doc_id: str, n: int,
               published: date | None, fallback: bool = False) -> Event | None:
        trig = cand.trigger
        args = self._arguments(doc, cand)
        if not args.actor and args.recipient and trig.pos == "verb":
            args.actor = self._authorities(doc, sent, cand, args.recipient)
            if args.actor:
                args.how = "implied"
        if cand.target is not None and not args.recipient:
            at = self._read(doc).actor_at
            named = self._entities(doc, [cand.target]) or [
                e for t in cand.target.subtree for e in at.get(t.i, [])]
            args.recipient = list(dict.fromkeys(e for e in named if e not in args.actor))
        if fallback and not args.actor:
            args.actor = self._sentence_actor(doc, sent, cand, args.recipient)
            args.how = "sentence"
        elif trig.pos == "noun" and not args.actor and _circumstantial(cand.token, self.cues):
            return None
        if not args.actor:
            self.stats["no_actor"] += 1
            return None
        if not args.recipient and (fallback or self.onto.types[trig.type].requires_recipient):
            args.recipient = self._sentence_recipient(doc, sent, cand, args.actor)
            args.recipient_guessed = bool(args.recipient)
        aux = self._aux(cand)
        etype, mode, cameo = trig.type, trig.mode, trig.cameo
        civilians = bool(args.actor) and all(
            e.sector in self.cues.civilian_sectors for e in args.actor)
        if etype == "ASSAULT" and any(t.lemma_.lower() == "strike" and any(
                c.dep_ == "compound" and c.lower_ == "hunger" for c in _kids(t))
                for t in cand.trigger_tokens):  # 'stepped up his hunger strike'
            etype, mode, cameo = self.cues.civilian_strike
        elif etype == "ASSAULT" and civilians and not self._personal_violence(cand, mode):
            retype = (self.cues.civilian_strike if cand.token.lemma_.lower() == "strike"
                      else self.cues.civilian_violence)
            etype, mode, cameo = retype
        elif etype == "PROTEST" and cand.token.lemma_.lower() in \
                self.cues.diplomatic_protest_words and all(
                e.sector in self.cues.diplomatic_sectors for e in args.actor):
            etype, mode, cameo = self.cues.diplomatic_protest
        if etype == "RETREAT" and not args.recipient_guessed and \
                self._leaves_body(doc, cand, args):
            etype, mode, cameo = self.cues.leaving_body
        if etype == "SANCTION" and mode in self.cues.expulsion_modes and args.recipient and \
                not args.recipient_guessed and \
                cand.token.lemma_.lower() not in self.cues.displacing_verbs and all(
                e.sector in self.cues.deported_sectors for e in args.recipient):
            etype, mode, cameo = self.cues.deportation  # 'expelled 415 Palestinians'
        if etype == "ASSAULT" and self._weapons_test(cand, args):
            etype, mode, cameo = self.cues.weapons_test
        if cand.counted and cameo in self.cues.specific_pledges:
            # a pledge of a stated sum is the aid itself (manual: only broad promises of
            # future aid are AGREE)
            etype, mode, cameo = self.cues.specific_pledges[cameo]
        # 'said it would not take part' is a refusal now; 'there could be no talks if…' a
        # threat to them: either is said now, so the act's modality goes
        unexcluded = self._unexcluded(cand, etype, aux)
        if unexcluded is not None and not args.recipient:  # '… action against Iran'
            args.recipient = [e for e in self._entities(doc, [
                g for t in cand.token.subtree if t.dep_ == "prep" and t.lower_ in
                self.cues.open_threat_preps for g in _kids(t) if g.dep_ == "pobj"])
                if e not in args.actor]
        said_now = unexcluded or self._refusal(cand, etype, aux) or \
            self._withheld(cand, etype, aux)
        if said_now is not None:
            etype, mode, cameo = said_now
            aux = [a for a in aux if a not in {"negation", "future", "hypothetical"}]
        converted = None if said_now else self._converted(cand, etype, aux)
        if converted is not None:  # a conditional threat is still a real threat
            etype, cameo = converted
            mode = None
            if "hypothetical" in aux and self._offered(cand.token):
                # 'stands ready to provide military help if necessary': the offer is made
                # now; the condition belongs to the help offered
                aux = [a for a in aux if a != "hypothetical"] + ["future"]
        elif etype == "REQUEST" and self._courtesy_call(cand):
            etype, mode, cameo = self.cues.courtesy_call  # 'called on President Mbeki'
        elif etype == "AGREE" and "hypothetical" in aux and "negation" not in aux and \
                self._conditional(cand.token) and not self._in_condition(cand.token):
            # 'would agree to talks if the shelling stopped': agreement on a condition is an
            # offer, made now
            aux = [a for a in aux if a != "hypothetical"] + ["future"]
        elif etype in self.cues.civilian_obstruction_types and civilians:
            etype, mode, cameo = self.cues.civilian_obstruction  # protesters blocking
        elif etype == "REQUEST" and "negation" not in aux and args.actor and all(
                self._crowd_word(e) for e in args.actor):
            # 'protesters in Rabat demanded a new constitution': a protest's demand is its
            # topic (manual), so the crowd demanding is the demonstration
            etype, mode, cameo = self.cues.crowd_demand
        elif etype == "PROTEST" and mode in {"obstruct", "riot"} and args.actor and all(
                e.sector in self.cues.forces_sectors for e in args.actor) and any(
                c.dep_ in OBJECTS for c in _kids(cand.token)):
            # agents storming an office, soldiers blocking a road (a mutiny has no object)
            etype, mode, cameo = self.cues.forces_obstruction
        elif etype == "PROTEST" and mode == "riot" and args.actor and all(
                e.sector in self.cues.armed_group_sectors for e in args.actor) and any(
                c.dep_ in OBJECTS for c in _kids(cand.token)):
            etype, mode, cameo = self.cues.armed_group_riot  # 'insurgents stormed a police post'
            mode = mode or None
        elif etype in self.cues.joint_types and (_joint(cand.trigger_tokens, self.cues) or (
                etype == "MOBILIZE" and len({e.code for e in args.actor}) > 1 and any(
                    t.lemma_.lower() in self.cues.joint_activities  # 'Filipino and American
                    for t in cand.trigger_tokens))):  # troops began the exercises'
            if etype == "ASSAULT":  # 'a joint offensive against Boko Haram': the partners
                args.recipient = []  # are the actors, the enemy is no partner
            etype, mode, cameo = "COOPERATE", None, JOINT_CAMEO
        elif etype == "RETREAT" and mode in self.cues.joint_opening_modes and \
                not args.recipient and len({e.code for e in args.actor}) > 1:
            etype, mode, cameo = self.cues.joint_opening  # 'Spain and Morocco reopened the
            mode = mode or None  # borders of Ceuta and Melilla'
        elif etype == "CONSULT" and mode == "visit" and args.actor and (all(
                e.sector == "MIL" and not e.office for e in args.actor) or any(
                c.dep_ in SUBJECTS and c.lemma_.lower() in self.cues.military_craft
                for c in _kids(cand.token))):
            etype, mode, cameo = self.cues.force_movement  # 'two B-52 bombers flew through…'
        elif etype in self.cues.invited_types:
            inviter = self._inviter(doc, cand.token)
            if inviter is not None:  # 'sent troops at the request of the Malian government'
                etype, mode, cameo = self.cues.invited_help
                args.recipient = [e for e in inviter if e not in args.actor] or args.recipient
        if etype == "THREATEN" and "negation" not in aux:
            # the threat is made now; 'if'/'would'/'will' belong to what it threatens
            aux = [a for a in aux if a not in {"hypothetical", "future"}]
        if mode == "strike" and any(c.lower_ == "hunger" for t in cand.trigger_tokens
                                    for c in _kids(t)):
            mode = "hunger"
        self.stats["coded"] += 1
        first, last = cand.trigger_tokens[0], cand.trigger_tokens[-1]
        text = self._sentence_text(sent)
        return Event(
            id=f"{doc_id}-{seq}-{n}", doc_id=doc_id, event=etype,
            actor=tuple(args.actor), recipient=tuple(args.recipient),
            mode=(mode,) if mode else (), context=self._contexts(sent, trig),
            aux=tuple(aux), cameo=cameo, quad_class=self.onto.quad_class(etype),
            goldstein=self.onto.goldstein(cameo), plover_score=self.onto.score(etype, mode),
            event_text=text[first.idx - sent.start_char:last.idx - sent.start_char
                            + len(last.text)],
            text=text,
            text_info=TextInfo(seq, sent.start_char, sent.end_char, first.idx,
                               last.idx + len(last.text)),
            confidence=self._confidence(trig, args, etype, cand.token),
            coder=f"{'' if trig.id.startswith('rule:') else 'lexicon:'}{trig.id}@{self.version}",
            date=published.isoformat() if published else None,
            date_precision="day" if published else None,
            date_basis="publication" if published else None,
            extra={"how": args.how, "trigger_type": trig.type, "symmetric": trig.symmetric}
            | ({"recipient_from": "sentence"} if args.recipient_guessed else {}),
        )

    def _leaves_body(self, doc: Doc, cand: _Candidate, args: _Args) -> bool:
        """'quitting the Commonwealth', 'withdrawing from the G5 Sahel force': what is left is
        a body (cues ``body_codes``), not one's own forces: the recipient of a bare entry, or
        the 'from'/'of' object an entry with objects matched."""
        bodies = self.cues.body_codes
        if not cand.trigger.objects:
            return any(e.code in bodies for e in args.recipient)
        return any(t.dep_ == "pobj" and t.head.lower_ in {"from", "of"} and any(
            e.code in bodies for e in self._entities(doc, [t]))
            for t in cand.trigger_tokens[1:])

    def _invitation(self, noun: Token) -> bool:
        """'at the request of', 'at Bamako's invitation': how help came, not an event."""
        return noun.dep_ == "pobj" and noun.lemma_.lower() in self.cues.invitation_nouns \
            and noun.head.lower_ in self.cues.invitation_preps

    def _inviter(self, doc: Doc, verb: Token) -> list[Entity] | None:
        """Who asked for the forces sent: the owner of an invitation phrase on the verb
        (an empty list when it names none), or None without such a phrase."""
        for noun in verb.subtree:  # on the verb or on its purpose clause ('to drive back…')
            if not self._invitation(noun) or any(
                    c.dep_ in SUBJECTS for t in noun.ancestors if t.i != verb.i
                    and verb.i in {a.i for a in t.ancestors} for c in _kids(t)):
                continue
            owners = [c for c in _kids(noun) if c.dep_ == "poss"]
            owners += _prep_objects(noun, {"of", "from"})
            return self._entities(doc, owners)
        return None

    def _authorities(self, doc: Doc, sent: Span, cand: _Candidate,
                     patients: list[Entity]) -> list[Entity]:
        """'Najib Razak was charged', 'two journalists were arrested in Moscow': an arrest,
        charge or conviction in the passive with no one named is the work of the authorities
        of the country where it happened, else of the person's own (cues
        ``implied_authorities``)."""
        verb = cand.token
        sector = self.cues.implied_authorities.get(
            f"{cand.trigger.type}:{cand.trigger.mode}") or self.cues.implied_authorities.get(
            cand.trigger.type)
        if sector is None or not (_is_passive(verb) or any(
                c.dep_ in PASSIVE_SUBJECTS for c in _kids(verb))):
            return []
        places = [e for e in self._read(doc).places if sent.start_char <= e.start < sent.end_char]
        code = places[0].code if places else patients[0].code
        if code in NON_STATE:
            return []
        end = verb.idx + len(verb.text)
        return [Entity(code=code, sector=sector, entity_text=verb.text, start=verb.idx, end=end,
                       rule="implied_authorities")]

    def _sentence_actor(self, doc: Doc, sent: Span, cand: _Candidate,
                        recipient: list[Entity]) -> list[Entity]:
        """The first actor of the sentence that is not the recipient, preferring one
        named before the trigger."""
        trigger_at = cand.token.idx
        inside = [e for e in self._read(doc).actors if sent.start_char <= e.start < sent.end_char
                  and e not in recipient and e.code not in {r.code for r in recipient}]
        if cand.trigger.type in self.cues.victim_types:
            # 'A suicide attack killed 30 people in Iraq': the ones hit are no attacker; if
            # they are all the sentence names, the attack is unattributed, in their country
            # (of the country where it happened, if the sentence says)
            victims = _victim_chars(cand.token)
            hit = [e for e in self._read(doc).actors if e.start in victims]  # recipients too
            if hit and not self._attack_like(cand.token):
                hit = []  # 'the floods have killed 1,400 people', 'no Americans were killed'
            where = [e.code for e in self._read(doc).places
                     if sent.start_char <= e.start < sent.end_char and e.code not in NON_STATE]
            inside = [e for e in inside if e.start not in victims] or [
                replace(e, code=where[0] if where else e.code, other_sectors=(),
                        sector=self.cues.unattributed_sector, rule="unattributed")
                for e in hit[:1] if e.code not in NON_STATE]
        before = [e for e in inside if e.start < trigger_at]
        if inside or cand.trigger.type not in self.cues.crowd_types:
            return (before or inside)[:1]
        # 'Thousands rallied in Tbilisi': an unnamed crowd is of the country it gathers in
        places = [e for e in self._read(doc).places if sent.start_char <= e.start < sent.end_char]
        return [replace(e, sector=self.cues.crowd_sector, rule="crowd_place")
                for e in places[:1]]

    def _attack_like(self, tok: Token) -> bool:
        """Whether harm named with no one doing it reads as an attack by someone: not when
        a natural cause does it ('the floods have killed …', cues ``natural_causes``), when
        it is a war's toll ('80,000 people were killed in the war', cues ``toll_nouns``), or
        when no one was hit ('no Americans were killed')."""
        for verb in _harm_verbs(tok):
            for c in _kids(verb):
                if c.dep_ in SUBJECTS and c.lemma_.lower() in self.cues.natural_causes:
                    return False
                if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS | OBJECTS and any(
                        d.dep_ == "det" and d.lower_ in {"no", "none"} for d in _kids(c)):
                    return False
                if c.dep_ == "prep" and any(g.dep_ == "pobj" and g.lemma_.lower() in
                                            self.cues.toll_nouns for g in _kids(c)):
                    return False
        return tok.lemma_.lower() not in self.cues.natural_causes

    def _sentence_recipient(self, doc: Doc, sent: Span, cand: _Candidate,
                            actor: list[Entity]) -> list[Entity]:
        """The first actor of another country named after the trigger."""
        codes = {e.code for e in actor}
        after = [e for e in self._read(doc).actors if cand.token.idx < e.start < sent.end_char
                 and e.code not in codes]
        return after[:1]

    def _referent_recipient(self, event: Event, cand: _Candidate,
                            earlier: list[Event]) -> Event:
        """'Guterres condemned the detentions': reactions to an event named by a noun are
        aimed at whoever did it — the actor of the latest earlier event of that kind, or the
        partners in it ('Putin called the talks constructive')."""
        if event.recipient or event.event not in self.cues.reaction_types:
            return event
        obj = next((c for c in _kids(cand.token) if c.dep_ in {"dobj", "nsubjpass"}), None)
        if obj is None or obj.lemma_.lower() not in self.cues.reaction_objects \
                and obj.lemma_.lower() not in self.lexicon.nouns:
            return event
        kinds = {t.type for t in self.lexicon.nouns.get(obj.lemma_.lower(), ())}
        mine = {e.code for e in event.actor}
        for prev in reversed(earlier):
            others = tuple(e for e in prev.actor if e.code not in mine)  # a joint event's partners
            if (not kinds or prev.event in kinds) and others:
                return replace(event, recipient=others,
                               confidence=round(event.confidence * 0.8, 3),
                               extra={**event.extra, "recipient_from": prev.id})
        return event

    def _confidence(self, trig: Trigger, args: _Args, etype: str, token: Token) -> float:
        factor = HOW_CONFIDENCE[args.how]
        # the main clause's event is the sentence's news; deeper ones are less certain
        factor *= (1.0, 0.9, 0.8, 0.7)[min(_clause_depth(token), 3)]
        if self.onto.types[etype].requires_recipient and not args.recipient:
            factor *= 0.7
        elif args.recipient_guessed:
            factor *= 0.85
        return round(min(1.0, trig.confidence * factor), 3)

    def _contexts(self, sent: Span, trig: Trigger) -> tuple[str, ...]:
        found = list(trig.context) + list(self.onto.cameo[trig.cameo].plover_context)
        return tuple(dict.fromkeys(found + self._sentence_contexts(sent)))

    def _read(self, doc: Doc) -> _DocView:
        """What the coder reads of a Doc, once per Doc (kept for its next sentence): spaCy
        makes a new Token, and rebuilds a Span's text, on every access."""
        if self._view.doc is not doc:
            lemma, pos, tag, dep = doc.to_array([LEMMA, POS, TAG, DEP]).T.tolist()
            text = doc_text(doc)
            self._view = _DocView(doc, text, self._strings(doc, lemma, lower=True),
                                  self._strings(doc, pos), self._strings(doc, tag),
                                  self._strings(doc, dep), self._phrase_hits(text),
                                  doc._.actor_at or {}, doc._.actors or [], doc._.places or [])
        return self._view

    def _phrase_hits(self, text: str) -> list[tuple[int, int, int]]:
        """Every occurrence of a context phrase in the lower-cased text that starts a word,
        found once per Doc: only the phrases whose first word is in the text are sought."""
        low = text.lower()
        if len(low) != len(text):  # keep offsets: leave a letter that lower-cases to two
            low = "".join(c if len(c.lower()) > 1 else c.lower() for c in text)
        by_start = self._phrase_starts
        hits: list[tuple[int, int, int]] = []
        words: set[str] = set()  # runs of letters and digits, found chunk by chunk
        for chunk in set(low.split()):
            if chunk.isalnum():
                words.add(chunk)
            else:
                words.update(WORD.findall(chunk))
        for k in sorted(k for word in words.intersection(by_start) for k in by_start[word]):
            phrase = self._phrase_list[k][0]
            at = low.find(phrase)
            while at >= 0:
                if at == 0 or not low[at - 1].isalnum():
                    hits.append((k, at, at + len(phrase)))
                at = low.find(phrase, at + 1)
        return hits

    def _strings(self, doc: Doc, hashes: list[int], lower: bool = False) -> list[str]:
        """The strings of a column of hashes, each looked up in the vocabulary once (kept
        for later Docs, up to a bound)."""
        known = self._lower_strings if lower else self._plain_strings
        try:
            return list(map(known.__getitem__, hashes))
        except KeyError:  # a string not seen before
            pass
        missing = set(hashes).difference(known)
        if len(known) > STRING_CACHE_SIZE:
            known.clear()
            missing = set(hashes)
        strings = doc.vocab.strings
        known.update((h, strings[h].lower() if lower else strings[h]) for h in missing)
        return list(map(known.__getitem__, hashes))

    def _sentence_text(self, sent: Span) -> str:
        return self._read(sent.doc).text[sent.start_char:sent.end_char]

    def _sentence_contexts(self, sent: Span) -> list[str]:
        """Contexts named by the sentence's words and phrases (kept for its next event)."""
        key = (sent.doc, sent.start, sent.end)  # holding the Doc keeps its id unique
        last = self._last_sentence
        if last[0][0] is key[0] and last[0][1:] == key[1:]:
            return last[1]
        found: list[str] = []
        view = self._read(sent.doc)
        for lemma in view.lemmas[sent.start:sent.end]:  # in sentence order, so the result
            found.extend(self._context_words.get(lemma, ()))  # never depends on hashing
        start, end, done = sent.start_char, sent.end_char, -1
        for k, at, until in view.phrases:  # phrases inside the sentence, each once
            if k != done and at >= start and until <= end:
                found.extend(self._phrase_list[k][1])
                done = k
        self._last_sentence = (key, found)
        return found

    # ------------------------------------------------------------ arguments

    def _arguments(self, doc: Doc, cand: _Candidate) -> _Args:
        """The trigger's arguments as the parse gives them, found once per candidate (a
        sentence that gives no event asks again for its fallback); a copy each time, for
        ``_event`` fills them in."""
        if cand.args is None:
            cand.args = self._verb_args(doc, cand) if cand.trigger.pos == "verb" else \
                self._noun_args(doc, cand)
        found = cand.args
        return _Args(list(found.actor), list(found.recipient), found.how,
                     found.recipient_guessed)

    def _verb_args(self, doc: Doc, cand: _Candidate) -> _Args:
        verb, trig = cand.token, cand.trigger
        args = _Args()
        passive = any(c.dep_ in PASSIVE_SUBJECTS for c in _kids(verb)) or _is_passive(verb)
        patient = self._ordered_patient(verb)
        if patient is not None:
            args.actor, args.how = self._subject_entities(doc, verb.head if verb.dep_ != "acl"
                                                          else verb.head.head)
            args.recipient = self._entities(doc, [patient])
        elif passive:
            agents = [g for c in _kids(verb) if c.dep_ == "agent" for g in _kids(c)
                      if g.dep_ == "pobj"]
            args.actor = self._entities(doc, agents)
            if not args.actor and trig.type == "SANCTION" and \
                    trig.mode in self.cues.expulsion_modes:  # 'was suspended from the AU'
                args.actor = self._entities(doc, _prep_objects(verb, {"from"}) + [
                    p for c in _kids(verb) if c.lower_ == "out"  # 'forced out of Angola'
                    for p in _prep_objects(c, {"of"})])
            patients = [c for c in _kids(verb) if c.dep_ in PASSIVE_SUBJECTS]
            if not patients and verb.dep_ == "acl":
                patients = [verb.head]
            args.recipient = self._entities(doc, patients)
            if not args.actor and trig.type in self.cues.own_force_types:
                # 'Kenyan police were deployed across Nairobi': the forces moved are the
                # actor's own, so they stand for it
                args.actor, args.recipient = args.recipient, []
        elif cand.source is not None:
            args.actor = self._entities(doc, [cand.source])
        else:
            args.actor, args.how = self._subject_entities(doc, verb)
            phrase = {t.i for t in cand.trigger_tokens if t.lemma_.lower() in trig.objects} \
                if trig.symmetric and any(_prep_objects(h, {"with"}) for h in (
                    verb, *(c for c in _kids(verb) if c.dep_ in OBJECTS))) else set()
            objs = [_antecedent(c) for c in _kids(verb) if c.dep_ in OBJECTS
                    and c.i not in phrase]  # 'joined forces with Namibia': forces are no party
            args.recipient = self._recipients(doc, objs)
            if not args.actor and trig.objects and any(
                    c.dep_ == "poss" and c.pos_ == "PRON" for t in cand.trigger_tokens[1:]
                    for c in _kids(t)):
                # 'completed handing over their weapons': with no subject in reach, the owner
                # of the thing handed over is the one who does it
                owned = [t for t in cand.trigger_tokens[1:] if t.pos_ in NOUN_POS]
                args.actor = self._entities(doc, owned)
                args.recipient = [e for e in args.recipient if e not in args.actor]
            if _own_agents(objs, args.actor, args.recipient):
                # 'recalled its ambassador from Washington': the object is the actor's own
                # envoy or force; the other side is where it is sent from or to
                ends = [p for h in (verb, *objs) for p in _prep_objects(h, {"from", "to"})]
                others = self._recipients(doc, ends)
                if others:
                    args.recipient = others
        preps = self._recipient_preps(trig)
        heads = [verb] + [t for t in cand.trigger_tokens if t is not verb]
        pobjs = [p for h in heads for p in _prep_objects(h, preps)]
        args.recipient += [e for e in self._recipients(doc, pobjs) if e not in args.recipient]
        if not args.recipient and trig.type in self.cues.absorbing_types:
            args.recipient = self._complement_recipients(doc, verb)
        args.recipient = [e for e in args.recipient if e not in args.actor]
        if trig.type in self.cues.own_force_types:  # 'Iran deployed warships': its own
            codes = {e.code for e in args.actor}
            args.recipient = [e for e in args.recipient if e.code not in codes]
        return args

    def _complement_recipients(self, doc: Doc, verb: Token) -> list[Entity]:
        """'refused to meet European officials': the complement's object is the recipient."""
        for comp in _kids(verb):
            if comp.dep_ in {"xcomp", "ccomp"} and comp.pos_ in {"VERB", "AUX"}:
                objs = [c for c in _kids(comp) if c.dep_ in OBJECTS]
                objs += _prep_objects(comp, {"with", "to", "on", "against"})
                found = self._entities(doc, objs)
                if found:
                    return found
        return []

    def _recipient_preps(self, trig: Trigger) -> set[str]:
        preps = set(trig.recipient_preps or self.cues.default_recipient_preps.get(trig.type, ()))
        if trig.particle:
            preps.add(trig.particle)
        if trig.mode == "visit":  # 'arrived in Japan', 'travelled to Moscow'
            preps |= {"to", "in", "at"}
        return preps

    def _subject_entities(self, doc: Doc, verb: Token) -> tuple[list[Entity], str]:
        subj = [c for c in _kids(verb) if c.dep_ in SUBJECTS]
        if subj:
            ents = self._entities(doc, subj)
            if ents:  # 'the EU, along with the United States, announced ...'
                ents += [e for e in self._entities(doc, self._companions(verb)) if e not in ents]
            how = "pronoun" if subj[0].pos_ == "PRON" else "direct"
            if subj[0].tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
                return self._entities(doc, [verb.head]), "inherited"
            return ents, how
        if verb.dep_ == "relcl":
            return [], "direct"
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            return self._entities(doc, [verb.head]), "inherited"
        head = verb.head
        if verb.dep_ == "xcomp" and head.lemma_.lower() in self.cues.object_control_verbs:
            made = [c for c in _kids(head) if c.dep_ == "dobj" and c.i < verb.i]
            ents = self._entities(doc, made)
            if ents:  # 'Washington forced Pakistan to hand over the suspects'
                return ents, "inherited"
        if verb.dep_ in {"conj", "xcomp", "advcl", "ccomp", "pcomp"} and head is not verb:
            while head.dep_ in {"prep", "pcomp", "pobj"} and head.head.i != head.i:
                head = head.head
            if head.dep_ == "acomp" and not any(c.dep_ in SUBJECTS for c in _kids(head)):
                head = head.head  # 'it was prepared to join forces': the copula's subject
            ents, _ = self._subject_entities(doc, head)
            return ents, "inherited"
        return [], "direct"

    def _companions(self, verb: Token) -> list[Token]:
        """Objects of 'along with' / 'together with' attached to the verb or its subject."""
        along = self.cues.accompanying_preps
        heads = [verb, *(c for c in _kids(verb) if c.dep_ in SUBJECTS)]
        out = []
        for head in heads:
            for word in _kids(head):
                if word.i > verb.i:
                    continue  # 'talks with China along with India' adds to the recipient
                if word.dep_ in {"prep", "advmod"} and word.lower_ in along:
                    out += _prep_objects(word, {"with"})
                elif word.dep_ == "prep" and word.lower_ == "with" and any(
                        c.lower_ in along for c in _kids(word)):
                    out += [g for g in _kids(word) if g.dep_ == "pobj"]
        return out

    def _noun_args(self, doc: Doc, cand: _Candidate) -> _Args:
        noun, trig = cand.token, cand.trigger
        received = self._received(doc, noun)
        if received is not None:
            return received
        args = _Args(how="noun")
        of_actor = self._of_role(trig) == "actor"
        owners = [c for c in _kids(noun) if c.dep_ in {"poss", "compound", "amod", "nmod"}]
        owners += _prep_objects(noun, {"by", "from"})
        between = _prep_objects(noun, {"between", "among"} | ({"of"} if of_actor else set()))
        pronouns = [c for c in owners if c.dep_ == "poss" and c.pos_ == "PRON"]
        args.actor = (self._clause_subject(doc, pronouns[0]) if pronouns else []) or \
            self._entities(doc, owners + between)
        if not args.actor and noun.dep_ in {"dobj", "attr", "pobj", "nsubjpass"}:
            governor = _governing_verb(noun)
            between = [t for t in noun.ancestors if governor is not None and
                       t.i != governor.i and governor in t.ancestors]
            if trig.type not in self.cues.conversation_types and any(
                    _circumstantial(t, self.cues) for t in between):
                governor = None  # 'ordered a curfew after three nights of rioting' (but
                # 'agreed after two days of talks': the talks were theirs)
            if governor is not None and (governor.lemma_.lower() in self.cues.support_verbs
                                         or self._pressed_on(governor)):
                args.actor, _ = self._subject_entities(doc, governor)
                args.how = "governor"
        if not args.actor and noun.dep_ == "pobj" and noun.head.lower_ == "for" and \
                noun.head.head.lemma_.lower() in self.cues.claim_nouns:
            claimer = _governing_verb(noun.head.head)  # 'claimed responsibility for the attack'
            if claimer is not None:
                args.actor, _ = self._subject_entities(doc, claimer)
                args.how = "governor"
        if not args.actor and noun.dep_ in SUBJECTS | PASSIVE_SUBJECTS and trig.symmetric:
            objs = [c for c in _kids(noun.head) if c.dep_ in OBJECTS]
            args.actor, args.how = self._entities(doc, objs), "governor"
        preps = self._recipient_preps(trig) | (set() if of_actor else {"of"})
        args.recipient = [e for e in self._recipients(doc, _prep_objects(noun, preps))
                          if e not in args.actor]
        if not args.actor and trig.type in self.cues.conversation_types:
            self._spoken_in(doc, noun, args)
        return args

    def _received(self, doc: Doc, noun: Token) -> _Args | None:
        """'Sudan came under pressure from the Security Council', 'Libya faced calls from the
        Red Cross', 'drew a barrage of criticism from its neighbours': the one the act comes
        from is its actor and the subject of the receiving verb its recipient (cues
        ``receiving_verbs``). None when the noun is not so received or names no source."""
        head = noun
        if head.dep_ == "pobj" and head.head.lower_ == "of" and \
                head.head.head.lemma_.lower() in self.cues.amount_words:
            head = head.head.head  # 'a barrage of criticism', 'a wave of calls'
        if head.dep_ in OBJECTS:
            verb = head.head
        elif head.dep_ == "pobj" and head.head.lower_ in self.cues.receiving_preps:
            verb = head.head.head
        else:
            return None
        if verb.lemma_.lower() not in self.cues.receiving_verbs or verb.pos_ not in {"VERB", "AUX"}:
            return None
        sources = [t for h in dict.fromkeys((noun, head, verb)) for t in _prep_objects(h, {"from"})]
        actor = self._entities(doc, sources)
        if not actor:
            return None
        subject, _ = self._subject_entities(doc, verb)
        return _Args(actor=actor, recipient=[e for e in subject if e not in actor], how="received")

    def _spoken_in(self, doc: Doc, noun: Token, args: _Args) -> None:
        """'Biden told Netanyahu in a phone call that ...': what was said in a meeting or
        call makes the meeting an event of the speaker with the one spoken to."""
        prep = noun.head
        verb = prep.head
        if noun.dep_ != "pobj" or prep.lower_ not in self.cues.conversation_preps or \
                verb.lemma_.lower() not in self.cues.speech_verbs:
            return
        actor, _ = self._subject_entities(doc, verb)
        if actor:
            args.actor, args.how = actor, "governor"
            hearers = [c for c in _kids(verb) if c.dep_ in OBJECTS]
            args.recipient += [e for e in self._entities(doc, hearers)
                               if e not in actor and e not in args.recipient]

    def _of_role(self, trig: Trigger) -> str:
        roles = self.cues.noun_of_roles
        return roles.get(f"{trig.type}:{trig.mode}", roles.get(trig.type, "recipient"))

    def _recipients(self, doc: Doc, tokens: list[Token]) -> list[Entity]:
        """Entities for recipient tokens; a country or capital named as the object or
        destination ('visit Moscow', 'sent aid to Kyiv') stands for its state."""
        found = self._entities(doc, tokens)
        if found:
            return found
        out: list[Entity] = []
        for tok in _with_conjuncts(tokens):
            code = self.modifiers.get(tok.text)
            if code and tok.pos_ == "PROPN":
                end = tok.idx + len(tok.text)
                out.append(Entity(code=code, sector="GOV", entity_text=tok.text, start=tok.idx,
                                  end=end, rule="destination"))
        return out

    def _entities(self, doc: Doc, tokens: list[Token]) -> list[Entity]:
        """Entities for argument head tokens, following coordination."""
        out: list[Entity] = []
        for tok in _with_conjuncts(tokens):
            for ent in self._entities_of(doc, tok):
                if ent not in out:
                    out.append(ent)
        return out

    def _entities_of(self, doc: Doc, tok: Token) -> list[Entity]:
        actor_at = self._read(doc).actor_at
        if tok.i in actor_at:
            return actor_at[tok.i]
        if tok.pos_ == "PRON":
            return self._pronoun(doc, tok)
        for child in _np_tokens(tok):
            if child.i in actor_at:
                found = list(actor_at[child.i])
                for conj in _conjuncts(child):
                    found += [e for e in actor_at.get(conj.i, []) if e not in found]
                return found
            if child.pos_ == "PRON" and child.dep_ == "poss":
                return self._pronoun(doc, child)
        return self._modifier_entity(tok)

    def _modifier_entity(self, tok: Token) -> list[Entity]:
        """'imports Russian LNG': a country adjective on the argument names its owner."""
        for child in _kids(tok):
            code = self.modifiers.get(child.text) if child.dep_ in {"amod", "compound"} else None
            if code:
                end = child.idx + len(child.text)
                return [Entity(code=code, sector="", entity_text=child.text, start=child.idx,
                               end=end, rule="modifier")]
        return []

    def _pronoun(self, doc: Doc, tok: Token) -> list[Entity]:
        """Resolve he/she/it/they to the speaker or the most recent fitting entity."""
        low = tok.lower_
        if low not in PRONOUNS_PERSON | PRONOUNS_GROUP:
            return []
        speaker = self._speaker(doc, tok)
        if speaker:
            return speaker
        person = low in PRONOUNS_PERSON
        actors = self._read(doc).actors
        for ent in reversed(actors):
            if ent.end > tok.idx or tok.idx - ent.end > 600:
                continue
            if person == bool(ent.identifier_text and ent.office):
                return [ent]
        return []

    def _clause_subject(self, doc: Doc, tok: Token) -> list[Entity]:
        """'Hamas fighters killed 1,200 people in their attack': the possessive pronoun on
        an event noun below a verb refers to that verb's named subject when it comes first."""
        if tok.dep_ != "poss":
            return []
        verb = _nearest_verb(tok)
        if verb is None:
            return []
        subjects = [c for c in _kids(verb)
                    if c.dep_ in SUBJECTS and c.right_edge.i < tok.i and c.pos_ != "PRON"
                    and not any(t.pos_ == "PRON" for t in c.subtree)]
        found = self._entities(doc, subjects[:1])
        if tok.lower_ in PRONOUNS_PERSON:  # 'his' needs a person, 'its' a body
            return [e for e in found if e.identifier_text and e.office]
        if tok.lower_ == "its":
            return [e for e in found if not (e.identifier_text and e.office)]
        return found

    def _speaker(self, doc: Doc, tok: Token) -> list[Entity]:
        clause = tok.head
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in self.cues.speech_verbs:
            speakers = [c for c in _kids(clause.head) if c.dep_ in SUBJECTS]
            if speakers and speakers[0].pos_ != "PRON":
                return self._entities(doc, speakers)
        return []

    # ------------------------------------------------------------ modality

    def _aux(self, cand: _Candidate) -> list[str]:
        tok = cand.token
        out: list[str] = []
        if self._negated(tok):
            out.append("negation")
        governor = _governing_verb(tok) if cand.trigger.pos == "noun" else None
        if self._conditional(tok) or governor is not None and self._in_condition(governor):
            out.append("hypothetical")  # '… if Washington goes ahead with the deployment'
        elif self._future(tok):
            out.append("future")
        elif self._hypothetical(tok):
            out.append("hypothetical")
        return out

    def _converted(self, cand: _Candidate, etype: str, aux: list[str]) -> tuple[str, str] | None:
        """PLOVER codes intentions and threats as their own types (see _cues.yaml)."""
        governor = _governing_verb(cand.token) if cand.trigger.pos == "noun" else None
        if "negation" in aux or self._in_condition(cand.token) or (
                governor is not None and self._in_condition(governor)):
            return None
        if {"future", "hypothetical"} & set(aux) and etype in self.cues.future_conversions:
            return self.cues.future_conversions[etype]
        threat = "hypothetical" in aux or ("future" in aux and (
            self._would(cand.token) or self._vowed(cand.token)))
        if threat and etype in self.cues.threat_conversions:
            return self.cues.threat_conversions[etype]
        return None

    def _personal_violence(self, cand: _Candidate, mode: str | None) -> bool:
        """Violence against people rather than property: an ASSAULT mode of its own, or a
        killing verb as the trigger or right under it ('set fire to a church, killing 30')."""
        cues = self.cues
        if mode in cues.personal_violence_modes:
            return True
        tok = cand.token
        near = [tok, *(c for c in _kids(tok) if c.dep_ in {"advcl", "conj", "xcomp"})]
        return any(t.lemma_.lower() in cues.killing_verbs for t in near)

    def _weapons_test(self, cand: _Candidate, args: _Args) -> bool:
        """'test-fired the Agni-V', 'fired two missiles' at no one named (cues test_weapons)."""
        cues = self.cues
        verb = cand.token
        if any(c.lemma_.lower() in cues.test_marks for c in _kids(verb)
               if c.dep_ in {"npadvmod", "compound", "advmod"}):
            return True
        aimed = args.recipient and not args.recipient_guessed
        return not aimed and any(t.lemma_.lower() in cues.test_weapons
                                 for t in cand.trigger_tokens)

    def _unexcluded(self, cand: _Candidate, etype: str,
                    aux: list[str]) -> tuple[str, str, str] | None:
        """'did not rule out military action', 'refused to renounce the use of force': force
        or sanctions kept open are a threat (cues ``exclusion_verbs``, ``open_threats``)."""
        if etype != "REJECT":
            return None
        verb = cand.token
        if "negation" not in aux:  # 'refused to rule out …': the exclusion refused
            refused = next((c for c in _kids(verb) if c.dep_ == "xcomp" and
                            c.lemma_.lower() in self.cues.exclusion_verbs), None)
            if refused is None or refused.lemma_.lower() == verb.lemma_.lower():
                return None
            verb = refused
        elif verb.lemma_.lower() not in self.cues.exclusion_verbs:
            return None
        if verb.lemma_.lower() == "rule" and not any(
                c.dep_ == "prt" and c.lower_ == "out" for c in _kids(verb)):
            return None
        obj = _object_noun(verb)
        if obj is not None and obj.lemma_.lower() in self.cues.open_threat_carriers:
            obj = next((g for c in _kids(obj) if c.dep_ == "prep" and c.lower_ == "of"
                        for g in _kids(c) if g.dep_ == "pobj"), obj)  # 'the use of force'
        if obj is None:
            return None
        threat = self.cues.open_threats.get(obj.lemma_.lower())
        return None if threat is None else ("THREATEN", threat[0], threat[1])

    def _refusal(self, cand: _Candidate, etype: str,
                 aux: list[str]) -> tuple[str, str, str] | None:
        """A cooperative act said to be not going to happen, outside any condition, or a
        stance denied in any tense ('did not recognise the results'): REJECT with the
        refusal's mode and CAMEO code (cues ``refusal_conversions``), else None."""
        if "negation" not in aux or self._in_condition(cand.token) or \
                self._conditional(cand.token):
            return None
        stance = cand.token.lemma_.lower() in self.cues.stance_verbs or \
            self._disclaimed(cand.token)  # 'saw no reason to meet Erdogan': refused now
        if not stance and not {"future", "hypothetical"} & set(aux):
            return None
        refused = self.cues.refusal_conversions.get(etype)
        return None if refused is None else ("REJECT", refused[0] or "", refused[1])

    def _withheld(self, cand: _Candidate, etype: str,
                  aux: list[str]) -> tuple[str, str, str] | None:
        """Cooperation withheld on a condition ('would not meet unless…', 'there could be no
        talks if…') or a refusal made conditional ('would vote against the deal unless…'):
        a threat to the relationship (cues ``withheld_on_condition``)."""
        tok = cand.token
        if tok.pos_ in NOUN_POS:  # 'there could be no talks if…': the condition is on the verb
            tok = _governing_verb(tok) or tok
        if not self._conditional(tok) or self._in_condition(tok):
            return None
        if etype == "REJECT" or ("negation" in aux and etype in self.cues.refusal_conversions):
            return self.cues.withheld_on_condition
        return None

    def _would(self, tok: Token) -> bool:
        return any(c.dep_ == "aux" and c.lower_ in WOULD
                   for verb in self._clause_chain(tok) for c in _kids(verb))

    def _offered(self, tok: Token) -> bool:
        """The trigger is what a party says it is ready, willing or pledged to do (an intent
        verb governs it) and no 'would'/'could' makes the offer itself hypothetical."""
        chain = self._clause_chain(tok)
        return any(verb is not tok and verb.lemma_.lower() in self.cues.intent_verbs
                   for verb in chain) and not any(
            c.dep_ == "aux" and c.lower_ in self.cues.hypothetical_aux
            for verb in chain if verb is not tok for c in _kids(verb))

    def _vowed(self, tok: Token) -> bool:
        """'vowed to retaliate': the trigger is the complement of a verb of vowing."""
        return any(verb is not tok and verb.lemma_.lower() in self.cues.vow_verbs
                   for verb in self._clause_chain(tok))

    def _in_condition(self, tok: Token) -> bool:
        """The trigger is inside an 'if' clause: a condition, not a stated intent."""
        marks = self.cues.conditional_marks
        return any(c.dep_ == "mark" and c.lower_ in marks
                   for verb in self._clause_chain(tok) for c in _kids(verb))

    def _conditional(self, tok: Token) -> bool:
        """An 'if'/'unless' clause on the trigger, or the trigger inside one; a condition
        the parse hangs on the verb of saying counts for what is said ('Iran will leave the
        treaty if they refer its case to the Council, the minister said')."""
        marks = self.cues.conditional_marks
        chain = self._clause_chain(tok)
        top = chain[-1]
        if top.dep_ == "ccomp" and top.head.lemma_.lower() in self.cues.speech_verbs:
            chain = [*chain, top.head]
        for verb in chain:
            for c in _kids(verb):
                if c.dep_ == "advcl" and (any(m.dep_ == "mark" and m.lower_ in marks
                                              for m in _kids(c)) or _inverted(c)):
                    return True
                if c.dep_ == "mark" and c.lower_ in marks and verb is not top.head:
                    return True
        return False

    def _clause_chain(self, tok: Token) -> list[Token]:
        """The trigger and the verbs that govern it through control/complement links; a
        'to' clause the parse hangs on a verb of intent as an adverbial is its complement
        ('has undertaken to normalise ties'), and a 'to' clause on a noun of intent ('its
        readiness to open the sites')."""
        chain = [tok]
        while (tok.dep_ in {"xcomp", "conj"} or (
                tok.dep_ == "advcl" and tok.head.lemma_.lower() in self.cues.intent_verbs or
                tok.dep_ == "acl" and tok.head.lemma_.lower() in self.cues.intent_nouns)
                and _to_clause(tok)) and tok.head.i != tok.i and len(chain) < 4:
            tok = tok.head
            chain.append(tok)
        return chain

    def _negated(self, tok: Token) -> bool:
        if tok.dep_ == "pobj" and tok.head.lower_ in self.cues.negators:
            return True  # 'seized the farms without compensation'
        if self._disclaimed(tok):
            return True
        for verb in self._clause_chain(tok)[:2]:
            if verb is not tok and verb.lemma_.lower() in self.cues.reluctance_verbs:
                continue  # 'would not hesitate to use force': it would
            if any(c.dep_ == "neg" or (c.lower_ in self.cues.negators
                                       and c.dep_ in {"det", "advmod"}) or
                   c.lower_ == "longer" and any(g.lower_ == "no" for g in _kids(c))
                   for c in _kids(verb)):  # 'would no longer comply'
                return True
        return False

    def _disclaimed(self, tok: Token) -> bool:
        """'saw no reason to meet Erdogan', 'has no intention of leaving': an act a party
        says it has no reason, need or intention to do (cues ``disclaimed_nouns``)."""
        head = tok.head
        if tok.dep_ == "pcomp" and head.dep_ == "prep":
            head = head.head  # 'no intention of leaving'
        elif tok.dep_ not in {"acl", "relcl"}:
            return False
        return head.lemma_.lower() in self.cues.disclaimed_nouns and any(
            c.dep_ in {"det", "neg"} and c.lower_ == "no" for c in _kids(head))

    def _future(self, tok: Token) -> bool:
        cues = self.cues
        if tok.pos_ in NOUN_POS:
            if any(c.lower_ in cues.future_modifiers for c in _kids(tok)):
                return True
            verb = _governing_verb(tok)
            return verb is not None and self._future(verb)
        for verb in self._clause_chain(tok):
            kids = list(_kids(verb))
            if any(c.dep_ == "aux" and c.lower_ in cues.future_aux for c in kids):
                return True
            if any(c.dep_ == "aux" and c.lower_ in WOULD for c in kids) and \
                    self._under_speech(verb):
                return True
            if verb is not tok and (verb.lemma_.lower() in cues.intent_verbs or
                                    verb.lemma_.lower() in cues.intent_nouns):
                return True
            if verb.dep_ == "xcomp" and verb.head.lemma_ == "be":
                return True  # "is to visit"
        return False

    def _hypothetical(self, tok: Token) -> bool:
        cues = self.cues
        for verb in self._clause_chain(tok):
            kids = list(_kids(verb))
            if any(c.dep_ == "aux" and c.lower_ in cues.hypothetical_aux for c in kids):
                return True
            if any(c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in kids):
                return True
            if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in
                                           cues.conditional_marks for c in _kids(verb)):
                return True
        return False

    def _under_speech(self, verb: Token) -> bool:
        return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.cues.speech_verbs


# ---------------------------------------------------------------- helpers


class _Children(threading.local):
    """The children and conjuncts of the tokens of one Doc, as the coder asks for them
    (per thread)."""

    doc: Doc | None = None
    lists: list[list[Token] | None]
    conjuncts: list[list[Token] | None]


_CHILDREN = _Children()


def _kids(tok: Token) -> list[Token]:
    """A token's syntactic children, left to right (do not change the list).  spaCy's
    ``Token.children`` scans the token's span and makes a new Token for each child on
    every access, and the coder asks for the same ones many times per trigger: each list
    is kept, for the last Doc asked about (``EventCoder.__call__`` starts each Doc
    afresh)."""
    cache = _CHILDREN
    doc = tok.doc
    if cache.doc is not doc:
        cache.doc, cache.lists, cache.conjuncts = doc, [None] * len(doc), [None] * len(doc)
    got = cache.lists[tok.i]
    if got is None:
        got = cache.lists[tok.i] = list(tok.children)
    return got


def _forget_children() -> None:
    """Drop the kept lists (and the Doc they hold): a Doc coded again may have been
    retokenised since, which the identity test in ``_kids`` cannot see."""
    _CHILDREN.doc, _CHILDREN.lists, _CHILDREN.conjuncts = None, [], []


def _own_agents(objects: list[Token], actor: list[Entity], recipient: list[Entity]) -> bool:
    """The object is the actor's own people ('its ambassador', 'their troops')."""
    if not recipient or not actor or {e.code for e in recipient} - {e.code for e in actor}:
        return False
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for tok in objects for c in _kids(tok))


def _clause_depth(tok: Token) -> int:
    """Clauses between a trigger and its sentence's root: 0 for the root and its conjuncts,
    +1 for each complement, adverbial or relative clause on the way up, +1 for an event noun."""
    depth = int(tok.pos_ in NOUN_POS)
    for _ in range(50):
        if tok.head.i == tok.i:  # spaCy makes a new Token on every access: compare indices
            break
        depth += tok.dep_ in {"ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj"}
        tok = tok.head
    return depth


def _to_clause(verb: Token) -> bool:
    """An infinitive: 'to' as the verb's auxiliary."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in _kids(verb))


def _when(prep: Token) -> bool:
    """'on Thursday', 'in March': a preposition of time is no particle ('rounded up dozens
    on Thursday' is no 'round on')."""
    return prep.dep_ == "prep" and any(
        g.dep_ == "pobj" and g.ent_type_ in {"DATE", "TIME"} for g in _kids(prep))


def _harm_verbs(tok: Token) -> list[Token]:
    """The trigger, and the verb it is the subject of ('an attack killed 30 people')."""
    return [tok, tok.head] if tok.dep_ in SUBJECTS and tok.head.i != tok.i else [tok]


def _victim_chars(tok: Token) -> set[int]:
    """Character offsets of the words naming who an act of force hit: the object or passive
    subject of its verb, or of the verb it is the subject of ('an attack killed 30 people')."""
    hit = [c for verb in _harm_verbs(tok) for c in _kids(verb)
           if c.dep_ in OBJECTS or c.dep_ in PASSIVE_SUBJECTS]
    out: set[int] = set()
    while hit:  # the phrase without what is said about it ('the field, an attack X claimed')
        tok = hit.pop()
        out.add(tok.idx)
        hit.extend(c for c in _kids(tok) if c.dep_ not in DESCRIPTIONS)
    return out


def _depth(tok: Token) -> int:
    """Steps from a token up to its sentence root."""
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


def _joint(tokens: list[Token], cues: Cues) -> bool:
    return any(c.lower_ in cues.joint_modifiers for t in tokens for c in _kids(t)
               if c.dep_ in {"amod", "compound"})


def _same_event(out: list[Event], kept: list[_Candidate], event: Event,
                cand: _Candidate) -> int | None:
    """Index of an earlier event this one only elaborates ('struck …, killing …')."""
    codes = {e.code for e in event.actor}
    for i, (prev, pcand) in enumerate(zip(out, kept, strict=True)):
        if prev.event != event.event or {e.code for e in prev.actor} != codes:
            continue
        if cand.token.head.i == pcand.token.i and cand.token.dep_ in {"advcl", "conj", "xcomp"}:
            return i
    return None


def _merged(first: Event, second: Event) -> Event:
    recipients = first.recipient + tuple(e for e in second.recipient if e not in first.recipient)
    return replace(first, recipient=recipients,
                   confidence=max(first.confidence, second.confidence))


def _context_index(onto: Ontology) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    words: dict[str, list[str]] = {}
    phrases: dict[str, list[str]] = {}
    for ctx, keywords in onto.contexts.items():
        for kw in keywords:
            table = phrases if (" " in kw or "-" in kw) else words
            table.setdefault(kw.lower(), []).append(ctx)
    return words, phrases


def _antecedent(tok: Token) -> Token:
    """A relative pronoun ('which', 'whom') stands for the noun its clause modifies."""
    if tok.tag_ in {"WDT", "WP"} and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _object_noun(verb: Token) -> Token | None:
    for c in _kids(verb):
        if c.dep_ in {"dobj", "obj", "attr", "oprd"}:
            return _antecedent(c)
    for c in _kids(verb):
        if c.dep_ in PASSIVE_SUBJECTS:
            return c
    for c in _kids(verb):  # "took part in exercises", "withdrew from the Open Skies Treaty"
        if c.dep_ == "prep":
            for g in _kids(c):
                if g.dep_ == "pobj" and g.pos_ in NOUN_POS:
                    return g
        if c.dep_ in {"prt", "prep"} or c.dep_ == "advmod" and c.lower_ in ADVERB_PARTICLES:
            for p in _kids(c):  # "pulled out of the deal", "stayed away from the talks"
                if p.dep_ == "prep":
                    pobj = next((g for g in _kids(p) if g.dep_ == "pobj"), None)
                    if pobj is not None and pobj.pos_ in NOUN_POS:
                        return pobj
    return None


def _next_noun(verb: Token) -> Token | None:
    """The noun right after a light verb, for when the parse attached it elsewhere
    ('expressed concern on Monday about ...' parsed with 'concern' as a subject)."""
    doc = verb.doc
    for i in range(verb.i + 1, min(verb.i + 4, len(doc))):
        tok = doc[i]
        if tok.pos_ in {"NOUN", "PROPN"}:
            return tok
        if tok.pos_ not in {"DET", "ADJ", "ADV", "PRON"} or tok.dep_ == "nsubj":
            return None
    return None


def _rule(name: str, verb: Token, coded: tuple[str, str, str], confidence: float,
          recipient_preps: tuple[str, ...] = (), pos: str = "verb") -> Trigger:
    """The trigger of a coder rule on ``verb`` (or on a noun, ``pos``): ``coded`` is its
    cue's [type, mode or "", CAMEO]; the id names the rule ('rule:obligation')."""
    etype, mode, cameo = coded
    return Trigger(id=f"rule:{name}", type=etype, lemma=verb.lemma_.lower(), pos=pos,
                   cameo=cameo, mode=mode or None, recipient_preps=recipient_preps,
                   confidence=confidence)


def _inverted(clause: Token) -> bool:
    """'should Congress pass the bill', 'had they known': a condition put by inversion, the
    auxiliary before the clause's subject."""
    aux = next((c for c in _kids(clause) if c.dep_ == "aux"), None)
    subject = next((c for c in _kids(clause) if c.dep_ in SUBJECTS), None)
    return aux is not None and subject is not None and aux.i < subject.i and \
        aux.lower_ in {"should", "had", "were"}


def _is_clause(tok: Token) -> bool:
    """A complement with an auxiliary or 'that'/'to': a clause, not a bare second predicate
    ('found him guilty', 'declared them persona non grata')."""
    return any(c.dep_ in {"aux", "auxpass", "mark"} for c in _kids(tok))


def _is_passive(verb: Token) -> bool:
    return verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in _kids(verb))


def _prep_objects(head: Token, preps: set[str]) -> list[Token]:
    out: list[Token] = []
    for c in _kids(head):
        if c.dep_ in {"prep", "prt", "agent", "dative"} and c.lower_ in preps:
            out.extend(g for g in _kids(c) if g.dep_ in {"pobj", "pcomp"})
    return out


def _conjuncts(tok: Token) -> list[Token]:
    """The tokens coordinated with ``tok``, as ``Token.conjuncts`` gives them, from the
    kept children lists: the first conjunct, then each one's 'conj' children to the right
    in turn (kept like the children; do not change the list)."""
    kids = _kids(tok)  # (and the cache is this Doc's)
    kept = _CHILDREN.conjuncts
    got = kept[tok.i]
    if got is not None:
        return got
    if tok.dep_ != "conj" and all(c.dep_ != "conj" for c in kids):
        got = []
    else:
        start = tok
        while start.dep_ == "conj" and start.head.i != start.i:
            start = start.head
        found = [start]
        for word in found:
            found.extend(c for c in _kids(word) if c.i > word.i and c.dep_ == "conj")
        got = [t for t in found if t.i != tok.i]
    kept[tok.i] = got
    return got


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        for t in (tok, *_conjuncts(tok)):
            if t not in out:
                out.append(t)
    return out


def _np_tokens(tok: Token) -> list[Token]:
    """Tokens of the noun phrase headed by ``tok`` (modifiers, appositions, "of" objects)."""
    out = []
    for c in _kids(tok):
        if c.dep_ in {"compound", "amod", "poss", "appos", "nmod", "npadvmod"}:
            out.append(c)
            out.extend(c.subtree)
        elif c.dep_ == "prep" and c.lower_ == "of":
            out.extend(g for g in _kids(c) if g.dep_ == "pobj")
    return out


def _nearest_verb(tok: Token) -> Token | None:
    for anc in tok.ancestors:
        if anc.pos_ in {"VERB", "AUX"}:
            return anc
    return None


def _governing_verb(noun: Token) -> Token | None:
    """The verb an event noun hangs from, through 'of' phrases ('ten days of drills')."""
    head = noun.head
    for _ in range(2):
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head
        if head.pos_ in {"VERB", "AUX"} and head.i != noun.i:
            return head
        if head.pos_ != "NOUN" or head.dep_ not in {"dobj", "pobj", "nsubjpass"}:
            return None
        noun, head = head, head.head
    return None


def _circumstantial(noun: Token, cues: Cues) -> bool:
    return noun.dep_ == "pobj" and noun.head.lower_ in cues.circumstantial_preps

