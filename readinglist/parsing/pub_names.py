"""Telling a list of person names from a title, a venue or an affiliation, by the names' shape.

A name is one to six tokens: capitalised words (`Jean-Pierre`, `O'Brien`, `McDonald`),
initials (`J.`, `J.-P.`), particles (`van`, `de`, `d'Aspremont`), suffixes (`Jr.`), or one run of
CJK or Hangul characters (`张伟`). It ends in a surname, holds a capitalised word and none of the
words titles and affiliations are made of (`Learning`, `Networks`, `University`), so a Title
Case title never passes for a name. Names are joined by `,`, `and`, `&`, `;`, `·` or `•`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PARTICLES = word_set(
    "van von der den de del della di da das dos du la le ten ter zu bin binti ibn al el y e"
)
_HONORIFICS = frozenset(["Dr.", "Prof.", "Mr.", "Mrs.", "Ms.", "Dr", "Prof"])
_SUFFIXES = frozenset(["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"])
# Capitalised words of titles, headings and venues that are (almost) never part of a name.
_TITLE_WORDS = word_set(
    """
    a all an and are as at be beyond by can do does for from how in is into it its new not of on
    or our over the their to toward towards under via what when where which why with without you
    your need learning deep neural network networks model models language languages large
    efficient robust scalable adaptive data graph graphs training inference optimization
    generative diffusion transformer transformers attention reinforcement policy policies vision
    visual image images video videos text speech audio semantic representation representations
    analysis approach method methods framework system systems theory algorithm algorithms
    estimation detection segmentation recognition generation prediction benchmark benchmarks
    dataset datasets survey study evaluation understanding reasoning knowledge agent agents
    supervised unsupervised contrastive federated bayesian stochastic gradient descent convex
    sparse linear nonlinear random kernel online offline dynamic dynamics control planning
    retrieval question questions answering translation machine machines human humans interactive
    probabilistic causal fairness privacy secure security quantum molecular protein proteins
    clinical medical memory scaling pretraining tuning zero shot few continual transfer
    domain adversarial attacks defense explainable interpretable uncertainty calibration
    compression quantization pruning distillation hardware software program programs mixture
    experts sequence sequences series temporal spatial objects scene scenes cloud clouds
    rendering radiance geometry shape shapes motion pose tracking navigation robot robots
    robotics manipulation autonomous driving embodied multimodal multilingual resource compute
    optimal loss regularization normalization convolutional recurrent layer layers architecture
    architectures sampling markov process processes gaussian variational autoencoder
    autoencoders flows equations differential solving solver problems problem functions
    function spaces matrix tensor factorization bounds complexity convergence provable
    guarantees generalization simple better improving improved rethinking revisiting unified
    universal general open world introduction chapter lecture notes tutorial workshop workshops
    conference proceedings journal symposium international annual transactions letters review
    preprint accepted papers paper oral orals spotlight spotlights poster posters publications
    selected recent talks talk home about contact teaching news projects project members
    students people research group lab menu search page slides pdf bibtex abstract citation
    award best honorable mention volume issue pages edition press books book thesis code
    university universities institute institut college school laboratory laboratories
    department center centre academy sciences science foundation hospital national technology
    technologies polytechnic inc corp corporation company labs google deepmind microsoft meta
    facebook openai anthropic amazon nvidia ibm intel baidu alibaba tencent huawei bytedance
    samsung mit cmu eth epfl inria cnrs riken ai ml nlp cv llm llms gpt bert
    """
)
# Word endings of title words (`Intractable`, `Likelihoods`, `Generalization`) that names of
# that length hardly have; short names with them (`Clive`, `Clement`) stay names.
_TITLE_ENDINGS = (
    "tion", "tions", "ness", "ity", "ities", "ment", "ments", "ism", "isms", "ics", "able",
    "ible", "ive", "ives", "ous", "ized", "ised", "izing", "ising", "ality", "ances", "ences",
    "hood", "hoods", "ship", "ships", "ical", "ally", "ably", "ware",
)  # fmt: skip
_AFFILIATION_WORDS = word_set(
    """
    university universities univ institute institut college school laboratory laboratories lab
    labs department dept center centre academy sciences foundation hospital national technology
    polytechnic inc corp corporation company research google deepmind microsoft meta facebook
    openai anthropic amazon nvidia ibm intel baidu alibaba tencent huawei bytedance samsung mit
    cmu eth epfl inria cnrs riken ai stanford berkeley harvard oxford cambridge toronto mila
    tsinghua peking
    """
)
# Acronyms of titles that look like initials run together (`RL Agents`, `GAN Training`).
_ACRONYMS = word_set(
    "AI ML NLP CV LLM GPT RL GAN GNN CNN RNN VAE MDP SGD QA IR ASR TTS MT NER KG RAG API GPU TPU "
    "AR VR XR IOT NN DNN SVM PCA ODE PDE SAT SMT TSP LP QP HMM CRF EM MCMC RF BO GP "
    # venues and institutions: `ACL Anthology`, `MIT Press`
    "ACL KDD WWW CHI UAI RSS CCS FSE ASE ALT SDM KR CAV MIT CMU ETH UCL NYU USC UCB IBM ACM "
    "AMS APS IOP"
)
_LOWER_NAME = re.compile(r"[a-z]{2,}(?: [a-z]{2,}){1,2}")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]{1,6}")
_INITIALS = re.compile(r"(?:[^\W\d_][a-z]?\.)(?:-?[^\W\d_]\.)*")
# Footnote marks on names: `Smith*`, `Smith†`, `Smith¹`, `Smith1,2`.
_MARKS = re.compile(r"[*†‡§¶#✉⁰¹²³⁴⁵⁶⁷⁸⁹]+|(?<=[^\W\d_])\d+(?:,\d+)*$")
_PARENS = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
_SEPARATORS = re.compile(
    r"\s*(?:,\s*(?:and|&|et(?!\s+al\b)|und)\s+|;\s*|,\s*|\s+(?:and|&|et(?!\s+al\b)|und)\s+"
    r"|\s+[·•|]\s+)"
)
_MORE = re.compile(r",?\s*\+\s*\d+\s+(?:more\s+)?authors?\s*,?\s*")
_ET_AL_ENDS = ("al", "al.", "…", "...", "others")
_ET_AL = re.compile(r"(?:,?\s*(?:et\.?\s+al\.?|and others|…|\.\.\.))$")
_LABEL = re.compile(r"^(?:authors?|by|with)\s*:?\s+", re.IGNORECASE)


# A page repeats its authors' names and tokens, and each layout tests the same parts of a line
# again: the tests below are pure functions of their text, so they are cached (bounded).
_cached = lru_cache(maxsize=1 << 14)


class Names(NamedTuple):
    names: list[str]
    truncated: bool  # the list ended with `et al.`


def _is_capword(token: str) -> bool:
    if not token[0].isupper():
        return False
    core = token.replace("-", "").replace("'", "").replace("’", "")
    return (core.isalpha() and not core.isupper()) or (len(core) == 1 and core.isalpha())


@_cached
def _token_kind(token: str) -> str | None:
    """`word`, `initial`, `particle`, `suffix`, `cjk` or None when no name holds it."""
    if token in _SUFFIXES:
        return "suffix"
    if token in _HONORIFICS:
        return None  # `Dr. Jane Doe` is a person introduced, never an author list
    if token in _PARTICLES or (token.startswith(("d'", "d’", "l'", "l’")) and len(token) > 3):
        return "particle"
    if token[0].isupper() and (_INITIALS.fullmatch(token) or len(token) == 1):
        return "initial"
    if _CJK.fullmatch(token):
        return "cjk"
    if 2 <= len(token) <= 3 and token.isalpha() and token.isupper():
        # initials run together: `AN Gomez` (Google Scholar), `Smith AB` (PubMed)
        return None if token in _ACRONYMS else "block"
    if len(token) >= 4 and token.replace("-", "").isalpha() and token.isupper():
        # a surname in capitals: `Jean DUPONT`
        return None if token.lower() in _TITLE_WORDS else "caps"
    lower = token.lower()
    if lower in _TITLE_WORDS or (len(token) >= 8 and lower.endswith(_TITLE_ENDINGS)):
        return None
    return "word" if _is_capword(token) else None


@_cached
def clean_name(text: str) -> str:
    """A printed name without footnote marks, bold markers or a parenthesised affiliation."""
    text = _MARKS.sub("", text.replace("**", "").replace("__", ""))
    if "(" in text or "[" in text:
        text = _PARENS.sub("", text)
    return " ".join(text.split()).strip(" ,;")


@_cached
def is_name(text: str) -> bool:
    tokens = text.split()
    if not 1 <= len(tokens) <= 6:
        return False
    kinds = [_token_kind(token) for token in tokens]
    if None in kinds:
        return False
    if len(tokens) == 1:
        return kinds[0] == "cjk" and len(tokens[0]) >= 2
    if "block" in kinds:
        return kinds in (["block", "word"], ["word", "block"])
    if "caps" in kinds:  # beside a given name in plain case only
        return kinds.count("caps") == 1 and "word" in kinds
    if kinds[-1] == "suffix":
        kinds = kinds[:-1]
    last = kinds[-1]
    # `Smith J.` and `Smith, J.` (surname first, initials after) are names too.
    if last == "initial" and kinds[0] == "word":
        return all(kind == "initial" for kind in kinds[1:])
    return (last in ("word", "cjk") and "word" in kinds) or all(kind == "cjk" for kind in kinds)


def _could_start(head: str) -> bool:
    """The list's first part is a name, a surname before its initials, or an affiliation."""
    tokens = head.split()
    if not tokens or len(tokens) > 6:
        return False
    return all(_token_kind(t) is not None for t in tokens) or _is_affiliation(head)


