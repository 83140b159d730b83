"""Search in plain words: the one module that imports whoosh.

People type what is happening to them ("he follows me home", "forced to marry", "refuje"),
not the names of services. So search runs in two steps over one index directory per data
version (one sub-directory per locale):

1. **phrases**: the plain-language phrases in ``signpost/data/search-phrases.yaml`` (per
   concern and per service, per locale) are small documents. The words typed are matched
   against them (stemmed where Whoosh has a stemmer, character n-grams where it does not),
   which says which concerns and which services the words are about, and why.
2. **services**: the English service text (name, summary, offers, who it is for) is matched
   word for word, with typo tolerance for English words, and every service gets a bonus for
   the concerns and phrases step 1 found. A specialist (few concerns) outranks a service that
   lists every concern.

Speed: with each small index (the real directory's) the build writes a score table, every
term's score in every document as Whoosh's own BM25F scorer gives it, so a search is a few
dictionary sums instead of opening Whoosh matchers. Quoted phrases (which need positions), a
big directory and a damaged table use Whoosh's matchers; tests check both rank alike.

Safety (PROMISES.md P15): the user's text never reaches Whoosh's query parser. It is cleaned,
cut to ``MAX_QUERY_CHARS`` and ``MAX_TERMS`` words, split into plain words and "quoted
phrases", and turned into Term/Phrase/Or nodes on fields chosen here. Each search has a time
budget; on timeout it returns what it has. ``search`` never raises.
"""
from __future__ import annotations

import html
import json
import logging
import os
import re
import shutil
import threading
import time
import unicodedata
import uuid
from collections import OrderedDict
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, NamedTuple

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    NgramFilter,
    StemFilter,
    StopFilter,
    Token,
    Tokenizer,
)
from whoosh.collectors import TopCollector
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.searching import TimeLimit

log = logging.getLogger(__name__)

FORMAT = "signpost-search-4"          # bump when the schema or the layout changes
COMPLETE_MARKER = "SEARCH_INDEX_OK"   # written last: an index dir without it is not used
PHRASES_PATH = Path(__file__).resolve().parent / "data" / "search-phrases.yaml"

MAX_QUERY_CHARS = 200
MAX_RAW_CHARS = 4000        # cut before any normalisation, so a 10 MB body costs nothing
MAX_TERMS = 12
MAX_TERM_CHARS = 40
DEFAULT_BUDGET_MS = 200
# Up to this many documents, an index also gets a score table (see _write_score_table).
TABLE_MAX_DOCS = 2000

LOCALE_TAGS = ("en", "pl", "ro", "lt", "bg", "pt", "pa", "bn", "ur", "ar")
# Locales with a Snowball stemmer in whoosh.lang; the others use folded words + n-grams.
STEMMED = {"en": "en", "pt": "pt", "ro": "ro", "ar": "ar"}

# Fields a query may touch (P15: a test asserts nothing else appears in a built query).
SERVICE_FIELDS = ("name", "text")
PHRASE_FIELDS = ("phrase", "grams")
ALLOWED_FIELDS = frozenset(SERVICE_FIELDS + PHRASE_FIELDS)
ALLOWED_NODES = (wq.Term, wq.Phrase, wq.Or, wq.DisjunctionMax)
# A binary tree of union matchers: Whoosh's default for small indexes preloads every
# sub-query into arrays, which costs more than the search itself here.
_Or = wq.compound.DefaultOr

# Scoring knobs, tuned against tests/search/test_relevance.py.
FIELD_BOOST = {"name": 2.0, "text": 1.0}
# A word in more than this share of services says little about any one of them ("help",
# "support"); it is left out of the service-text step (the phrases step still sees it).
COMMON_WORD_SHARE = 0.3
COMMON_WORD_DOCS = 300        # ...or in more services than this (keeps a big directory fast)
CONCERN_WEIGHT = 1.0          # the best-matching concern adds this times its step-1 score
SERVICE_PHRASE_WEIGHT = 1.0   # a phrase written for one service adds this times its score
ENGLISH_IN_OTHER_LOCALE = 0.8  # English phrases/text when the query is in another locale
FUZZY_WEIGHT = 0.6
GRAM_WEIGHT = 0.35
WHOLE_PHRASE_BOOST = 2.0
RELATIVE_CUTOFF = 0.5          # phrase matches weaker than this share of the best are noise
PROFESSIONAL_FACTOR = 0.75    # staff-only routes rank a little below public ones
OWN_BEHAVIOUR_FACTOR = 0.25   # services for people causing harm, unless their phrase wins
CONCERN_CANDIDATES = 60       # per concern, the most specialised services considered


class Result(NamedTuple):
    id: str
    score: float
    why: str                    # short plain text: the phrase matched, or a sentence
    phrase: str = ""            # the search phrase it matched ("" when it matched text)
    concern: str = ""           # the concern id behind the match, if any


# --------------------------------------------------------------------------- text handling

