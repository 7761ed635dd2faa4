"""The organisation record: what a site's header and footer say about its owner.

Works on plain text blocks (the page's visible text outside the post body and consent banners)
plus the links around them, so it serves any firm's footer, not one theme's markup: legal name,
company number, regulators' numbers, addresses by UK postcode, phones (E.164 via phonenumbers)
with their labels, emails, social and policy links, the copyright line; JSON-LD when present.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator
from urllib.parse import unquote, urlsplit

import phonenumbers

from mwmigrate.extract.metadata import Metadata, jsonld_nodes
from mwmigrate.extract.profiles import ProfileSet
from mwmigrate.model import Address, Organisation, Phone

__all__ = ["OrgSource", "extract_organisation", "find_postcodes", "find_addresses", "find_phones",
           "find_company_number", "find_legal_name", "UK_POSTCODE", "EIRCODE"]

#: UK postcode (the format rules of the Royal Mail PAF / GOV.UK bulk-data regex), case-insensitive.
UK_POSTCODE = re.compile(
    r"\b(GIR ?0AA|(?:[A-PR-UWYZ](?:\d[A-HJKPSTUW]?|\d\d|[A-HK-Y]\d[ABEHMNPRV-Y]?|[A-HK-Y]\d\d))"
    r" ?\d[ABD-HJLNP-UW-Z]{2})\b",
    re.I,
)
#: Irish Eircode: a routing key (a letter of the 15 Eircodes use and 2 digits, or D6W) and a
#: unique identifier of 4 of those letters and digits (Eircode's address guidelines); capitals,
#: as printed. (Looked for on Irish pages only: the shape is common enough to be something else.)
EIRCODE = re.compile(r"\b([ACDEFHKNPRTVWXY]\d\d|D6W) ?([0-9ACDEFHKNPRTVWXY]{4})\b")
# A Companies House number: 8 digits (often written without its leading zeros), or a register's
# prefix and 6 digits (OC: LLPs, SC: Scotland, NI: Northern Ireland...; R and 7 digits), as
# Companies House lists the prefixes. (An ICO number, ZA123456, has none of them.)
_COMPANY_PREFIXED = (r"(?:(?:AC|BR|CE|CS|FC|FE|GE|GN|GS|IC|IP|LP|NA|NC|NF|NI|NL|NO|NP|NR|NZ|OC|OE|RC|"
                     r"SA|SC|SE|SF|SG|SI|SL|SO|SP|SR|SZ|ZC) ?\d{6}|R\d{7})")
_COMPANY_NO = re.compile(
    # (CRO: Ireland's Companies Registration Office, "CRO No. 654321")
    r"\b(?:compan(?:y|ies)|registered|registration|incorporated|reg\.|CRO)[^.;:\d()]{0,80}?"
    rf"\b(?:number|no\.?|n[ºo°]|#)\s*[:.]?\s*({_COMPANY_PREFIXED}|\d{{6,8}})\b"
    # "registered in England and Wales (OC301234)", "... with OC301234", "Registered in Scotland
    # SC123456", "registered in England and Wales (No. OC317143)": the number's shape alone
    r"|\bregistered\s+in\s+(?:England|Wales|Scotland|Northern\s+Ireland)(?:\s*(?:and|&)\s*Wales)?"
    rf"\s*(?:[,:(]\s*|\s(?:with|under)\s+|\s+)\(?(?:(?:no\.?|number|n[ºo°])\s*[:.]?\s*)?({_COMPANY_PREFIXED}|\d{{8}})\b",
    re.I,
)
# Other registers a firm's footer numbers ("SRA registration number 123456", "registered
# charity number 1123456"): a short number in a clause naming one is not the company's.
_OTHER_REGISTER = re.compile(
    r"\b(?:SRA|Solicitors['’]?\s+Regulat(?:ion|ory)|FCA|FRN|Financial\s+Conduct|PRA|Prudential\s+Regulation|VAT|"
    r"charit(?:y|ies|able)|ICO|Information\s+Commissioner|OISC|Immigration\s+Services|CQC|Care\s+Quality|"
    r"Law\s+Society|Licensed\s+Conveyancers|CLC|Bar\s+Standards|CILEx|IPReg|ICAEW|ACCA|RICS|"
    r"Gambling\s+Commission|Ofsted|Legal\s+Services)\b", re.I)
# (Within one text block: blocks are joined by newlines, and a name never runs into the next.)
# A word of the name: capitalised, dotted inside ("L.L.P"), an abbreviation ("& Co.", "Bros."),
# an initial ("J. Smith"), a bracketed word ("Smith (Holdings) Limited"); not a word ending a
# sentence ("... Pell Limited. Pell Limited is ...", "All Rights Reserved. Pell Ltd").
_NAME_WORD = r"(?:(?:Co|Bros|St)\.|[A-Z](?:\.[A-Z])*\.|\(?[A-Z][\w'’&-]*(?:\.[\w'’&-]+)*\)?|&)"
# The endings of the Companies Act's names (and their Welsh forms), LLPs', CICs', CIOs'; Ireland's.
_NAME_END = (r"(?:Limited\s+Liability\s+Partnership|LIMITED\s+LIABILITY\s+PARTNERSHIP|[Pp]ublic\s+[Ll]imited\s+[Cc]ompany|"
             r"Limited|LIMITED|Ltd\.?|LTD\.?|LLP|L\.L\.P\.|PLC|plc|CIC|C\.I\.C\.|CIO|Cyfyngedig|CYFYNGEDIG|Cyf\.?|CYF|"
             # Ireland's (Companies Act 2014: a designated activity company, a company limited by
             # guarantee, and the Irish form of Limited; "DAC Beachcroft LLP" is no DAC's name)
             r"Designated\s+Activity\s+Company|DESIGNATED\s+ACTIVITY\s+COMPANY|(?:DAC|CLG)(?!\s+[A-Z&])|Teoranta|TEORANTA|"
             # and elsewhere: the US's, Germany's, Austria's, France's
             r"LLC|L\.L\.C\.|Inc\.|Inc|INC\.?|Incorporated|GmbH|SARL|S\.A\.R\.L\.)")
_NAME_WORD_RE = re.compile(_NAME_WORD)
# (found by its ending, its words then read back from it: a regular expression of the whole name
# tried from every capitalised word took time in the square of a long line's words)
_NAME_ENDING = re.compile(rf"(?<=[^\S\n]){_NAME_END}(?![\w])")
# A footer's credit to whoever made the site: "Website by Pixel Media Ltd", "Web design and
# development by: ...", "Powered by", "Theme by". The company it names is not the firm.
_CREDIT_BEFORE = re.compile(
    r"(?i)\b(?:website|web|site|design|designed|developed|development|built|powered|hosted|hosting|theme|seo|"
    r"marketing|made|created|crafted|photography)(?:[\s&,/-]+(?:and|website|web|site|design|designed|developed|"
    r"development|built|build|hosting|hosted|seo|marketing|support|maintenance))*\s+by\s*:?\s*$")
_PHONE_SHAPE = re.compile(r"(?<![\w/.+-])(\+?\(?\d[\d \u00a0().-]{6,20}\d)(?![\w/-])")
# A Document Exchange address right after the postcode (solicitors print it under their
# address): "DX 22605 Stockport", "DX: 700123 Luton 4".
_DX = r"DX:?[ \t]*(\d{2,6}(?:[ \t]+[A-Z][\w'’.-]+)+(?:[ \t]+\d{1,2})?)\b"
_DX_AFTER = re.compile(r"[ \t]*(?:[,;\n][ \t]*)?" + _DX)
_DX_ANY = re.compile(r"\b" + _DX)  # (anywhere: see _lone_dx)
# (from the start of a run of the address's characters, not from each word in it: a long run with
# no "@" in it, "A.A.A.A...", was read again from each of its words, in the square of its length;
# an underscore is an address's character: "first_last@firm.co.uk")
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[._%+-]*([A-Za-z0-9_][A-Za-z0-9._%+-]*@[A-Za-z0-9.-]+\.[A-Za-z]{2,})\b")
# (up to the line's end, or a separator before the footer's links: "© 2024 Firm Ltd | Privacy")
_COPYRIGHT = re.compile(r"(?:copyright\s*)?(?:©|&copy;|\(c\))\s*[^\n|·•]{0,160}", re.I)
# (the word alone, when a year or a name and a year follow it: "Copyright 2024 Pell Law LLP", "All
# content copyright Pell Law 2024"; not an IP firm's "Copyright & Trade Marks", "copyright disputes")
_COPYRIGHT_WORD = re.compile(
    r"(?:[Cc]opyright|COPYRIGHT)\s+(?=(?:19|20)\d\d\b|(?:[A-Z][\w&'’.-]*\s+){1,6}(?:19|20)\d\d\b)[^\n|·•]{0,160}")
_LABEL_BEFORE = re.compile(r"([A-Za-z][A-Za-z &/'-]{0,30}?)\s*[:\-–]\s*$")
_LABEL_AFTER = re.compile(r"^\s*\(([^()\d]{2,40})\)")
_ADDRESS_LABEL = re.compile(r"([A-Za-z][A-Za-z ]{2,40}?)\s*:\s*$")
# A network's "share this page" address is no profile of the firm: facebook.com/sharer.php?u=,
# twitter.com/share?url=, twitter.com/intent/tweet, linkedin.com/shareArticle?url=,
# linkedin.com/sharing/share-offsite/, pinterest.com/pin/create/, reddit.com/submit, wa.me/?text=.
# (Not a follow button's twitter.com/intent/follow or x.com/intent/user, nor a chat link to the
# firm's own number, wa.me/447700900123?text=...)
_SHARE_LINK = re.compile(
    r"(?i)^[a-z]+://[^/]+/(?:[^?#]*/)?(?:share|sharer|sharing|sharearticle|submit|pin/create)(?:\.php)?(?:[/?#]|$)"
    r"|^[a-z]+://[^/]+/intent/(?:tweet|post|compose)\b|^[a-z]+://wa\.me/\?|^[a-z]+://api\.whatsapp\.com/send\?(?![^#]*phone=)"
    r"|[?&](?:u|url|shareurl)="
    # nor one post of the firm's, as a feed widget in the footer links it (Smash Balloon's
    # Instagram feed: instagram.com/p/..., not a Facebook page's own facebook.com/p/Name-123/;
    # a tweet's twitter.com/firm/status/..., a hashtag, facebook.com/firm/posts/...,
    # youtube.com/watch?v=..., linkedin.com/feed/update/...), nor a network's plugin or
    # namespace address (facebook.com/plugins/..., facebook.com/2008/fbml)
    r"|^[a-z]+://[^/]+/(?:[^?#]*/)?(?:status|statuses|hashtag|posts|photos?|videos?|shorts|pulse|events|embed|"
    r"plugins|dialog)/[^?#]|^[a-z]+://(?:www\.)?instagram\.com/(?:p|reel|reels|tv)/"
    # (a pin, a recipe blog's "Pin it": pinterest.com/pin/123456/, not a profile's pinterest.com/name/)
    r"|^[a-z]+://(?:[a-z]+\.)?pinterest\.[a-z.]+/pin/"
    r"|^[a-z]+://[^/]+/(?:watch|photo\.php|permalink\.php|story\.php|search|explore|feed/update|\d{4}/fbml)(?:[/?#]|$)")
_GENERIC_PHONE_WORDS = frozenset({"call", "call us", "tel", "t", "phone", "questions? call", "ring"})


@dataclass
class OrgSource:
    """What the organisation extractor reads: text blocks and links outside the body."""

    blocks: list[str]
    links: list[tuple[str, str]]  # (text, absolute href)
    regions: tuple[str, ...] = ("GB",)  # regions tried for national phone numbers, in order


#: A register's number label: what follows it is a number, not an Eircode ("Authorisation number
#: C171485", the Central Bank of Ireland's reference of an insurer, "Ref. No. A651234").
_NUMBER_LABEL = re.compile(r"(?i)\b(?:number|nos?\.?|ref(?:erence)?\.?|licen[cs]e|#)\s*[:.]?\s*\(?$")


def _is_a_number(text: str, m: re.Match[str]) -> bool:
    """Whether an Eircode's shape is a number's: after a number's label, or written without the
    space with four digits after the routing key ("C171485": the Central Bank of Ireland numbers
    firms C and 6 digits; an Eircode so written is rare, a reference in a footer is not)."""
    if m.end(1) == m.start(2) and m.group(2).isdigit():
        return True
    return _NUMBER_LABEL.search(text, max(0, m.start() - 16), m.start()) is not None


def find_postcodes(text: str, regions: Iterable[str] = ("GB",)) -> list[tuple[int, int, str]]:
    """UK postcodes in ``text`` as (start, end, normalised "AA9 9AA"); and Irish Eircodes
    ("D02 X285") where ``regions`` holds IE (the page's language or domain is Ireland's)."""
    out = []
    for m in UK_POSTCODE.finditer(text):
        raw = m.group(1).upper().replace(" ", "")
        out.append((m.start(1), m.end(1), f"{raw[:-3]} {raw[-3:]}"))
    if "IE" in regions:
        out += [(m.start(), m.end(), f"{m.group(1)} {m.group(2)}") for m in EIRCODE.finditer(text)
                if not _is_a_number(text, m)]
        out.sort()
    return out


def _address_start(text: str, end: int, floor: int, stop: frozenset[str] = frozenset()) -> tuple[int, str]:
    """Where the address ending at ``end`` begins, and the label (``Registered office:``) before it.

    An address is written on one line ("1 High Street, Luton LU1 2PL") or on several: a footer's
    text widget or a page builder's text prints its lines with <br>, which come here as line
    breaks; a one-line footer parts them with separators ("1 High Street | Luton | LU1 2PL",
    " • ", " – "), read as line breaks too. The lines above the postcode's that read as lines of
    an address (short, no sentence, no label, phone, e-mail or copyright) belong to it, five at
    most; a heading line ("Registered office", "Find us") above them ends it, and names it when
    it names an office; so does a run of lines that are links' texts (``stop``: a menu).
    Sentences and labels end it on its line: a full stop, not an abbreviation's ("St. Albans",
    "No. 1 Park Row"); a bracket, not an aside's ("Unit 4 (First Floor)"). The words that lead
    to it in a sentence ("The registered office is at", "whose registered office is",
    "offices at") are not part of it, and name it when they name an office."""
    floor = max(floor, end - 400)  # (an address, its lines and heading are shorter: the page's
    window = text[floor:end]       # text before it need not be read over for each postcode)
    masked = _SEGMENT_BREAK.sub(lambda m: " " * (len(m.group()) - 1) + "\n", window)
    cut = max(_last_sentence_end(window), window.rfind("; "), window.rfind(":"), _last_bracket(window))
    start = floor + cut + 1 if cut >= 0 else floor
    label = ""
    line_start = masked.rfind("\n") + 1
    if line_start > cut + 1:
        heading = ""
        for _ in range(5):
            if line_start == 0:
                break
            above = masked.rfind("\n", 0, line_start - 1) + 1
            line = masked[max(above, cut + 1):line_start - 1].strip()
            if _ADDRESS_HEADING.fullmatch(line):
                heading = line
                break
            if not line or not _looks_like_address_line(line):
                break
            if line in stop:  # a link's text: a menu above the address, when the line above is one too
                higher = masked.rfind("\n", 0, max(above - 1, 0)) + 1
                if above == 0 or masked[higher:above - 1].strip() in stop:
                    break
            line_start = max(above, cut + 1)
        start = floor + line_start
        if heading and _OFFICE_HEADING.search(heading):
            label = heading
    if not label and (cut >= 0 and window[cut] == ":" or text[max(0, start - 2):start].rstrip("\n").endswith(":")):
        m = _ADDRESS_LABEL.search(text[max(0, start - 60): start].rstrip())
        if m:
            label = m.group(1).strip()
    lead = None
    for lead in _LEAD_IN.finditer(text, start, end):
        pass
    if lead is not None and text[lead.end():end].strip():
        start = lead.end()
        if not label:
            label = _lead_in_label(lead.group(0))
    conjunction = re.match(r"\s*(?:and|&)\s+", text[start:end])
    if conjunction:  # "offices at 1 High Street, Luton LU1 2PL and 3 Park Road, Bath BA1 1AA"
        start += conjunction.end()
    return start, label


#: Icons, emoji and bullets before a line's words.
_LEADING_SYMBOLS = re.compile(r"^[^\w(\"'‘“]+")
#: A one-line footer's separators between an address's lines, or between it and what is around.
_SEGMENT_BREAK = re.compile(r"[ \t]*\|[ \t]*|[ \t]+[–—•·][ \t]+")
#: Abbreviations in addresses whose full stop ends no sentence: "St. Albans", "No. 1 Park Row".
_ADDRESS_ABBREVIATIONS = frozenset(
    "st rd mt no nos ave av sq ln ct ste pl cres dr gdns hse ho bldg bldgs fl flr apt nr gt upr lwr ind "
    "est pde tce blvd cl grn pk".split())
#: The words that lead to an address in a sentence: "The registered office is at", "whose
#: registered office is", "Registered office address", "Registered Office – ", "offices at".
_LEAD_IN = re.compile(
    r"(?i)(?=[rhmpaobsli])\b(?:(?:registered\s+(?:office|address)|(?:head|main|principal)\s+office)s?(?:\s+address)?"
    r"(?:\s+(?:is|are))?(?:\s+(?:(?:located|situated|based)\s+)?at)?(?:\s*[:,–—-]\s*|\s+)"
    r"|\baddress\s+(?=\d)"
    r"|(?:offices?|address|branch|headquarters|based|located|situated|is|are)\s+"
    r"(?:(?:located|situated|based)\s+)?at\s+)")


def _lead_in_label(words: str) -> str:
    if re.search(r"(?i)registered\s+(?:office|address)", words):
        return "Registered office"
    office = re.search(r"(?i)\b(head|main|principal)\s+office", words)
    return f"{office.group(1).capitalize()} office" if office else ""


_WORD_BEFORE = re.compile(r"(\w+)$")


def _abbreviation_before(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation ("St.", "No."), not a sentence."""
    word = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    return word is not None and word.group(1).lower() in abbreviations