def _surname_first(parts: list[str]) -> list[str] | None:
    """`Smith, J., Jones, K.` split at every comma: pair each surname with its initials."""
    if len(parts) < 2 or len(parts) % 2:
        return None
    pairs = []
    for surname, initials in zip(parts[::2], parts[1::2], strict=True):
        if not initials.replace(" ", "") or not _INITIALS.fullmatch(initials.replace(" ", "")):
            return None
        pairs.append(f"{surname}, {initials}")
    return pairs


@_cached
def split_names(text: str) -> Names | None:
    """The names of a printed author list, or None when any part of it is no name."""
    text = _LABEL.sub("", text.strip().rstrip(";"))
    truncated = False
    if "+" in text:  # Semantic Scholar: `A, B, +3 authors E`
        text, hidden = _MORE.subn(", ", text)
        truncated = hidden > 0
    match = _ET_AL.search(text) if text.endswith(_ET_AL_ENDS) else None
    if match is not None:
        text, truncated = text[: match.start()], True
    text = text.rstrip(" ,")
    if text.endswith(".") and not _INITIALS.fullmatch(text.rsplit(" ", 1)[-1]):
        text = text[:-1]
    if not text or len(text) > 1500:
        return None
    if ";" in text and "," in text:
        given_last = _semicolon_names(text, truncated)  # `Smith, John; Doe, Jane`
        if given_last is not None:
            return given_last
    first = _SEPARATORS.search(text, 0, 120)
    head = clean_name(text[: first.start()] if first is not None else text)
    if not _could_start(head):
        return None  # most texts (titles, prose) fail on their first words
    names: list[str] = []
    affiliations = lower = 0
    raw_parts = _SEPARATORS.split(text)
    for raw in raw_parts:
        part = clean_name(raw)
        part = part if part.endswith(".") else part.strip(" .,")
        if not part:
            continue
        if is_name(part):
            names.append(part)
        elif _LOWER_NAME.fullmatch(part) and not any(w in _TITLE_WORDS for w in part.split()):
            names.append(part)  # `yelong shen`, as its author typed it: a few among real names
            lower += 1
        elif _is_affiliation(part):
            affiliations += 1  # `Name · Name · Google DeepMind`: left out
        elif len(raw_parts) > 1 and _INITIALS.fullmatch(raw_parts[1].replace(" ", "")):
            return _surname_first_names(raw_parts, truncated)  # `Smith, J., Jones, K.`
        else:
            return None  # the first part that is no name ends the test: linear on any text
    if not names or affiliations > len(names) or lower * 4 > len(names):
        return None
    return Names(names, truncated)