_QUOTES = str.maketrans({c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\uff02"})
# Word characters, plus the combining marks that Python's \w leaves out (Indic vowel signs,
# Arabic harakat), so a Bengali or Punjabi word is one token. Danda (U+0964/5) splits.
_WORD_RE = re.compile(
    r"(?:[^\W_]|[\u0300-\u036F\u0483-\u0489\u0591-\u05C7\u0610-\u061A\u064B-\u065F\u0670"
    r"\u06D6-\u06ED\u0900-\u0963\u0966-\u0DFF])+"
)
_DROP_MARKS = re.compile(r"[\u0300-\u036F\u064B-\u065F\u0670]")
_FOLD_TABLE = str.maketrans({
    "ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i",
    # Arabic-script spellings that differ between keyboards (Arabic / Urdu)
    "ک": "ك", "ی": "ي", "ى": "ي", "ۀ": "ه", "ہ": "ه", "ة": "ه", "ـ": "",
})


def clean_text(value) -> str:
    """Normalise any text before tokenising: NFKC, no control or format characters."""
    if not isinstance(value, str):
        return ""
    value = value[:MAX_RAW_CHARS]
    if value.isascii() and value.isprintable():
        return value    # nothing to normalise, no control or format characters
    value = unicodedata.normalize("NFKC", value)
    if value.isprintable():
        return value    # no Cc or Cf characters (both count as unprintable)
    # Cc (NUL, controls) and Cf (RTL marks, zero-width joiners, BOM) become nothing.
    return "".join(
        " " if unicodedata.category(ch) == "Cc" else ch
        for ch in value
        if unicodedata.category(ch) != "Cf"
    )


def fold(word: str) -> str:
    """Accent and script folding for one lowercase token: 'śledzi' -> 'sledzi', 'أ' -> 'ا'."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = _DROP_MARKS.sub("", decomposed)
    return unicodedata.normalize("NFC", stripped).translate(_FOLD_TABLE)


class CleanTokenizer(Tokenizer):
    """Split cleaned text into words (see _WORD_RE)."""

    def __eq__(self, other):
        return other.__class__ is self.__class__

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        text = clean_text(value)
        if not tokenize:
            t.original = t.text = text
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(text)
            yield t
            return
        for pos, match in enumerate(_WORD_RE.finditer(text)):
            t.text = match.group(0)[:MAX_TERM_CHARS]
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = t.text
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            yield t


class FoldFilter(Filter):
    """Accent/script folding (see fold)."""

    def __eq__(self, other):
        return other.__class__ is self.__class__

    def __call__(self, tokens):
        for t in tokens:
            t.text = fold(t.text)
            if t.text:
                yield t


def word_analyzer(locale: str):
    """Whole words for a locale: stemmed where Whoosh can, always accent-folded."""
    chain = CleanTokenizer() | LowercaseFilter()
    lang = STEMMED.get(locale)
    if lang == "en":
        # Fold first: English stems do not depend on accents ("café" -> "cafe").
        return chain | FoldFilter() | StopFilter(lang="en") | StemFilter(lang="en")
    if lang:
        try:
            chain = chain | StopFilter(lang=lang)
        except Exception:  # no stop list for this language (ro, ar): keep every word
            chain = chain | StopFilter(stoplist=(), minsize=1)
        # Stem the spelled word, then fold, so "violência" and "violencia" meet.
        return chain | StemFilter(lang=lang) | FoldFilter()
    return chain | FoldFilter() | StopFilter(stoplist=(), minsize=1)


def plain_analyzer():
    """Lowercase folded words, unstemmed: the vocabulary for English typo tolerance."""
    return CleanTokenizer() | LowercaseFilter() | FoldFilter()


def gram_analyzer():
    """Character 3-4-grams of folded words: inflection and typo tolerance without a stemmer."""
    return CleanTokenizer() | LowercaseFilter() | FoldFilter() | NgramFilter(3, 4)


@dataclass
class ParsedQuery:
    """What the user typed, as plain data: words and quoted phrases. Nothing else survives."""

    words: list[str] = field(default_factory=list)      # every word, in order (capped)
    phrases: list[list[str]] = field(default_factory=list)  # quoted groups of 2+ words

    @property
    def text(self) -> str:
        return " ".join(self.words)


def tokenize(query) -> ParsedQuery:
    """Turn user text into plain words and quoted phrases; every syntax character is text."""
    text = clean_text(query if isinstance(query, str) else "")
    text = text.translate(_QUOTES)[:MAX_QUERY_CHARS]
    parsed = ParsedQuery()
    # Only balanced pairs of quotes make phrases; a lone quote is just a separator.
    parts = text.split('"')
    closed = len(parts) if len(parts) % 2 == 1 else len(parts) - 1
    for i, part in enumerate(parts):
        words = [m.group(0)[:MAX_TERM_CHARS] for m in _WORD_RE.finditer(part)]
        room = MAX_TERMS - len(parsed.words)
        words = words[:max(room, 0)]
        if not words:
            continue
        parsed.words.extend(words)
        if i % 2 == 1 and i < closed and len(words) > 1:
            parsed.phrases.append(words)
    return parsed


def _strip_tags(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", " ", markup or ""))


_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+|\n+")


def _sentences(*texts: str) -> list[str]:
    out = []
    for text in texts:
        for s in _SENTENCE_RE.split(text or ""):
            s = " ".join(s.split())
            if len(s) > 3:
                out.append(s[:240])
    return out


# --------------------------------------------------------------------------- phrases data

@dataclass(frozen=True)
class Phrases:
    concerns: dict      # concern id -> {locale: [phrase, ...]}
    services: dict      # service id -> {locale: [phrase, ...]}
    draft_locales: tuple
    first: dict = field(default_factory=dict)   # concern id -> [service id, ...] best first
    own_behaviour: tuple = ()                    # services for people causing harm


_phrases_cache: dict = {}
_phrases_lock = threading.Lock()


def load_phrases(path: Path | str | None = None) -> Phrases:
    """Read search-phrases.yaml with strictyaml (every value a string, no anchors)."""
    import strictyaml as sy

    path = Path(path or PHRASES_PATH)
    key = (str(path), path.stat().st_mtime_ns)
    with _phrases_lock:
        if key in _phrases_cache:
            return _phrases_cache[key]
    per_locale = sy.MapPattern(sy.Str(), sy.Seq(sy.Str()))
    schema = sy.Map({
        "draft_locales": sy.Seq(sy.Str()),
        sy.Optional("ranking"): sy.Map({
            sy.Optional("first"): sy.MapPattern(sy.Str(), sy.Seq(sy.Str())),
            sy.Optional("own_behaviour"): sy.Seq(sy.Str()),
        }),
        "concerns": sy.MapPattern(sy.Str(), per_locale),
        sy.Optional("services"): sy.MapPattern(sy.Str(), per_locale),
    })
    data = sy.load(path.read_text(encoding="utf-8"), schema, label=path.name).data
    phrases = Phrases(
        concerns={k: {loc: list(v) for loc, v in d.items()} for k, d in data["concerns"].items()},
        services={k: {loc: list(v) for loc, v in d.items()}
                  for k, d in data.get("services", {}).items()},
        draft_locales=tuple(data["draft_locales"]),
        first={k: list(v) for k, v in data.get("ranking", {}).get("first", {}).items()},
        own_behaviour=tuple(data.get("ranking", {}).get("own_behaviour", ())),
    )
    with _phrases_lock:
        _phrases_cache[key] = phrases
    return phrases


# --------------------------------------------------------------------------- building

def _services_schema() -> Schema:
    en = word_analyzer("en")
    return Schema(
        id=ID(stored=True, unique=True),
        name=TEXT(analyzer=en),
        text=TEXT(analyzer=en, phrase=False),   # summary first, then offers, who for...
        words=TEXT(analyzer=plain_analyzer(), phrase=False),
        concerns=KEYWORD(stored=True, commas=True),
        audience=STORED(),
        snippets=STORED(),
        first=STORED(),             # "concern:rank" pairs from the ranking data
        own_behaviour=STORED(),
    )


def _phrases_schema(locale: str) -> Schema:
    return Schema(
        target=ID(stored=True),             # "concern:<id>" or "service:<id>"
        phrase=TEXT(analyzer=word_analyzer(locale), stored=True),
        grams=TEXT(analyzer=gram_analyzer(), phrase=False),
        words=TEXT(analyzer=plain_analyzer(), phrase=False),
    )


def _get(obj, name, default=""):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def build_index(services: Iterable, index_dir, locales: Iterable[str] | None = None,
                phrases: Phrases | None = None) -> Path:
    """Write the search index for `services` into `index_dir` (one sub-dir per locale).

    The caller makes the switch atomic (it builds into a new version directory); the
    completion marker is written last, so a half-written directory is never used.
    """
    index_dir = Path(index_dir)
    locales = [loc for loc in (locales or LOCALE_TAGS) if loc in LOCALE_TAGS]
    if "en" not in locales:
        locales.insert(0, "en")   # every query also searches English
    phrases = phrases or load_phrases()
    services = list(services)
    known_ids = {_get(s, "id") for s in services}
    index_dir.mkdir(parents=True, exist_ok=True)
    marker = index_dir / COMPLETE_MARKER
    _ready.discard(str(index_dir))
    if marker.exists():
        marker.unlink()

    for locale in locales:
        loc_dir = index_dir / locale
        if loc_dir.exists():
            shutil.rmtree(loc_dir)
        loc_dir.mkdir(parents=True)
        # Phrase documents: one per phrase, per concern and per service that exists.
        ix = whoosh_index.create_in(str(loc_dir), _phrases_schema(locale), indexname="phrases")
        writer = ix.writer(limitmb=64)
        for kind, table in (("concern", phrases.concerns), ("service", phrases.services)):
            for target, by_locale in sorted(table.items()):
                if kind == "service" and target not in known_ids:
                    continue
                for text in by_locale.get(locale, ()):
                    writer.add_document(target=f"{kind}:{target}", phrase=text, grams=text,
                                        words=text)
        writer.commit()
        _write_score_table(loc_dir, "phrases", PHRASE_FIELDS)

        if locale == "en":
            ix = whoosh_index.create_in(str(loc_dir), _services_schema(), indexname="services")
            writer = ix.writer(limitmb=128)
            for s in services:
                offers = _strip_tags(_get(s, "offers"))
                summary = _get(s, "summary")
                who_for = _get(s, "who_for")
                body = "\n".join(x for x in (
                    offers, who_for, _get(s, "access_notes"), _get(s, "languages"),
                    _get(s, "safe_contact"), _get(s, "how_else"), _get(s, "area")) if x)
                name = _get(s, "name")
                sid = _get(s, "id")
                first = [f"{c}:{ids.index(sid)}" for c, ids in sorted(phrases.first.items())
                         if sid in ids]
                writer.add_document(
                    id=sid, name=name, text=summary + "\n" + body,
                    words="\n".join((name, summary, body)),
                    concerns=",".join(_get(s, "concerns", ()) or ()),
                    audience=_get(s, "audience", "public") or "public",
                    snippets="\n".join(_sentences(summary, who_for, offers)),
                    first=",".join(first),
                    own_behaviour=sid in phrases.own_behaviour,
                )
            writer.commit()
            _write_score_table(loc_dir, "services", SERVICE_FIELDS)
    marker.write_text(FORMAT + "\n" + " ".join(locales) + "\n", encoding="utf-8")
    return index_dir


def _score_table_path(loc_dir: Path, indexname: str) -> Path:
    return loc_dir / f"{indexname}-scores.json"


def _write_score_table(loc_dir: Path, indexname: str, fields: tuple[str, ...]) -> None:
    """Every term's score in every document, as Whoosh's own scorer gives it.

    At the real directory's size a search spends most of its time in Whoosh's matchers
    (opening postings, scoring them one by one). The queries here are only sums of boosted
    terms, so with this table a search becomes a few dictionary lookups, with the very same
    scores. It is written with the index, once per data version, and only for small indexes:
    a big directory is searched with Whoosh's matchers (which skip what cannot rank).
    """
    ix = whoosh_index.open_dir(str(loc_dir), indexname=indexname)
    with ix.searcher() as searcher:
        if searcher.doc_count_all() > TABLE_MAX_DOCS:
            return
        reader = searcher.reader()
        terms: dict[str, list] = {}
        for fieldname in fields:
            for btext in reader.lexicon(fieldname):
                m = searcher.postings(fieldname, btext, weighting=searcher.weighting)
                docs = []
                while m.is_active():
                    docs.append([m.id(), m.score()])
                    m.next()
                terms[fieldname + "\t" + btext.decode("utf-8")] = docs
    _score_table_path(loc_dir, indexname).write_text(
        json.dumps({"format": FORMAT, "terms": terms}, ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8")


_ready: set[str] = set()


def index_ready(index_dir) -> bool:
    """Is there a complete index of this format in `index_dir`? (Remembered once true.)"""
    key = str(index_dir)
    if key in _ready:
        return True
    try:
        marker = Path(index_dir) / COMPLETE_MARKER
        ok = marker.read_text(encoding="utf-8").split("\n", 1)[0] == FORMAT
    except (OSError, ValueError):
        return False
    if ok:
        if len(_ready) > 64:
            _ready.clear()
        _ready.add(key)
    return ok


_build_lock = threading.Lock()


def ensure_index(index_dir, services: Iterable, locales: Iterable[str] | None = None) -> Path:
    """Make sure `index_dir` holds a complete index; build it if not (temp dir + rename).

    Used when the data version was built elsewhere (another host) without an index. Safe
    across threads and processes: the loser of a rename race throws its copy away.
    """
    index_dir = Path(index_dir)
    if index_ready(index_dir):
        return index_dir
    with _build_lock:
        if index_ready(index_dir):
            return index_dir
        tmp = index_dir.with_name(f".{index_dir.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        try:
            build_index(services, tmp, locales)
            if index_dir.exists() and not index_ready(index_dir):
                old = index_dir.with_name(f".{index_dir.name}.old-{uuid.uuid4().hex[:8]}")
                try:
                    os.rename(index_dir, old)
                    shutil.rmtree(old, ignore_errors=True)
                except OSError:
                    pass
            try:
                os.rename(tmp, index_dir)
            except OSError:
                if not index_ready(index_dir):
                    raise
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    return index_dir


# --------------------------------------------------------------------------- open indexes

class _Vocab:
    """English words in the index, for typo correction (a small symmetric-delete table)."""

    def __init__(self, freqs: dict[str, int]):
        self.freqs = freqs
        self.deletes: dict[str, list[str]] = {}
        for word in freqs:
            if len(word) < 4 or not word.isalpha():
                continue
            for variant in _deletes(word, 2 if len(word) >= 6 else 1):
                self.deletes.setdefault(variant, []).append(word)

    def corrections(self, word: str, limit: int = 3) -> list[str]:
        if len(word) < 4 or word in self.freqs or not word.isalpha():
            return []
        maxdist = 2 if len(word) >= 7 else 1
        seen: set[str] = set()
        found = []
        for variant in _deletes(word, maxdist) | {word}:
            for candidate in self.deletes.get(variant, ()):
                if candidate in seen:
                    continue
                seen.add(candidate)
                if candidate[0] != word[0]:
                    continue
                d = _damerau(word, candidate, maxdist)
                if d <= maxdist:
                    found.append((d, -self.freqs.get(candidate, 0), candidate))
        found.sort()
        return [c for _, _, c in found[:limit]]


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    frontier = {word}
    for _ in range(depth):
        nxt = set()
        for w in frontier:
            for i in range(len(w)):
                nxt.add(w[:i] + w[i + 1:])
        out |= nxt
        frontier = nxt
    out.discard(word)
    return out


def _damerau(a: str, b: str, limit: int) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[len(b)]


class _ServiceTable:
    """Per service: concerns, audience, ranking; per concern: candidate services in order."""

    def __init__(self, searcher):
        self.concerns: dict[str, tuple[str, ...]] = {}
        self.audience: dict[str, str] = {}
        self.own_behaviour: set[str] = set()
        self.snippets: dict[str, list[str]] = {}
        self._stems: dict[str, list[tuple[str, frozenset]]] = {}   # filled lazily
        self.ids: dict[int, str] = {}                  # docnum -> service id
        self.rank: dict[tuple[str, str], int] = {}     # (concern, service) -> place in "first"
        by_concern: dict[str, list[str]] = {}
        for _docnum, stored in searcher.reader().iter_docs():
            sid = stored["id"]
            self.ids[_docnum] = sid
            concerns = tuple(c for c in (stored.get("concerns") or "").split(",") if c)
            self.concerns[sid] = concerns
            self.audience[sid] = stored.get("audience") or "public"
            if stored.get("own_behaviour"):
                self.own_behaviour.add(sid)
            for pair in (stored.get("first") or "").split(","):
                concern, _, place = pair.partition(":")
                if concern and place.isdigit():
                    self.rank[(concern, sid)] = int(place)
            self.snippets[sid] = [x for x in (stored.get("snippets") or "").split("\n")[:12] if x]
            for c in concerns:
                by_concern.setdefault(c, []).append(sid)
        self.by_concern = {
            c: sorted(ids, key=lambda sid: (-self.weight(c, sid), sid))[:CONCERN_CANDIDATES]
            for c, ids in by_concern.items()}

    def sentence_stems(self, sid: str) -> list[tuple[str, frozenset]]:
        """A service's sentences with their English stems (computed on first use, kept)."""
        stems = self._stems.get(sid)
        if stems is None:
            stems = [(sentence, frozenset(t.text for t in _EN_ANALYZER(sentence)))
                     for sentence in self.snippets.get(sid, ())]
            self._stems[sid] = stems
        return stems

    def weight(self, concern: str, sid: str) -> float:
        """How strongly a match on `concern` should pull up service `sid` (0..1)."""
        place = self.rank.get((concern, sid))
        if place is not None:
            w = max(1.0 - 0.06 * place, 0.5)
        else:
            n = max(len(self.concerns.get(sid, ())), 1)
            w = 0.45 / (1.0 + 0.35 * (n - 1))   # a specialist outranks an all-rounder
        if sid in self.own_behaviour:
            w *= OWN_BEHAVIOUR_FACTOR
        return w


class _Shared:
    """Immutable, shared across threads: the vocabulary and the service table."""

    def __init__(self, vocab: _Vocab | None, table: _ServiceTable | None):
        self.vocab = vocab
        self.table = table


_shared_lock = threading.Lock()
MAX_OPEN_VERSIONS = 3


class _PerVersion:
    """Values read once per index version and shared by every thread; the oldest are forgotten
    beyond `max_entries` (the data has moved on)."""

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._data: OrderedDict = OrderedDict()

    def __contains__(self, key) -> bool:
        with _shared_lock:
            return key in self._data

    def get(self, key, read, keep_none: bool = True):
        """The value kept for `key`, or `read()` the first time. Reading happens outside the
        lock (it may take a while); two threads reading at once both get a right answer."""
        with _shared_lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        value = read()
        if value is not None or keep_none:
            with _shared_lock:
                self._data[key] = value
                while len(self._data) > self.max_entries:
                    self._data.popitem(last=False)
        return value

    def clear(self) -> None:
        with _shared_lock:
            self._data.clear()


_shared = _PerVersion(MAX_OPEN_VERSIONS)

# Open searchers, pooled per (index dir, locale, index name). A Whoosh searcher reads its
# files with seek+read, so one searcher serves one search at a time: a search borrows one
# from the pool (opening one only when all are busy) and gives it back. Opening is the slow
# part, so a process opens about as many as it runs searches at once, and keeps them.
_pools: "OrderedDict[str, dict[tuple[str, str], list]]" = OrderedDict()
_pool_lock = threading.Lock()


def _open_new(index_dir: Path, locale: str, indexname: str):
    path = index_dir / locale
    if path.is_dir() and whoosh_index.exists_in(str(path), indexname=indexname):
        return whoosh_index.open_dir(str(path), indexname=indexname).searcher()
    return None


def _close(searcher) -> None:
    try:
        searcher.close()
    except Exception:
        pass


@contextmanager
def _borrow(index_dir: Path, locale: str, indexname: str):
    """A searcher for one index, for the length of a `with` block (None if there is none)."""
    dir_key, key = str(index_dir), (locale, indexname)
    searcher = None
    with _pool_lock:
        pools = _pools.get(dir_key)
        if pools is not None:
            _pools.move_to_end(dir_key)
            free = pools.get(key)
            if free:
                searcher = free.pop()
    if searcher is None:
        searcher = _open_new(index_dir, locale, indexname)
    try:
        yield searcher
    finally:
        if searcher is not None:
            stale = []
            with _pool_lock:
                pools = _pools.get(dir_key)
                if pools is None:
                    pools = _pools[dir_key] = {}
                    # Keep a few data versions; close the oldest when the data moves on.
                    while len(_pools) > MAX_OPEN_VERSIONS:
                        _, old = _pools.popitem(last=False)
                        stale.extend(x for free in old.values() for x in free)
                pools.setdefault(key, []).append(searcher)
            for old in stale:
                _close(old)


def pooled(index_dir, locale: str = "en", indexname: str = "services") -> list:
    """The idle searchers kept for one index (for tests and diagnostics)."""
    with _pool_lock:
        return list(_pools.get(str(index_dir), {}).get((locale, indexname), ()))


def _shared_for(index_dir: Path) -> _Shared | None:
    return _shared.get(str(index_dir), lambda: _read_shared(index_dir), keep_none=False)


def _read_shared(index_dir: Path) -> _Shared | None:
    with _borrow(index_dir, "en", "services") as services, \
            _borrow(index_dir, "en", "phrases") as phrases:
        if services is None:
            return None
        freqs: dict[str, int] = {}
        for s in (services, phrases):
            if s is None:
                continue
            reader = s.reader()
            for btext, info in reader.iter_field("words"):
                word = btext.decode("utf-8") if isinstance(btext, bytes) else btext
                freqs[word] = freqs.get(word, 0) + info.doc_frequency()
        return _Shared(_Vocab(freqs), _ServiceTable(services))


_phrase_docs_cache = _PerVersion(MAX_OPEN_VERSIONS * len(LOCALE_TAGS))


def _phrase_docs(index_dir: Path, locale: str, searcher) -> dict:
    """docnum -> stored fields of a (small) phrases index, read once and shared."""
    return _phrase_docs_cache.get((str(index_dir), locale),
                                  lambda: dict(searcher.reader().iter_docs()))


_tables = _PerVersion(MAX_OPEN_VERSIONS * 2 * len(LOCALE_TAGS))


def _score_table(index_dir: Path, locale: str, indexname: str) -> dict | None:
    """(field, term) -> ((docnum, score), ...) for a small index, read once per version.

    None when the index has no table (a big directory) or it cannot be read: the search
    then runs on Whoosh's matchers, with the same results.
    """
    return _tables.get((str(index_dir), locale, indexname), lambda: _read_score_table(
        _score_table_path(Path(index_dir) / locale, indexname)))


def _read_score_table(path: Path) -> dict | None:
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["format"] != FORMAT:
            return None
        return {tuple(k.split("\t", 1)): tuple((int(d), float(sc)) for d, sc in docs)
                for k, docs in data["terms"].items()}
    except Exception as exc:  # a damaged file costs speed, never an answer
        log.warning("search score table unreadable: %s", type(exc).__name__)
        return None


def clear_caches() -> None:
    """Close the idle searchers and forget shared tables (tests, rebuilds)."""
    with _pool_lock:
        idle = [x for pools in _pools.values() for free in pools.values() for x in free]
        _pools.clear()
    for searcher in idle:
        _close(searcher)
    for cache in (_shared, _phrase_docs_cache, _tables):
        cache.clear()


# --------------------------------------------------------------------------- queries

# The words of one search, analysed once each per analyzer (a search analyses the same word
# for several fields, steps and snippets). Set for the length of one search and dropped
# after it, so it never holds what anyone typed beyond their own request.
_analysed: ContextVar[dict | None] = ContextVar("signpost_search_analysed", default=None)


def _terms(schema, fieldname: str, text: str) -> list[str]:
    try:
        field = schema[fieldname]
        memo = _analysed.get()
        if memo is None:
            return list(field.process_text(text, mode="query"))
        key = (id(field.analyzer), text)
        terms = memo.get(key)
        if terms is None:
            terms = memo[key] = list(field.process_text(text, mode="query"))
        return terms
    except Exception:
        return []


def _word_query(schema, fieldname: str, word: str, boost: float):
    terms = list(dict.fromkeys(_terms(schema, fieldname, word)))
    if not terms:
        return None
    if len(terms) == 1:
        return wq.Term(fieldname, terms[0], boost=boost)
    return _Or([wq.Term(fieldname, t, boost=boost / len(terms) ** 0.5) for t in terms])


def _phrase_query(schema, fieldname: str, words: list[str], boost: float):
    terms = []
    for w in words:
        terms.extend(_terms(schema, fieldname, w))
    if len(terms) < 2:
        return None
    return wq.Phrase(fieldname, terms[:MAX_TERMS], boost=boost)


def _phrase_index_query(schema, parsed: ParsedQuery, fuzzy: dict[str, list[str]],
                        grams: bool):
    parts = []
    for word in dict.fromkeys(parsed.words):
        alts = []
        q = _word_query(schema, "phrase", word, 1.0)
        if q is not None:
            alts.append(q)
        for c in fuzzy.get(word, ()):
            q = _word_query(schema, "phrase", c, FUZZY_WEIGHT)
            if q is not None:
                alts.append(q)
        if grams:
            q = _word_query(schema, "grams", word, GRAM_WEIGHT)
            if q is not None:
                alts.append(q)
        if alts:
            parts.append(alts[0] if len(alts) == 1 else _Or(alts))
    for words in parsed.phrases:
        q = _phrase_query(schema, "phrase", words, WHOLE_PHRASE_BOOST)
        if q is not None:
            parts.append(q)
    return _Or(parts) if parts else None


def _service_index_query(schema, parsed: ParsedQuery, fuzzy: dict[str, list[str]],
                         reader=None):
    """Plain words (and their typo corrections) on the service name and text.

    One flat Or, so Whoosh can skip blocks that cannot reach the top results. Quoted
    phrases count as their words here: phrase positions are checked in the (small) phrases
    step, where they are cheap. Very common words are left out when the index is known.
    """
    weighted: dict[tuple[str, str], float] = {}
    for word in dict.fromkeys(parsed.words):
        for fieldname in SERVICE_FIELDS:
            boost = FIELD_BOOST[fieldname]
            for term in _terms(schema, fieldname, word):
                key = (fieldname, term)
                weighted[key] = max(weighted.get(key, 0.0), boost)
            for c in fuzzy.get(word, ()):
                for term in _terms(schema, fieldname, c):
                    key = (fieldname, term)
                    weighted[key] = max(weighted.get(key, 0.0), boost * FUZZY_WEIGHT)
    if reader is not None and weighted:
        limit = max(min(COMMON_WORD_SHARE * reader.doc_count(), COMMON_WORD_DOCS), 3)
        df = {key: reader.doc_frequency(*key) for key in weighted}
        kept = {key: w for key, w in weighted.items() if 0 < df[key] <= limit}
        weighted = kept
    parts = [wq.Term(f, t, boost=w) for (f, t), w in weighted.items()]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else _Or(parts)


def parse_query(query, locale: str = "en", index_dir=None) -> list:
    """The Whoosh query objects a search would run (for tests: only Term/Phrase/Or nodes).

    Without an index_dir, builds against the schemas alone (no typo expansion).
    """
    parsed = tokenize(query)
    locale = locale if locale in LOCALE_TAGS else "en"
    fuzzy: dict[str, list[str]] = {}
    if index_dir is not None:
        shared = _shared_for(Path(index_dir))
        if shared is not None and shared.vocab is not None:
            fuzzy = _fuzzy(shared.vocab, parsed)
    out = []
    for loc in dict.fromkeys((locale, "en")):
        q = _phrase_index_query(_phrases_schema(loc), parsed, fuzzy if loc == "en" else {},
                                grams=loc != "en")
        if q is not None:
            out.append(q)
    q = _service_index_query(_services_schema(), parsed, fuzzy)
    if q is not None:
        out.append(q)
    return out


def _in_order(schema, phrase: str, parsed: ParsedQuery) -> bool:
    """Do the phrase's words appear in the query, together and in the same order?"""
    want = _terms(schema, "phrase", phrase)
    have = _terms(schema, "phrase", parsed.text)
    if not want:
        return False
    n = len(want)
    return any(have[i:i + n] == want for i in range(len(have) - n + 1))


def _fuzzy(vocab: _Vocab, parsed: ParsedQuery) -> dict[str, list[str]]:
    out = {}
    for word in dict.fromkeys(parsed.words):
        w = fold(word.lower())
        corrections = vocab.corrections(w)
        if corrections:
            out[word] = corrections
    return out


class _BudgetCollector(TopCollector):
    """A top-N collector that stops at a deadline (no threads, no signals)."""

    def __init__(self, limit: int, deadline: float):
        super().__init__(limit=limit)
        self.deadline = deadline

    def collect(self, sub_docnum):
        if time.perf_counter() > self.deadline:
            raise TimeLimit
        return super().collect(sub_docnum)


def _term_leaves(q, boost: float = 1.0, out: list | None = None,
                 rest: list | None = None) -> list | None:
    """A query of Terms and Ors as (field, term, boost) leaves; None if it cannot be split.

    Whoosh scores such a query as the sum of each matching Term's score times the boosts
    above it (a Term listed twice counts twice), which is what the score table reproduces.
    Other nodes (quoted phrases, which need word positions) go to `rest` when one is given.
    """
    out = [] if out is None else out
    if isinstance(q, wq.Term):
        out.append((q.fieldname, q.text, boost * q.boost))
        return out
    if isinstance(q, wq.Or) and q.scale is None and not q.minmatch:
        # Whoosh ignores the boost of an Or with a single clause.
        inner = boost * q.boost if len(q.subqueries) > 1 else boost
        for sub in q.subqueries:
            if _term_leaves(sub, inner, out, rest) is None:
                return None
        return out
    if rest is not None and boost == 1.0:
        rest.append(q)
        return out
    return None


def _table_run(table: dict, leaves: list, limit: int,
               scores: dict[int, float] | None = None) -> list[tuple[float, int]]:
    scores = {} if scores is None else scores
    for fieldname, text, boost in leaves:
        for docnum, score in table.get((fieldname, text), ()):
            scores[docnum] = scores.get(docnum, 0.0) + score * boost
    # Ties go to the lower document number, as in Whoosh's top-N collector.
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [(score, docnum) for docnum, score in ranked]


def _whoosh_run(searcher, q, limit: int, deadline: float) -> list[tuple[float, int]]:
    collector = _BudgetCollector(limit, deadline)
    try:
        searcher.search_with_collector(q, collector)
    except TimeLimit:
        pass
    try:
        results = collector.results()
        return [(hit.score, hit.docnum) for hit in results]
    except Exception:
        return []


def _run(searcher, q, limit: int, deadline: float,
         table: dict | None = None) -> list[tuple[float, int]]:
    """(score, docnum) pairs, best first; partial when the deadline passes.

    With a score table, the plain terms are summed from it and only quoted phrases (which
    need word positions) run on Whoosh's matchers; their scores add up as Whoosh's Or would.
    """
    if searcher is None or q is None or time.perf_counter() > deadline:
        return []
    rest: list = []
    leaves = _term_leaves(q, rest=rest) if table is not None else None
    if leaves is None:
        return _whoosh_run(searcher, q, limit, deadline)
    scores: dict[int, float] = {}
    if rest:
        every = searcher.doc_count_all()
        for score, docnum in _whoosh_run(searcher, rest[0] if len(rest) == 1 else _Or(rest),
                                         every, deadline):
            scores[docnum] = score
    return _table_run(table, leaves, limit, scores)


def _budget_ms() -> float:
    try:
        from flask import current_app, has_app_context
        if has_app_context():
            return float(current_app.config.get("SEARCH_BUDGET_MS", DEFAULT_BUDGET_MS))
    except Exception:
        pass
    return float(DEFAULT_BUDGET_MS)


def search(index_dir, query, locale: str = "en", limit: int = 10,
           budget_ms: float | None = None) -> list[Result]:
    """Services for what someone typed, best first. Never raises; returns [] on any failure."""
    try:
        budget = budget_ms if budget_ms is not None else _budget_ms()
        limit = max(1, min(int(limit), 50))
        return _search(Path(index_dir), query, locale, limit, max(float(budget), 1.0) / 1000.0)
    except Exception as exc:  # never raise to a page; never log what was typed
        log.warning("search failed: %s", type(exc).__name__)
        return []


def _search(index_dir: Path, query, locale: str, limit: int, budget_s: float) -> list[Result]:
    parsed = tokenize(query)
    if not parsed.words:
        return []
    locale = locale if locale in LOCALE_TAGS else "en"
    # Opening an index (once per pooled searcher and version) is not charged to the budget.
    shared = _shared_for(index_dir)
    if shared is None:
        return []
    token = _analysed.set({})
    try:
        with ExitStack() as stack:
            phrase_searchers = {loc: stack.enter_context(_borrow(index_dir, loc, "phrases"))
                                for loc in dict.fromkeys((locale, "en"))}
            services = stack.enter_context(_borrow(index_dir, "en", "services"))
            # Reading the stored phrases and the score tables (once per version) is not either.
            phrase_steps = {
                loc: (searcher, _phrase_docs(index_dir, loc, searcher),
                      _score_table(index_dir, loc, "phrases"))
                for loc, searcher in phrase_searchers.items() if searcher is not None}
            return _ranked(parsed, locale, limit, budget_s, shared, phrase_steps,
                           services, _score_table(index_dir, "en", "services"))
    finally:
        _analysed.reset(token)


def _ranked(parsed: ParsedQuery, locale: str, limit: int, budget_s: float, shared: _Shared,
            phrase_steps: dict, services, services_scores: dict | None) -> list[Result]:
    """Both steps with the borrowed searchers, stored phrases and score tables; the time
    budget starts here."""
    deadline = time.perf_counter() + budget_s
    table = shared.table
    fuzzy = _fuzzy(shared.vocab, parsed) if shared.vocab else {}

    # Step 1: phrases -> concern and service weights, each with its best phrase.
    concern_w: dict[str, tuple[float, str]] = {}
    service_w: dict[str, tuple[float, str]] = {}
    for loc, (searcher, stored_docs, scores_of) in phrase_steps.items():
        factor = 1.0 if loc == locale else ENGLISH_IN_OTHER_LOCALE
        q = _phrase_index_query(searcher.schema, parsed, fuzzy if loc == "en" else {},
                                grams=loc != "en")
        for score, docnum in _run(searcher, q, 30, deadline, scores_of):
            stored = stored_docs.get(docnum)
            if stored is None:
                continue
            kind, _, target = stored["target"].partition(":")
            bucket = concern_w if kind == "concern" else service_w
            score *= factor
            phrase = stored.get("phrase", "")
            if kind == "service" and target in table.own_behaviour and not _in_order(
                    searcher.schema, phrase, parsed):
                # "my partner hurts me" is not "I hurt my partner": for services for people
                # causing harm, the phrase must appear in order, or it barely counts.
                score *= OWN_BEHAVIOUR_FACTOR
            if score > bucket.get(target, (0.0, ""))[0]:
                bucket[target] = (score, phrase)
    # Only matches close to the best one count: "he hits me" is not about every concern.
    top = max([v[0] for v in concern_w.values()] + [v[0] for v in service_w.values()] + [0.0])
    concern_w = {c: v for c, v in concern_w.items() if v[0] >= RELATIVE_CUTOFF * top}
    service_w = {c: v for c, v in service_w.items() if v[0] >= RELATIVE_CUTOFF * top}

    # Step 2: service text, plus the concern and phrase bonuses.
    scores: dict[str, float] = {}
    why: dict[str, tuple[str, str, str]] = {}   # id -> (why, phrase, concern)
    searcher = services
    if searcher is not None:
        factor = 1.0 if locale == "en" else ENGLISH_IN_OTHER_LOCALE
        q = _service_index_query(searcher.schema, parsed, fuzzy, searcher.reader())
        for score, docnum in _run(searcher, q, limit + 10, deadline, services_scores):
            sid = table.ids.get(docnum)
            if sid is None:
                continue
            scores[sid] = scores.get(sid, 0.0) + score * factor
    best_bonus: dict[str, float] = {}
    for concern, (w, phrase) in concern_w.items():
        for sid in table.by_concern.get(concern, ()):
            bonus = CONCERN_WEIGHT * w * table.weight(concern, sid)
            scores[sid] = scores.get(sid, 0.0) + bonus
            if bonus > best_bonus.get(sid, 0.0):
                best_bonus[sid] = bonus
                why[sid] = (phrase, phrase, concern)
    for sid, (w, phrase) in service_w.items():
        if sid not in table.concerns:
            continue
        bonus = SERVICE_PHRASE_WEIGHT * w
        scores[sid] = scores.get(sid, 0.0) + bonus
        if bonus >= best_bonus.get(sid, 0.0):
            why[sid] = (phrase, phrase, "")
    for sid in scores:
        if table.audience.get(sid) == "professional":
            scores[sid] *= PROFESSIONAL_FACTOR

    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    out = []
    for sid, score in ranked:
        if sid in why:
            text, phrase, concern = why[sid]
        else:
            text, phrase, concern = _snippet(table, sid, parsed, fuzzy), "", ""
        out.append(Result(sid, round(score, 4), text, phrase, concern))
    return out



def _snippet(table: _ServiceTable, sid: str, parsed: ParsedQuery,
             fuzzy: dict[str, list[str]]) -> str:
    """The service sentence that shares most stems with the query (plain text)."""
    wanted = _snippet_stems(parsed, fuzzy)
    sentences = table.sentence_stems(sid) or [("", frozenset())]
    best, best_n = sentences[0][0], 0
    for sentence, stems in sentences:
        n = len(wanted & stems)
        if n > best_n:
            best, best_n = sentence, n
    return best[:200]


def _snippet_stems(parsed: ParsedQuery, fuzzy: dict[str, list[str]]) -> frozenset:
    """The English stems of the query and its typo corrections (once per search)."""
    memo = _analysed.get()
    if memo is not None and "snippet" in memo:
        return memo["snippet"]
    wanted = set()
    for word in parsed.words:
        wanted.update(t.text for t in _EN_ANALYZER(word))
        for c in fuzzy.get(word, ()):
            wanted.update(t.text for t in _EN_ANALYZER(c))
    wanted = frozenset(wanted)
    if memo is not None:
        memo["snippet"] = wanted
    return wanted


_EN_ANALYZER = word_analyzer("en")