#: "Co." before an Irish county's name (Ireland's and Northern Ireland's addresses: "Bandon,
#: Co. Cork, P72 X282", "Ballymena, Co. Antrim BT43 5AB") abbreviates "County", ending no sentence.
_COUNTY_AFTER = re.compile(
    r"\s+(?:Antrim|Armagh|Carlow|Cavan|Clare|Cork|Derry|Donegal|Down|Dublin|Fermanagh|Galway|Kerry|Kildare|"
    r"Kilkenny|Laois|Leitrim|Limerick|Londonderry|Longford|Louth|Mayo|Meath|Monaghan|Offaly|Roscommon|Sligo|"
    r"Tipperary|Tyrone|Waterford|Westmeath|Wexford|Wicklow)\b")
_COUNTY_WORD = frozenset({"co"})


def _last_sentence_end(window: str) -> int:
    """Where the last sentence before the address ends (its full stop), or -1."""
    for m in reversed(list(re.finditer(r"\. ", window))):
        if _abbreviation_before(window, m.start(), _ADDRESS_ABBREVIATIONS):
            continue
        if _abbreviation_before(window, m.start(), _COUNTY_WORD) and _COUNTY_AFTER.match(window, m.start() + 1):
            continue
        return m.start()
    return -1


def _last_bracket(window: str) -> int:
    """The last bracket that ends what comes before the address: an unclosed "(" ("Offices in
    Luton (1 High Street, ..."), the ")" after a number or a clause ("(SRA ID 612345)"); not an
    aside within it ("Unit 4 (First Floor), Park House")."""
    if "(" not in window and ")" not in window:
        return -1
    cut = -1
    for m in re.finditer(r"\(([^()]*)\)", window):
        aside = m.group(1)
        if len(aside) > 30 or ":" in aside or re.search(r"\d{5}", aside):
            cut = m.end() - 1
    depth_free = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), window)
    return max(cut, depth_free.rfind("("), depth_free.rfind(")"))