def surname_given(text: str) -> Names | None:
    """One name printed surname first: `Okafor, Ada`."""
    return _semicolon_names(text.strip(), False) if text.count(",") == 1 else None


def _semicolon_names(text: str, truncated: bool) -> Names | None:
    names = []
    for part in text.split(";"):
        surname, comma, given = clean_name(part).partition(",")
        if not comma or not is_name(f"{given.strip()} {surname.strip()}"):
            return None
        names.append(f"{surname.strip()}, {given.strip()}")
    return Names(names, truncated)


def _surname_first_names(raw_parts: list[str], truncated: bool) -> Names | None:
    parts = [clean_name(part) for part in raw_parts]
    paired = _surname_first([p if p.endswith(".") else p.strip(" .,") for p in parts if p])
    if paired is not None and all(is_name(p.replace(",", "")) for p in paired):
        return Names(paired, truncated)
    return None


def _is_affiliation(text: str) -> bool:
    return any(word.strip(".,").lower() in _AFFILIATION_WORDS for word in text.split())


def mostly_names(text: str) -> bool:
    """Half the comma-separated parts of a text or more are names: an author list, perhaps
    damaged, never a title (`A Vaswani, N Shazeer, AN Gomez, ...`)."""
    if text.count(",") + text.count(" · ") < 2:
        return False
    parts = [clean_name(part) for part in _SEPARATORS.split(text.rstrip(" ,.…"))]
    return sum(1 for part in parts if is_name(part)) * 2 >= len(parts)


def is_strong(names: Names) -> bool:
    """Two names or more, or one and `et al.`: no two-word title looks like that."""
    return len(names.names) >= 2 or names.truncated