#: A line above an address that heads it rather than belonging to it.
_ADDRESS_HEADING = re.compile(
    r"(?i)(?:(?:our|the|main|registered|head|\w+)\s+){0,2}(?:office|offices|address|branch|branches|location|"
    r"locations|headquarters|hq)(?:\s+address(?:es)?)?|contact(?: us| details)?|find us|visit us|get in touch|"
    r"where to find us")
_OFFICE_HEADING = re.compile(r"(?i)office|branch|headquarters|\bhq\b")


def _looks_like_address_line(line: str) -> bool:
    """A line that may be one of an address's: a street, a town, a county, a building, a firm's
    name; not a sentence, a label, a phone number or an e-mail address."""
    return (len(line) <= 60 and len(line.split()) <= 8 and "@" not in line and ":" not in line
            and not line.endswith((".", "!", "?")) and sum(c.isdigit() for c in line) < 6
            and not _COPYRIGHT.match(line) and not _COPYRIGHT_WORD.match(line) and not _NOT_ADDRESS_LINE.search(line))


#: A contact widget's lines that are not its address's: opening hours ("Mon-Fri 9am - 5pm",
#: "Opening Hours"), a map link's text ("Get directions", "View map").
_NOT_ADDRESS_LINE = re.compile(
    r"(?i)\b(?:opening\s+(?:hours|times)|office\s+hours|directions|view\s+(?:on\s+)?map|google\s+maps?|find\s+us\s+on)\b"
    r"|\b\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)\b|\b(?:mon|tue|wed|thu|fri|sat|sun)(?:day)?\s*(?:[-–]|to)\s*(?:mon|tue|wed|thu|fri|sat|sun)")


def _regulator_after(text: str, end: int, profiles: ProfileSet) -> str:
    """The office's own number, printed right after its postcode: in brackets ("LU1 2PL (SRA No:
    638355)"), on in its clause ("LU1 2PL – SRA ID 612345"), or on a line below that states it
    ("SRA ID: 612345"), past the office's phone and e-mail lines ("Tel: ..."). Not the firm's
    number stated after the last office in another sentence, past a footer's separator or on its
    copyright line ("LU1 2PL. Registered in England No. 01234567. SRA number 612345", "© 2024
    Pell Law Ltd | SRA No. 612345")."""
    first, *below = text[end:end + 200].split("\n")
    clauses = [_clause(first)]
    for line in (line.strip() for line in below[:3]):  # (past the office's phone, e-mail lines)
        if _DIGIT.search(line) and any(pattern.match(line) for _name, pattern in profiles.regulators):
            clauses.append(_clause(line))
            break
        if not line or len(line) > 60 or not (":" in line or "@" in line or line.upper().startswith("DX")):
            break
    for clause in clauses:
        if not _DIGIT.search(clause):  # (no number: none of the regulators')
            continue
        for _name, pattern in profiles.regulators:
            hit = pattern.search(clause)
            if hit:
                return hit.group(1)
    return ""


_DIGIT = re.compile(r"\d")
_NOT_SENTENCE_END = _ADDRESS_ABBREVIATIONS | {"reg", "regn", "ref", "tel", "co"}


def _clause(line: str) -> str:
    """``line`` up to the end of its clause: a full stop (not "No." or "Reg."), a separator, a
    copyright sign."""
    for m in re.finditer(r"\.(?:\s|$)|[|;©•·]", line):
        if m.group().startswith(".") and _abbreviation_before(line, m.start(), _NOT_SENTENCE_END):
            continue
        return line[:m.start()]
    return line


def _clean_label(label: str) -> str:
    """"...Authority Registered office" -> "Registered office"; "Branches" -> "Branch"."""
    label = " ".join(label.split())
    if "registered office" in label.lower():
        return "Registered office"
    words = label.split()
    if len(words) > 3:
        label = " ".join(words[-2:])
    if label.lower() == "branches":
        return "Branch"
    return label[:1].upper() + label[1:]


_POSTCODE_NAME = re.compile(r"(?i)\b(?:eircode|post\s?code)\s*[:.–-]?\s*$")


def find_addresses(text: str, profiles: ProfileSet, link_texts: Iterable[str] = (),
                   regions: Iterable[str] = ("GB",)) -> list[Address]:
    """Addresses ending in a UK postcode (or an Eircode: see :func:`find_postcodes`); a label
    before a colon carries over a ';' list. ``link_texts``: the texts of the page's links: a
    run of lines that are such texts above an address is a menu (a footer's menu widget beside
    the contact widget), not the address's."""
    addresses, floor, carried = [], 0, ""
    stop = frozenset(" ".join(t.split()) for t in link_texts if t.strip())
    for start_pc, end_pc, postcode in find_postcodes(text, regions):
        # (a code printed after its name ends the address's lines there: "Dublin 2, Ireland,
        # Eircode: D04 V1W8", "Naas, Co. Kildare. Eircode: W91 C2K3", "Postcode: LU1 2PL")
        named = _POSTCODE_NAME.search(text, max(floor, start_pc - 16), start_pc)
        if named:
            start_pc = named.start()
            while start_pc > floor and text[start_pc - 1] in " \t.,;|–—-":
                start_pc -= 1
        start, label = _address_start(text, start_pc, floor, stop)
        between = text[floor:start]
        if label:
            carried = label
        elif not _list_goes_on(between, carried):
            carried = ""
        # (a line's icon is not the address's: "📍 1 High Street")
        lines = [_LEADING_SYMBOLS.sub("", part).strip(" ,")
                 for part in re.split(r"\n|" + _SEGMENT_BREAK.pattern, text[start:start_pc])]
        body = ", ".join(part for part in lines if part) + " " + postcode
        dx = _DX_AFTER.match(text, end_pc)
        addresses.append(Address(text=" ".join(body.split()), postcode=postcode,
                                 label=_clean_label(label or carried),
                                 regulator_number=_regulator_after(text, end_pc, profiles),
                                 dx="DX " + " ".join(dx.group(1).split()) if dx else ""))
        floor = end_pc
    # The same address printed twice (a widget and the footer's legal line) counts once, the
    # firm's name above one of them or not: the labelled form is kept, else the fuller one.
    # (each compared with those of its postcode alone: a page of many offices' postcodes was
    # compared address by address, in the square of their number)
    unique: list[Address] = []
    by_postcode: dict[str, list[int]] = {}
    for address in addresses:
        key = address.text.lower()
        same = by_postcode.setdefault(address.postcode, [])
        twin = next((i for i in same if _same_address(unique[i].text.lower(), key)), None)
        if twin is None:
            same.append(len(unique))
            unique.append(address)
            continue
        kept, other = unique[twin], address
        if (bool(address.label), len(address.text)) > (bool(kept.label), len(kept.text)):
            kept, other = address, kept
            unique[twin] = kept
        kept.regulator_number = kept.regulator_number or other.regulator_number
        kept.dx = kept.dx or other.dx
        # Both labelled ("Manchester office" in the contact widget, "Registered office" in the
        # legal line): the address is both, and the registered office is found by its label.
        if other.label and other.label.lower() not in kept.label.lower():
            kept.label = f"{kept.label}; {other.label}" if kept.label else other.label
    return unique


def _lone_dx(text: str, addresses: list[Address]) -> None:
    """A DX stated away from the address (a block theme's "Contact" column beside the
    "Registered office" one: "DX: 14321 Manchester 1") is the office's when the firm states one
    address and one DX; with several offices, whose it is is not said, and it is left out."""
    found = {"DX " + " ".join(m.group(1).split()) for m in _DX_ANY.finditer(text)}
    if len(addresses) == 1 and not addresses[0].dx and len(found) == 1:
        addresses[0].dx = found.pop()


def _list_goes_on(between: str, label: str) -> bool:
    """The text between two addresses continues a list of them under one label: "Branches: 1
    Warwick Road, ... B27 6BL (SRA No: 648071); 618 Bearwood Road...", "offices at ... and ...";
    or, a plural heading's ("Branches", "Our offices"), one a line. Not a registered office's
    label over the next line's address or the next sentence's."""
    stripped = between.strip()
    if stripped.endswith((";", ",", " and", " &")) or stripped in ("and", "&"):
        return ". " not in between
    if not label.lower().endswith("s"):
        return False
    # (past the office's own number in brackets and its DX)
    rest = re.sub(r"\([^()]*\)|\bDX\b[^\n]*", "", stripped).strip(" ,.")
    return not rest and "\n\n" not in between


def _same_address(a: str, b: str) -> bool:
    """One is the other with lines above it (the firm's name): "x, 1 high st..." and "1 high
    st...", not "12 high st..." and "2 high st..."."""
    return a == b or a.endswith(", " + b) or b.endswith(", " + a)


def find_company_number(text: str, profiles: ProfileSet | None = None) -> str:
    """The firm's Companies House number. An 8-character number (or one of a register's prefix)
    is one wherever it is stated; a shorter one ("No. 5123456") only in a clause that names no
    other register (a footer numbers the firm at the SRA, the FCA, the Charity Commission, often
    as "registration number") and that no regulator pattern of ``profiles`` claims."""
    claimed: set[int] | None = None  # (where a regulator's number starts: found when needed)
    fallback = ""
    for m in _COMPANY_NO.finditer(text):
        group = 1 if m.group(1) else 2
        number = m.group(group).upper().replace(" ", "")  # ("NI 612345": NI612345)
        if len(number) == 8 and not _OTHER_REGISTER.search(m.group(0)):
            return number
        if fallback:
            continue
        if claimed is None:
            claimed = {r.start(1) for _name, pattern in (profiles.regulators if profiles else ())
                       for r in pattern.finditer(text)}
        if m.start(group) in claimed:
            continue
        # (the clause begins after the sentence's start, a separator, or the number before it:
        # "Charity Registration Number 1123456, Company Registration Number 5123456")
        # (in the 300 characters before it: a long text of such clauses was read from its start for
        # each of them, in the square of its length)
        floor = max(0, m.start() - 300)
        clause = text[floor:m.start()]
        previous = [n.end() for n in re.finditer(r"\d{5,}", clause)]
        clause = clause[max(clause.rfind(". "), clause.rfind("\n"), clause.rfind("|"), *previous[-1:], 0):] + m.group(0)
        if not _OTHER_REGISTER.search(clause):
            fallback = number
    return fallback


def find_legal_name(text: str) -> str:
    """The firm's registered name: the first name with a company's ending ("Limited", "LLP")
    that is not the site maker's ("Website by Pixel Media Ltd")."""
    for ending in _NAME_ENDING.finditer(text):
        line = text.rfind("\n", 0, ending.start()) + 1
        start = None
        for word in reversed(list(re.finditer(r"\S+", text[max(line, ending.start() - 300):ending.start()]))):
            if _NAME_WORD_RE.fullmatch(word.group()):
                start = word.start() + max(line, ending.start() - 300)
            elif word.group() not in ("and", "of"):
                break
        if start is None or _CREDIT_BEFORE.search(text[max(0, start - 60):start]):
            continue
        return " ".join(text[start:ending.end()].split())
    return ""


def _phone_label(text: str, start: int, end: int) -> str:
    after = _LABEL_AFTER.match(text[end:])
    if after:
        return " ".join(after.group(1).split())
    before = _LABEL_BEFORE.search(text[max(0, start - 40): start])
    if before and before.group(1).strip().lower() not in _GENERIC_PHONE_WORDS and len(before.group(1).split()) <= 3:
        return before.group(1).strip()
    return ""


#: A register's label right before a phone-shaped number: the number is the register's (an
#: Australian Business Number, 11 digits, reads as a US phone number on a page in en-US).
_REGISTER_LABEL = re.compile(
    r"\b(?:ABN|ACN|ARBN|EIN|TIN|SIRET|SIREN|RCS(?:\s+\w+)?(?:\s+[AB])?|TVA|VAT(?:\s+(?:No|Reg|Number)\.?)?|HRB|HRA|"
    r"KvK|UTR|(?:company|charity|registration|registered)\s+(?:no|number)\.?)\s*[:.#]?\s*$", re.I)


def find_phones(text: str, region: str = "GB", *more_regions: str) -> list[Phone]:
    """Phone numbers in text, E.164-normalised, with the label printed next to them.

    A cheap pattern picks phone-shaped spans first (libphonenumber's matcher tries every digit
    run on the page, dates and counts included, and dominated extraction time); each span must
    then be a valid number for one of the regions.
    """
    phones = []
    for m in _PHONE_SHAPE.finditer(text):
        raw = m.group(1)
        digits = sum(ch.isdigit() for ch in raw)
        if not 9 <= digits <= 15:
            continue
        if _REGISTER_LABEL.search(text, max(0, m.start(1) - 30), m.start(1)):
            continue  # (a register's number: "ABN 12 345 678 901" is no US phone number)
        number = _valid_number(raw, (region, *more_regions))
        if number is not None:
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            phones.append(Phone(number=raw.strip(), e164=e164, label=_phone_label(text, m.start(1), m.end(1))))
    return phones


def _valid_number(raw: str, regions: Iterable[str]) -> phonenumbers.PhoneNumber | None:
    """The number ``raw`` is in the first of ``regions`` where it is valid. A region tried after
    the page's own only when the number is written as that region writes it, with its trunk
    prefix ("01582 262070" for GB) or in international form: a US page's "(555) 765-4321",
    invalid in the US, is no UK number +44 555 765 4321."""
    for i, region in enumerate(regions):
        if i and not _written_for(raw, region):
            continue
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


def _written_for(raw: str, region: str) -> bool:
    """Whether ``raw`` is in international form or begins with ``region``'s trunk prefix."""
    start = raw.lstrip("( \u00a0")
    if start.startswith(("+", "00")):
        return True
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    prefix = metadata.national_prefix if metadata is not None else None
    return bool(prefix) and start.startswith(prefix)


def _tel_phones(links: Iterable[tuple[str, str]], region: str) -> list[Phone]:
    """Phone numbers of tel: links. The number as printed is the link's text when the text is
    the number; a button's words ("Call us", "Call Now") are not, and the number is the link's
    (a place's name, "Luton office", is its label)."""
    phones = []
    for text, href in links:
        if not href.lower().startswith("tel:"):
            continue
        value = unquote(href[4:]).strip()  # ("tel:+44%20161%20496%200000")
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):  # the markup says it is a phone number
            printed = sum(ch.isdigit() for ch in text) >= 6
            label = "" if printed or _CALL_WORDS.match(text) or len(text.split()) > 4 else text.strip()
            phones.append(Phone(number=text if printed else value, label=label, e164=phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.E164)))
    return phones


#: A call button's words, no label of the number: "Call us", "Call Now", "Phone us today".
_CALL_WORDS = re.compile(r"(?i)^\W*(?:call|phone|ring|tel\b|telephone|contact|speak|talk|click)")


def _merge_phones(found: Iterable[Phone]) -> list[Phone]:
    merged: dict[str, Phone] = {}
    for phone in found:
        known = merged.get(phone.e164)
        if known is None:
            merged[phone.e164] = phone
        elif not known.label and phone.label:
            known.label = phone.label
    return list(merged.values())


def _regulator_numbers(text: str, addresses: list[Address], profiles: ProfileSet) -> list[dict[str, str]]:
    by_number = {a.regulator_number: a.label for a in addresses if a.regulator_number}
    return [{"regulator": name, "number": number, "applies_to": by_number.get(number, "")}
            for name, number in _regulator_hits(text, profiles.regulators)]


def _numbered_lines(text: str, reach: int = 100) -> str:
    """The lines of ``text`` a number is on, with the ``reach`` characters before each (a
    regulator's name a line or two above its number; no pattern spans more); parts apart
    joined by "\n;\n", which no pattern reads across. Most of a page's header, menus and
    sidebars states no number: the patterns need not be tried over them."""
    spans: list[list[int]] = []
    found = _DIGIT.search(text)
    while found is not None:
        line_end = text.find("\n", found.start())
        line_end = len(text) if line_end < 0 else line_end
        begin = max(0, text.rfind("\n", 0, found.start()) + 1 - reach)
        if spans and begin <= spans[-1][1] + 1:
            spans[-1][1] = line_end
        else:
            spans.append([begin, line_end])
        found = _DIGIT.search(text, line_end)
    return "\n;\n".join(text[a:b] for a, b in spans)


@lru_cache(maxsize=64)
def _regulator_hits(text: str, regulators: tuple[tuple[str, re.Pattern[str]], ...]) -> tuple[tuple[str, str], ...]:
    """(regulator, number) of each number ``text`` states, once each. (A site's pages print the
    same header and footer: a crawl asks for the same text again and again.)"""
    text = _numbered_lines(text)
    out: dict[tuple[str, str], None] = {}
    for name, pattern in regulators:
        for m in pattern.finditer(text):
            out.setdefault((name, " ".join(m.group(1).split())), None)
    return tuple(out)


def _is_host(url: str, hosts: Iterable[str]) -> bool:
    if not any(h in url for h in hosts):  # cheap test first: most links are the site's own
        return False
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in hosts)


def _policy_links(links: Iterable[tuple[str, str]], profiles: ProfileSet) -> list[dict[str, str]]:
    out, seen = [], set()
    for text, href in links:
        if not text or not href.startswith(("http", "/")) or href in seen or len(text.split()) > 5:
            continue
        if _names_a_policy(text, profiles.policy_patterns):
            seen.add(href)
            out.append({"text": text, "url": href})
    return out


@lru_cache(maxsize=4096)
def _names_a_policy(text: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    """Whether a link's words name a policy page. (The same menus and footer links on every page
    of a site: each text is judged once.)"""
    return any(p.search(text) for p in patterns)


def _apply_jsonld(org: Organisation, metadata: Metadata) -> None:
    nodes = jsonld_nodes(metadata, "Organization", "LocalBusiness", "LegalService", "Attorney",
                         "Corporation", "ProfessionalService")
    org.jsonld = nodes
    for node in nodes:
        # (Yoast writes the site's name as WordPress stores it, HTML-escaped: "Smith &amp; Co")
        org.name = org.name or html.unescape(str(node.get("name") or ""))
        org.legal_name = org.legal_name or html.unescape(str(node.get("legalName") or ""))
        same_as = node.get("sameAs") or []
        for url in same_as if isinstance(same_as, list) else [same_as]:
            if isinstance(url, str) and url not in org.social_links:
                org.social_links.append(url)
        for key in ("email",):
            value = node.get(key)
            if isinstance(value, str) and value.removeprefix("mailto:") not in org.emails:
                org.emails.append(value.removeprefix("mailto:"))


def extract_organisation(source: OrgSource, metadata: Metadata, profiles: ProfileSet) -> Organisation:
    """The organisation record from header/footer text and links (and JSON-LD)."""
    # (an empty block parts two regions of the page: a blank line, which ends an address's lines)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(source.blocks)).strip("\n")
    org = Organisation()
    _apply_jsonld(org, metadata)
    org.name = org.name or metadata.meta.get("og:site_name", "")
    text, others = _set_aside(text, org.legal_name, profiles.third_parties)
    org.legal_name = org.legal_name or find_legal_name(text)
    org.company_number = find_company_number(text, profiles)
    org.addresses = find_addresses(text, profiles, (t for t, _href in source.links), source.regions)
    _lone_dx(text, org.addresses)
    org.registered_office = next((a for a in org.addresses if "registered" in a.label.lower()), None)
    org.regulator_numbers = _regulator_numbers(text, org.addresses, profiles)
    for company, sentence in others:
        known = {(n["regulator"], n["number"]) for n in org.regulator_numbers}
        org.regulator_numbers += [{"regulator": name, "number": number, "applies_to": company}
                                  for name, number in _regulator_hits(sentence, profiles.regulators)
                                  if (name, number) not in known]
    org.phones = _merge_phones([*find_phones(text, *source.regions), *_tel_phones(source.links, source.regions[0])])
    # (sets of those kept: a page of many links or addresses was searched through the list of
    # those kept for each, in the square of their number)
    mails = [h[7:].split("?")[0] for _t, h in source.links if h.lower().startswith("mailto:")]
    seen = {e.lower() for e in org.emails}
    for email in [*mails, *_EMAIL.findall(text)]:
        if email.lower() not in seen:
            seen.add(email.lower())
            org.emails.append(email)
    seen = set(org.social_links)
    for _t, href in source.links:
        if href not in seen and _is_host(href, profiles.social_hosts) and not _SHARE_LINK.search(href):
            seen.add(href)
            org.social_links.append(href)
    org.policy_links = _policy_links(source.links, profiles)
    m = _COPYRIGHT.search(text) or _COPYRIGHT_WORD.search(text)
    org.copyright = _copyright_statement(_before_links(" ".join(_first_sentence(m.group(0)).split()),
                                                       source.links)) if m else ""
    return org


@lru_cache(maxsize=64)
def _set_aside(text: str, legal_name: str,
               patterns: tuple[re.Pattern[str], ...]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``text`` with its sentences about another company (a lender, a payment provider: see
    organisation.toml's third_party, ``patterns``) blanked out, and those sentences with the
    company each names. A sentence that names the owner (``legal_name``, else the legal name the
    rest of the text gives) stays. (Cached: a site's pages print the same footer.)"""
    # (looked for first near the numbers only: a sentence with none states nothing to set aside
    # but a legal name, which the lines of numbers name too; the patterns cost 40 µs a KiB)
    numbered = _numbered_lines(text) if patterns else ""
    if not any(p.search(numbered) for p in patterns):
        return text, ()
    spans = list(_sentence_spans(text))
    found = [(start, end) for start, end in spans if any(p.search(text, start, end) for p in patterns)]
    if not found:
        return text, ()
    candidates: list[tuple[int, int, str]] = []  # (start, end, company) of each part about another
    for start, end in found:
        sentence = text[start:end]
        matches = [m for p in patterns if (m := p.search(sentence))]
        # (words that lead to the company named after them: "provided by", "an appointed
        # representative of")
        phrase = next((m for m in matches if m.group().lower().endswith(("by", "of"))), None)
        if phrase is not None:
            company = _provider_after(sentence[phrase.end():])
            # (what comes before it is the owner's when it names another company: "Oak Ltd
            # (FRN 123456) offers finance provided by Novuna ... (FRN 704348)", "Thrive.com
            # Retail Ltd (FRN: 980401) ... is an appointed representative of Frasers Group
            # Credit Broking Limited (FRN: 947961)")
            subject = find_legal_name(sentence[:phrase.start()])
            if subject and not _same_company(subject, company):
                start += phrase.start()
        else:
            # A lender named (Klarna, PayPal...): its sentence is about it when the company the
            # sentence names is the lender's ("Klarna Financial Services UK Limited ... FRN
            # 987816"), or it names none; not the shop's own sentence that lists it ("Smith Ltd
            # (No. 11223344) accepts PayPal").
            brand = matches[0].group()
            legal = find_legal_name(sentence)
            if legal and brand.split()[0].lower() not in legal.lower():
                continue
            company = legal or brand
        candidates.append((start, end, company))
    # (the owner is read around those parts only: its name before an appointed representative's
    # words is the owner's, "Thrive.com Retail Ltd (FRN: 980401) ... is an appointed
    # representative of ...", not a lender's named later in a sentence of no pattern)
    owner = legal_name or find_legal_name(_blanked(text, ((a, b) for a, b, _c in candidates)))
    aside: list[tuple[int, int]] = []
    others: list[tuple[str, str]] = []
    for start, end, company in candidates:
        if owner and _same_company(company, owner):
            continue
        aside.append((start, end))
        others.append((company, text[start:end]))
    if others:
        _follow_on(text, spans, owner, patterns, aside, others)
    return _blanked(text, sorted(aside)), tuple(others)


#: A statement of registration with no subject, continuing the sentence before it ("Agria Pet
#: Insurance Ltd is registered ... with registered number 04258783. Registered office: ...").
_CONTINUED = re.compile(r"(?i)(?:registered\s+(?:office|address|in\b|no\b|number)|company\s+(?:registration\s+)?(?:no\b|number))")
_NAME_TAIL = re.compile(rf"\s*{_NAME_END}$")


def _follow_on(text: str, spans: list[tuple[int, int]], owner: str, patterns: tuple[re.Pattern[str], ...],
               aside: list[tuple[int, int]], others: list[tuple[str, str]]) -> None:
    """Set aside, too, the sentences that go on about a company set aside: those it leads by
    its name ("Credit is provided by Glow Financial Services Limited, ... Glow Financial
    Services Limited is authorised and regulated by the Financial Conduct Authority (Reference
    No. 751308)"; "... an Appointed Representative of Agria Pet Insurance Ltd ... Agria Pet
    Insurance is authorised ... Register Number 496160"), and a statement of registration with
    no subject right after such a sentence, on its line ("... registered number 04258783.
    Registered office: ..."). A company is known by its legal name or a lender's name the
    patterns know, not by any capitalised words ("provided by Our panel of lenders")."""
    names: dict[str, str] = {}
    for company, _sentence in others:
        if find_legal_name(" " + company) or any(p.fullmatch(company) for p in patterns):
            bare = _NAME_TAIL.sub("", company).strip(" ,.")
            if len(bare) >= 3:
                names.setdefault(bare, company)
    if not names:
        return
    taken = sorted(aside)
    i = 0  # (the first part set aside that does not end before the sentence: both in order)
    led_by, led_end = "", -1  # (the company the sentence before was led by, and its end)
    for start, end in spans:
        while i < len(taken) and taken[i][1] <= start:
            i += 1
        if i < len(taken) and taken[i][0] < end:
            led_by = ""
            continue
        sentence = text[start:end]
        head = sentence.lstrip(" \t*•·-–—\"'“‘(")
        company = next((c for bare, c in names.items()
                        if head.startswith(bare) and not head[len(bare):len(bare) + 1].isalnum()), "")
        if company and owner and _same_company(find_legal_name(head), owner):
            company = ""
        if not company and led_by and led_end <= start and not text[led_end:start].strip() \
                and _CONTINUED.match(head) and not find_legal_name(head):
            company = led_by
        if company:
            aside.append((start, end))
            others.append((company, sentence))
        led_by, led_end = company, end


def _blanked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each span's characters but line breaks made spaces (offsets kept)."""
    parts, pos = [], 0
    for start, end in spans:
        parts += [text[pos:start], re.sub(r"[^\n]", " ", text[start:end])]
        pos = end
    return "".join(parts) + text[pos:]


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n|\s[|•·]\s")  # (a footer's " | " parts its statements)
_INITIAL = re.compile(r"(?:^|[\s.(])\w$")  # (a single letter before a full stop: "S.A.", "J.")


def _sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text``: a line, cut at a full stop (not an
    abbreviation's, nor an initial's), "!" or "?" followed by a space, or a separator ("|")."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group() == "." and (_abbreviation_before(text, m.start(), _NOT_SENTENCE_END)
                                 or _INITIAL.search(text, max(0, m.start() - 2), m.start())):
            continue
        if text[start:m.end()].strip():
            yield start, m.end()
        start = m.end()
    if text[start:].strip():
        yield start, len(text)


def _provider_after(rest: str) -> str:
    """The company named after "provided by" (or "appointed representative of"): its legal
    name, else its capitalised words; "another company" when it names none."""
    after = re.match(r"\s+((?:[A-Z0-9][\w&'’.-]*\s?)+)", rest)
    if after is None:
        return "another company"
    legal = find_legal_name(rest)
    return legal if legal and rest.find(legal) <= after.end() else after.group(1).strip(" .,")


def _same_company(a: str, b: str) -> bool:
    """Whether two legal names are one company's ("Oak Ltd." and "OAK LIMITED")."""
    def key(name: str) -> str:
        name = re.sub(r"\b(?:limited|ltd)\b\.?", "ltd", name.lower())
        return re.sub(r"[^a-z0-9]", "", name)
    return bool(a) and key(a) == key(b)


_DASH_SEPARATOR = re.compile(r" [–—-] ")


def _before_links(line: str, links: Iterable[tuple[str, str]]) -> str:
    """The copyright line up to the footer's links it runs into past a dash ("© 2024 Dupont SARL
    – Tous droits réservés – Mentions légales – CGV": the links are "Mentions légales", "CGV")."""
    if not _DASH_SEPARATOR.search(line):
        return line
    texts = {" ".join(t.split()).lower() for t, _href in links if t.strip()}
    parts = _DASH_SEPARATOR.split(line)
    for i, part in enumerate(parts[1:], 1):
        if part.strip().lower() in texts:
            return " – ".join(parts[:i]) if i > 1 else parts[0]
    return line


def _copyright_statement(line: str) -> str:
    """The copyright statement up to its year when the year closes it ("© Pell LLP 2017"): a
    legal line printed straight after it, without a full stop, is not part of it ("© Pell LLP
    2017 Pell LLP is a Limited Liability Partnership registered...")."""
    sign = re.match(r"(?i)(?:copyright\s*)?(?:©|&copy;|\(c\))?\s*(?:copyright\s*)?", line)
    rest = line[sign.end():]
    year = re.search(r"\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\b", rest)
    if year is None or not re.search(r"[A-Za-z]", rest[:year.start()]):
        return line
    tail = re.match(r"(?i)[.,]?\s*all\s+rights\s+reserved\.?", rest[year.end():])
    return line[:sign.end() + year.end() + (tail.end() if tail else 0)]


def _first_sentence(text: str) -> str:
    """Up to the first sentence's end: not an abbreviation's full stop ("© Pell & Co. 2024",
    "© 2024 St. Albans Law Ltd")."""
    for m in re.finditer(r"(?<=[.!?])\s", text):
        word = re.search(r"(\w+)\.$", text[:m.start()])
        if word and word.group(1).lower() in _ADDRESS_ABBREVIATIONS | {"co", "bros"}:
            continue
        return text[: m.start()]
    return text


def org_source_from(blocks: Iterable[str], links: Iterable[tuple[str, str]], lang: str = "", url: str = "") -> OrgSource:
    """Build an :class:`OrgSource`; phone regions from ``lang`` (en-GB), the TLD, then GB.

    WordPress's default ``en-US`` says little about where a firm is, so several regions are
    tried and numbers are told apart by their E.164 form.
    """
    regions = []
    if "-" in lang or "_" in lang:
        regions.append(re.split(r"[-_]", lang)[-1].upper())
    host = (urlsplit(url).hostname or "").lower()
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    regions.append("GB" if tld == "uk" else tld.upper())
    regions.append("GB")
    supported = tuple(dict.fromkeys(r for r in regions if r in phonenumbers.SUPPORTED_REGIONS))
    return OrgSource(blocks=list(blocks), links=list(links), regions=supported or ("GB",))
