"""Organisation facts from footer text of any firm (not just the fixture's)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mwmigrate.extract.metadata import Metadata
from mwmigrate.extract.organisation import (
    extract_organisation, find_addresses, find_company_number, find_legal_name, find_phones,
    find_postcodes, org_source_from,
)
from mwmigrate.extract.profiles import load_profiles


@pytest.mark.parametrize("text, postcode", [
    ("1 Main St, London EC1A 1BB", "EC1A 1BB"), ("Manchester M1 1AE.", "M1 1AE"), ("Leeds ls1 4dy", "LS1 4DY"),
    ("Cardiff CF10 1EP", "CF10 1EP"), ("Glasgow G2 1DY", "G2 1DY"), ("London W1A0AX", "W1A 0AX"),
    ("Belfast BT1 5GS", "BT1 5GS"),
])
def test_postcodes(text, postcode):
    assert [p for _s, _e, p in find_postcodes(text)] == [postcode]


@pytest.mark.parametrize("text", ["Call 0800 123 4567", "Order QV1 2XX", "Ref AB12 3CD4", "in 2019 we grew"])
def test_not_postcodes(text):
    assert find_postcodes(text) == []


@pytest.mark.parametrize("text, number", [
    ("Registered in England and Wales Under Number 10731548.", "10731548"),
    ("Company number: 09876543", "09876543"),
    ("Registered in Scotland No. SC123456", "SC123456"),
    ("Byrne & Partners Limited, CRO No. 654321.", "654321"),  # (Ireland's register)
    ("A company registered in England & Wales, registration number 04567890.", "04567890"),
    ("Registered office: 66 Alma Street (SRA No: 638355)", ""),
    ("VAT Reg. No. GB 123 4567 89", ""),
    # LLPs and other registers: the prefix says it is a company number
    ("Smith Law LLP is a limited liability partnership registered in England and Wales (OC123456).", "OC123456"),
    ("Registered in England and Wales: 01234567", "01234567"),
    ("Company Reg. No: OC312345", "OC312345"),
    ("Reg. No. 07654321 Registered office: 1 High St", "07654321"),
    ("Companies House no. 11223344", "11223344"),
    ("registered in England No 5123456", "5123456"),  # (leading zero left out)
    # other registers' numbers, in the words footers use for them (the SRA's was taken for the
    # company's: the first user's regulated facts)
    ("Authorised and regulated by the Solicitors Regulation Authority, SRA registration number 123456.", ""),
    ("Regulated by the SRA (registration number 654321). Registered in England No. 7654321", "7654321"),
    ("Regulated by the SRA (registration number 654321). Registered in England No. 07654321", "07654321"),
    ("Authorised and regulated by the Financial Conduct Authority, registered number 123456", ""),
    ("ICO registration number ZA123456", ""),
    ("Registered Charity No. 1123456. Company No. 5123456", "5123456"),
    ("X Ltd is regulated by the SRA and registered in England No. 01234567", "01234567"),
    ("registered in England and Wales in 2019", ""),
    ("Registered in England and Wales, 12 High Street", ""),
    # a charity's number before it in the sentence: the company's was dropped with it
    ("Charity Registration Number 1123456, Company Registration Number 5123456", "5123456"),
    ("Registered Charity Number: 1123456 | Registered Company Number: 5123456", "5123456"),
    ("Registered charity no. 1123456 and company no. 5123456", "5123456"),
    ("Registered charity no. 1123456", ""),
    ("Pell Ross Limited is authorised and regulated by the Solicitors’ Regulation Authority, registration number 555488.", ""),
    # a register's prefix says it is a company number without a word between, or with a space
    ("Registered in Scotland SC123456", "SC123456"),
    ("Registered in Northern Ireland NI612345. Registered office: 1 Donegall Square, Belfast BT1 5GS.", "NI612345"),
    ("Registered in England and Wales 01234567", "01234567"),
    ("Company registration no. NI 612345", "NI612345"),
    ("Registered in England No 123456", "123456"),
    # (a solicitors' LLP's footer: the number in brackets after "No.")
    ("Pell LLP is a Limited Liability Partnership registered in England and Wales (No. OC317111) We are authorised "
     "and regulated by the Solicitors Regulation Authority (SRA No 439111)", "OC317111"),
])
def test_company_numbers(text, number):
    assert find_company_number(text, load_profiles()) == number


def test_a_number_a_site_profile_names_is_not_the_company_number(tmp_path):
    # (a register the built-in words do not know: the site profile's pattern claims its number)
    text = "Registered with the Architects Board, registration number 061234."
    assert find_company_number(text, load_profiles()) == "061234"
    site = tmp_path / "site.toml"
    site.write_text('name = "site"\n[[regulator]]\nname = "ARB"\n'
                    "pattern = 'Architects Board, registration number (\\d{6})'\nsource = \"test\"\n")
    assert find_company_number(text, load_profiles(site)) == ""


def test_legal_names():
    assert find_legal_name("© Smith & Jones Solicitors LLP 2024") == "Smith & Jones Solicitors LLP"
    assert find_legal_name("Brightwater Accountants Limited is a company") == "Brightwater Accountants Limited"


def test_phone_labels_and_e164():
    phones = find_phones("Call: 020 7946 0000 (London) or 0161 496 0000 (Manchester). Fax: 020 7946 0001")
    assert [(p.e164, p.label) for p in phones] == [
        ("+442079460000", "London"), ("+441614960000", "Manchester"), ("+442079460001", "Fax")]


def test_addresses_with_labels_and_regulator_numbers():
    profiles = load_profiles()
    text = ("Head office: 5 Queen Street, Bristol BS1 4JQ (SRA ID 612345). Other offices: 10 High Street, "
            "Bath BA1 1AA (SRA ID 612346); 3 Park Road, Swindon SN1 1AA (SRA ID 612347).")
    addresses = find_addresses(text, profiles)
    assert [(a.label, a.postcode, a.regulator_number) for a in addresses] == [
        ("Head office", "BS1 4JQ", "612345"), ("Other offices", "BA1 1AA", "612346"), ("Other offices", "SN1 1AA", "612347")]
    assert addresses[0].text == "5 Queen Street, Bristol BS1 4JQ"


def test_whole_record_from_blocks_and_links():
    blocks = ["Greenfield Law LLP is authorised and regulated by the Solicitors Regulation Authority (SRA number 555123).",
              "Registered in England and Wales, number OC301234. Registered office: 2 Bank Street, Leeds LS1 5AB.",
              "T: 0113 496 0999  E: hello@greenfield.example", "© 2024 Greenfield Law LLP. All rights reserved."]
    links = [("Privacy notice", "https://greenfield.example/privacy/"), ("Complaints", "https://greenfield.example/complaints/"),
             ("", "https://www.linkedin.com/company/greenfield"), ("Read our latest news about immigration fees policy changes today", "https://greenfield.example/news/1")]
    org = extract_organisation(org_source_from(blocks, links, "en-US", "https://greenfield.example/"), Metadata(),
                               load_profiles())
    assert org.legal_name == "Greenfield Law LLP"
    assert org.company_number == "OC301234"
    assert org.registered_office.postcode == "LS1 5AB"
    assert org.regulator_numbers == [{"regulator": "SRA", "number": "555123", "applies_to": ""}]
    assert [p.e164 for p in org.phones] == ["+441134960999"]
    assert org.emails == ["hello@greenfield.example"]
    assert org.social_links == ["https://www.linkedin.com/company/greenfield"]
    assert [p["text"] for p in org.policy_links] == ["Privacy notice", "Complaints"]
    assert org.copyright == "© 2024 Greenfield Law LLP."


def test_addresses_written_on_several_lines():
    # A footer's text widget or a builder's text module prints an address's lines with <br>,
    # which reach the extractor as line breaks (found on GeneratePress, Neve and Divi footers:
    # only the postcode was kept). The lines above the postcode's that read as address lines
    # belong to it; a heading line ends it, and names it when it names an office.
    profiles = load_profiles()

    def found(text: str) -> list[tuple[str, str]]:
        return [(a.label, a.text) for a in find_addresses(text, profiles)]

    assert found("Contact us\n1 High Street\nLuton\nLU1 2PL\nTel: 01582 262 070") == [
        ("", "1 High Street, Luton LU1 2PL")]
    assert found("Registered office:\nUnit 4, Park House\n1 High Street\nLuton\nBedfordshire\nLU1 2PL") == [
        ("Registered office", "Unit 4, Park House, 1 High Street, Luton, Bedfordshire LU1 2PL")]
    assert found("London Office\n20 Fleet St\nLondon\nEC4Y 1AA\nBirmingham Office\n1 Colmore Row\nBirmingham\nB3 2BJ") == [
        ("London Office", "20 Fleet St, London EC4Y 1AA"), ("Birmingham Office", "1 Colmore Row, Birmingham B3 2BJ")]
    # a sentence, a phone line or an e-mail above the address is not part of it
    assert found("We are regulated by the SRA.\n1 High Street\nLuton\nLU1 2PL") == [("", "1 High Street, Luton LU1 2PL")]
    assert found("Call 01582 262070\nhello@firm.example\n1 High Street\nLuton\nLU1 2PL") == [
        ("", "1 High Street, Luton LU1 2PL")]
    # no more than five lines above the postcode's
    assert found("a\nb\nc\nd\ne\nf\ng\nLU1 2PL") == [("", "c, d, e, f, g LU1 2PL")]


def test_the_same_address_printed_twice_counts_once():
    # a widget with the firm's name over the address, and the legal line naming it
    text = ("Harrington & Cole Solicitors\n1 High Street\nLuton\nLU1 2PL\n"
            "Registered office: 1 High Street, Luton LU1 2PL (SRA No. 654321).")
    addresses = find_addresses(text, load_profiles())
    assert [(a.label, a.text, a.regulator_number) for a in addresses] == [
        ("Registered office", "1 High Street, Luton LU1 2PL", "654321")]


def test_share_links_are_no_social_profiles():
    # Ocean Social Sharing's and other plugins' buttons link to the networks' share endpoints
    links = [("Twitter", "https://twitter.com/share?text=Post&url=https%3A%2F%2Ffirm.example%2Fx%2F"),
             ("Facebook", "https://www.facebook.com/sharer.php?u=https%3A%2F%2Ffirm.example%2Fx%2F"),
             ("LinkedIn", "https://www.linkedin.com/shareArticle?mini=true&url=https%3A%2F%2Ffirm.example%2Fx%2F"),
             ("Follow us", "https://www.linkedin.com/company/harrington-cole"),
             ("", "https://www.facebook.com/HarringtonCole")]
    org = extract_organisation(org_source_from(["© 2024 Harrington & Cole Solicitors Ltd"], links, "en-GB",
                                               "https://firm.example/"), Metadata(), load_profiles())
    assert org.social_links == ["https://www.linkedin.com/company/harrington-cole",
                                "https://www.facebook.com/HarringtonCole"]


def test_names_in_yoast_json_ld_are_text():
    # Yoast writes the site's name as WordPress stores it, HTML-escaped
    metadata = Metadata(jsonld=[{"@type": "Organization", "name": "Harrington &amp; Cole Solicitors",
                                 "legalName": "Harrington &amp; Cole Solicitors Ltd"}])  # (flattened nodes)
    org = extract_organisation(org_source_from([], [], "en-GB", "https://firm.example/"), metadata, load_profiles())
    assert (org.name, org.legal_name) == ("Harrington & Cole Solicitors", "Harrington & Cole Solicitors Ltd")


def test_a_menu_above_the_address_is_not_part_of_it():
    # A footer's menu widget beside the contact widget: its items are links, one block each.
    text = "Quick links\nAbout us\nOur services\nNews\nContact\n1 High Street\nLuton\nLU1 2PL"
    links = ["About us", "Our services", "News"]
    assert [a.text for a in find_addresses(text, load_profiles(), links)] == ["1 High Street, Luton LU1 2PL"]


def test_two_addresses_in_one_postcode_stay_two():
    text = "Main Office\n12 High Street\nLuton\nLU1 2PL\nFamily Office\n2 High Street\nLuton\nLU1 2PL"
    assert [(a.label, a.text) for a in find_addresses(text, load_profiles())] == [
        ("Main Office", "12 High Street, Luton LU1 2PL"), ("Family Office", "2 High Street, Luton LU1 2PL")]


def test_follow_and_chat_links_are_social_links():
    links = [("Follow", "https://twitter.com/intent/follow?screen_name=hcsolicitors"),
             ("Follow", "https://x.com/intent/user?screen_name=hcsolicitors"),
             ("WhatsApp us", "https://wa.me/447700900123?text=Hello"),
             ("Share", "https://wa.me/?text=https%3A%2F%2Ffirm.example%2Fx%2F"),
             ("Tweet", "https://twitter.com/intent/tweet?text=x")]
    org = extract_organisation(org_source_from([], links, "en-GB", "https://firm.example/"), Metadata(),
                               load_profiles())
    assert org.social_links == [links[0][1], links[1][1], links[2][1]]  # (wa.me is a social host)


@pytest.mark.parametrize("text, found", [
    # the ways UK firms' footers state their SRA number (the SRA Transparency Rules ask for it)
    ("SRA No. 123456", [("SRA", "123456")]),
    ("Authorised and regulated by the Solicitors Regulation Authority under number 123456", [("SRA", "123456")]),
    ("Solicitors Regulation Authority (No. 123456)", [("SRA", "123456")]),
    ("Regulated by the SRA (registration number 654321)", [("SRA", "654321")]),
    ("Authorised and regulated by the Solicitors Regulation Authority, number 612345", [("SRA", "612345")]),
    ("Our SRA number is 123456", [("SRA", "123456")]),
    ("SRA No.612345 and SRA #612346", [("SRA", "612345"), ("SRA", "612346")]),
    ("Authorised and regulated by the Financial Conduct Authority under reference 712345", [("FCA", "712345")]),
    ("Registered with the Information Commissioner's Office (ZA123456)", [("ICO", "ZA123456")]),
    ("Licensed by the Council for Licensed Conveyancers, licence number 12345", [("CLC", "12345")]),
    # the number is the first one after the name, in its sentence, and not another register's
    ("Authorised and regulated by the Solicitors Regulation Authority. Call 0161 496 0000", []),
    ("Regulated by the SRA, company number 01234567", []),
    ("The SRA Standards and Regulations 2019 apply. Tel 020 7946 0000", []),
    ("Regulated by the Solicitors Regulation Authority and the Financial Conduct Authority (FRN 612345)",
     [("FCA", "612345")]),
    # the SRA's name as footers spell it (the number was lost, or taken for the company number)
    ("Pell Ross Limited is authorised and regulated by the Solicitors’ Regulation Authority, registration number 555488.",
     [("SRA", "555488")]),
    ("Authorised and regulated by the Solicitors' Regulation Authority under number 555488", [("SRA", "555488")]),
    ("This firm is authorised and regulated by the Solicitors Regulatory Authority, number 515388", [("SRA", "515388")]),
    # immigration advisers', care providers' and auditors' numbers in their regulators' words
    # (only "OISC No. ..." and "CQC Provider ID: ..." were read)
    ("OISC Reg No: F201900123", [("OISC", "F201900123")]),
    ("Regulated by the Office of the Immigration Services Commissioner (OISC) Ref No. F201900123",
     [("OISC", "F201900123")]),
    ("Registered with the Care Quality Commission (Location ID 1-1234567890)", [("CQC", "1-1234567890")]),
    ("Registered with the Care Quality Commission. Provider ID 1-123456789", [("CQC", "1-123456789")]),
    ("Registered to carry on audit work in the UK by the Institute of Chartered Accountants in England and Wales. "
     "Details about our audit registration can be viewed at www.auditregister.org.uk, under reference number C001234567.",
     [("Audit register", "C001234567")]),
    ("Pell & Co is a member of ICAEW. Company number 01234567.", []),
    # a VAT number grouped otherwise than HMRC's "123 4567 89" (a solicitors' footer: "VAT No. 977 542 767")
    ("VAT No. 977 542 767 | SRA No. 515388", [("SRA", "515388"), ("VAT", "977 542 767")]),
    ("VAT Reg. 123456789", [("VAT", "123456789")]),
    ("VAT: GB123456789", [("VAT", "GB123456789")]),
    ("All prices include VAT at 20%. Tel 01582 262070", []),
    # the ICO's register by its law's name
    ("Data Protection Registration No. Z1234567", [("ICO", "Z1234567")]),
    ("Data Protection Act Registration: ZA123456", [("ICO", "ZA123456")]),
])
def test_regulator_numbers(text, found):
    org = extract_organisation(org_source_from([text], []), Metadata(), load_profiles())
    assert [(r["regulator"], r["number"]) for r in org.regulator_numbers] == found


def test_a_registered_office_that_is_also_a_branch_is_the_registered_office():
    # The contact widget names the office, the legal line calls the same address the registered
    # office: it was kept under the first label only, and the record had no registered office.
    blocks = ["Manchester Office\nSuite 3, 45 King Street\nManchester\nM2 4LQ\nTel: 0161 496 0000",
              "Liverpool Office\n12 Castle Street, Liverpool L2 0NR (SRA ID 612346)",
              "Firm Legal Ltd, registered in England and Wales (Company No. 09876543). Registered Office: "
              "Suite 3, 45 King Street, Manchester M2 4LQ (SRA ID 612345). "
              "Registered office: 12 Castle Street, Liverpool L2 0NR.",
              "© 2024 Firm Legal Ltd | Privacy Policy | Complaints Procedure | Cookies"]
    links = [("Privacy Policy", "https://firm.example/privacy-policy/"), ("Cookies", "https://firm.example/cookies/"),
             ("Our costs", "https://firm.example/costs/")]
    org = extract_organisation(org_source_from(blocks, links, "en-GB"), Metadata(), load_profiles())
    assert [(a.text, a.label, a.regulator_number) for a in org.addresses] == [
        ("Suite 3, 45 King Street, Manchester M2 4LQ", "Manchester Office; Registered office", "612345"),
        ("12 Castle Street, Liverpool L2 0NR", "Liverpool Office; Registered office", "612346")]
    assert org.registered_office is org.addresses[0]
    assert org.copyright == "© 2024 Firm Legal Ltd"  # (not the footer's links after it)
    assert [p["text"] for p in org.policy_links] == ["Privacy Policy", "Cookies", "Our costs"]


@pytest.mark.parametrize("text, dx", [
    ("Bloggs Law LLP\n15 Station Road\nStockport, Cheshire SK1 3AB\nDX 22605 Stockport\nT: 0161 496 0123",
     "DX 22605 Stockport"),
    ("1 High Street, Luton LU1 2PL, DX: 700123 Luton 4. Tel 01582 496000", "DX 700123 Luton 4"),
    ("1 High Street, Luton LU1 2PL DX 700123 Luton T: 01582 496000", "DX 700123 Luton"),
    ("1 High Street, Luton LU1 2PL (SRA ID 612345)", ""),
])
def test_the_document_exchange_address_under_an_office(text, dx):
    # (solicitors print their DX under the office's address: a way the firm receives post)
    assert [a.dx for a in find_addresses(text, load_profiles())] == [dx]


@pytest.mark.parametrize("text, address", [
    # the words that lead to the registered office in a firm's legal line (the wording of real
    # solicitors', charities' and companies' footers): no registered office was recorded, and the
    # address began with the words
    ("Pell Law LLP is a limited liability partnership registered in England and Wales with number OC333111. "
     "The registered office is at 3rd Floor, 20 King Street, London, EC2V 8EG.", "3rd Floor, 20 King Street, London EC2V 8EG"),
    ("Pell Law Limited is a company registered in England with number 07310111 and registered office address at "
     "11 Bank Place, Lord Street, Southport, Merseyside, PR9 0AL.", "11 Bank Place, Lord Street, Southport, Merseyside PR9 0AL"),
    ("Registered in England and Wales – Company No: 6948111 | Registered office at 290 Kiln Road, Benfleet, Essex SS7 1QT",
     "290 Kiln Road, Benfleet, Essex SS7 1QT"),
    ("Our registered office is at Pell Trust, 1st Floor, 48 Chancery Lane, London, WC2A 1JF.",
     "Pell Trust, 1st Floor, 48 Chancery Lane, London WC2A 1JF"),
    ("Pell Holdings plc, whose registered office is at 81 Newgate Street, London, EC1A 7AJ", "81 Newgate Street, London EC1A 7AJ"),
    ("Pell Law Ltd, with its registered office at 1 High Street, Luton LU1 2PL.", "1 High Street, Luton LU1 2PL"),
    ("Our registered office is 1 High Street, Luton LU1 2PL.", "1 High Street, Luton LU1 2PL"),
    ("Registered office address 1 High Street, Luton LU1 2PL", "1 High Street, Luton LU1 2PL"),
    ("Registered Office – 1 High Street, Luton LU1 2PL", "1 High Street, Luton LU1 2PL"),
    ("Registered Office Address\n1 High Street\nLuton\nLU1 2PL", "1 High Street, Luton LU1 2PL"),
    # a full stop of an abbreviation, an aside in brackets, a one-line footer's separators are
    # within the address: it was cut, and lost its label
    ("Registered office: 12 Holywell Hill, St. Albans, Hertfordshire AL1 1BT",
     "12 Holywell Hill, St. Albans, Hertfordshire AL1 1BT"),
    ("Registered office: No. 1 Park Row, Leeds LS1 5AB", "No. 1 Park Row, Leeds LS1 5AB"),
    ("Registered office: Unit 4 (First Floor), Park House, Luton LU1 2PL", "Unit 4 (First Floor), Park House, Luton LU1 2PL"),
    ("Registered Office | 1 High Street | Luton | LU1 2PL", "1 High Street, Luton LU1 2PL"),
    ("Registered office: 1 High Street • Luton • LU1 2PL", "1 High Street, Luton LU1 2PL"),
])
def test_the_registered_office_in_the_words_of_a_legal_line(text, address):
    org = extract_organisation(org_source_from([text], [], "en-GB"), Metadata(), load_profiles())
    assert org.registered_office is not None
    assert (org.registered_office.text, org.registered_office.label) == (address, "Registered office")


def test_words_before_an_address_in_a_sentence_are_not_part_of_it():
    text = "We have offices at 1 High Street, Luton LU1 2PL and 3 Park Road, Bath BA1 1AA."
    assert [a.text for a in find_addresses(text, load_profiles())] == [
        "1 High Street, Luton LU1 2PL", "3 Park Road, Bath BA1 1AA"]
    # (a copyright line beside the address in a one-line footer is not one of its lines)
    text = "© 2024 Pell Law Ltd | 14 Wexley Row | Luton | LU1 2PL"
    assert [a.text for a in find_addresses(text, load_profiles())] == ["14 Wexley Row, Luton LU1 2PL"]


@pytest.mark.parametrize("text, found", [
    # a charity's number, as charities' footers state it (no regulator knew it: not recorded)
    ("Copyright 2024 Pell Food Bank. Registered Charity No. 1234567. All Rights Reserved.",
     [("Charity Commission", "1234567")]),
    ("Pell Downs Community Association is a registered charity no 1071111", [("Charity Commission", "1071111")]),
    ("PellS is a registered charity No. 208111", [("Charity Commission", "208111")]),
    ("Registered in Scotland as\nPell Childcare Ltd Company No. SC240111\nScottish Charity No. SC034111",
     [("OSCR", "SC034111")]),
    ("Pell Institute, a registered Scottish charity No. SC041111\nand a company limited by guarantee No. SC374111",
     [("OSCR", "SC041111")]),
    ("Registered charity in England and Wales (1123456) and Scotland (SC043210). Company number 05123456.",
     [("Charity Commission", "1123456"), ("OSCR", "SC043210")]),
    ("Charity number 1123456 (England and Wales) and SC043210 (Scotland)",
     [("Charity Commission", "1123456"), ("OSCR", "SC043210")]),
    ("Registered with the Charity Commission for Northern Ireland NIC100123", [("CCNI", "NIC100123")]),
    ("A Charitable Incorporated Organisation (CIO), registered charity number 1171234", [("Charity Commission", "1171234")]),
    # a company number beside it is not the charity's
    ("A charitable company limited by guarantee registered in England and Wales No. 05123456", []),
    ("Registered in Scotland No. SC123456", []),
])
def test_charity_numbers(text, found):
    org = extract_organisation(org_source_from([text], []), Metadata(), load_profiles())
    assert [(r["regulator"], r["number"]) for r in org.regulator_numbers] == found


@pytest.mark.parametrize("text, name", [
    # a sentence's full stop ends the name (it ran into the next sentence)
    ("Pell Housing is a trading style of Pell Turner Ross Limited. Pell Turner Ross Limited is a company",
     "Pell Turner Ross Limited"),
    ("Copyright © 2024 All Rights Reserved. Harrington & Cole Ltd", "Harrington & Cole Ltd"),
    ("O'Neill & Co. Solicitors Limited", "O'Neill & Co. Solicitors Limited"),
    ("Smith (Holdings) Limited", "Smith (Holdings) Limited"),
    # the site maker's company is not the firm's name
    ("© 2024 Harrington & Cole Solicitors. Website by Pixel Media Ltd", ""),
    ("Web design and development by: Pixel Media Ltd\n© 2024 Pell Law LLP", "Pell Law LLP"),
    ("This website is operated by Pell Legal Ltd", "Pell Legal Ltd"),
    # the endings as registered: capitals, the long forms, Welsh, a CIO
    ("PELL ACCOUNTANTS LIMITED. REGISTERED IN ENGLAND AND WALES NO. 01234567", "PELL ACCOUNTANTS LIMITED"),
    ("Pell Law Limited Liability Partnership is registered", "Pell Law Limited Liability Partnership"),
    ("Pell Family Law Cyf", "Pell Family Law Cyf"),
    ("The Pell Trust CIO is a charitable incorporated organisation", "The Pell Trust CIO"),
    # other countries' (the tool is for any small organisation): a US LLC or corporation, a GmbH
    ("© 2024 Bayside Dental Partners LLC. All rights reserved.", "Bayside Dental Partners LLC"),
    ("Copyright 2024 Harbor Roasters Inc. | Privacy", "Harbor Roasters Inc."),
    ("Impressum: Müller Steuerberatung GmbH, Hauptstraße 1, 10115 Berlin", "Müller Steuerberatung GmbH"),
    ("Theme by Themely Inc. | © 2024 Bayside Dental Partners LLC", "Bayside Dental Partners LLC"),
    ("Proudly powered by WordPress", ""),
])
def test_legal_names_as_footers_write_them(text, name):
    assert find_legal_name(text) == name


def test_the_post_title_above_the_footer_is_not_part_of_its_address():
    # The post's body is left out of the organisation's text: its title (or a sidebar's last
    # line) came right above the footer's first widget, and was read as the address's first line
    # (a different address on every page).
    from mwmigrate.extract import extract_page

    html = ('<html lang="en-GB"><body class="page-template-default page page-id-12"><header id="masthead" '
            'class="site-header"><p class="site-title"><a href="/">Pell Solicitors</a></p></header>'
            '<main id="main"><article class="post-12 page type-page status-publish hentry"><header class="entry-header">'
            '<h1 class="entry-title">Divorce and Separation</h1></header><div class="entry-content"><p>We help families '
            'through divorce. Our team of specialist family lawyers is here for you.</p></div></article></main>'
            '<footer id="colophon" class="site-footer"><div class="footer-widgets"><section id="text-2" class="widget '
            'widget_text"><div class="textwidget"><p>Pell Solicitors<br>1 High Street<br>Luton<br>LU1 2PL</p>'
            '<p>Tel: 01582 262070</p></div></section></div><div class="site-info">© 2024 Pell Solicitors Ltd</div>'
            '</footer></body></html>')
    org = extract_page(html, "https://pell.example/family-law/divorce/").organisation
    assert [a.text for a in org.addresses] == ["Pell Solicitors, 1 High Street, Luton LU1 2PL"]


def test_practice_areas_are_no_policy_links():
    # A law firm's menus list its practice areas beside its policies: they share words with them
    # ("Legal", "Regulatory", "Costs", "Notices", "Conditions") and were recorded as policy pages.
    texts = ["Legal Services", "Legal Aid", "Regulatory and Professional Discipline", "Regulatory Law",
             "Data Protection Law", "Costs Law", "Costs Budgeting", "Legal News", "Section 21 Notices",
             "Conditions we treat",
             "Privacy Policy", "Complaints Procedure", "How to complain", "Our Fees", "Conveyancing Costs",
             "Employment Tribunal Fees", "Legal Aid Fees", "Price Transparency", "Our Prices", "Regulatory Information",
             "How we are regulated", "Legal Notices", "T&Cs", "Terms of Business", "Conditions of Use", "Cookies"]
    links = [(t, f"https://firm.example/{i}/") for i, t in enumerate(texts)]
    org = extract_organisation(org_source_from([], links, "en-GB"), Metadata(), load_profiles())
    assert [p["text"] for p in org.policy_links] == texts[10:]


def test_a_feed_widgets_posts_are_no_social_profiles():
    # A footer's Instagram feed (Smash Balloon) links each post, an embedded X timeline each tweet
    # and hashtag: they were recorded as the firm's social profiles.
    profiles = ["https://twitter.com/pellsolicitors?ref_src=twsrc%5Etfw", "https://www.instagram.com/pellsolicitors/",
                "https://www.facebook.com/p/Pell-Solicitors-100064123456789/", "https://www.youtube.com/@pellsolicitors"]
    posts = ["https://twitter.com/pellsolicitors/status/1234567890123?ref_src=twsrc%5Etfw",
             "https://twitter.com/hashtag/familylaw?src=hash&ref_src=twsrc%5Etfw",
             "https://www.instagram.com/p/C1abcDEF23/", "https://www.instagram.com/reel/C1abcDEF24/",
             "https://www.facebook.com/pellsolicitors/posts/pfbid0abc", "https://www.youtube.com/watch?v=abc123",
             "https://www.linkedin.com/feed/update/urn:li:activity:7123/",
             "https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com%2Fpell"]
    links = [("", u) for u in profiles + posts]
    org = extract_organisation(org_source_from([], links, "en-GB", "https://firm.example/"), Metadata(), load_profiles())
    assert org.social_links == profiles


def test_a_table_of_offices_numbers_each_with_its_columns_heading():
    # A footer's table of offices, one row each, the SRA number in a column headed "SRA ID":
    # the numbers in the cells were read without their heading, and lost.
    from mwmigrate.extract.page import organisation_of_chrome

    org = organisation_of_chrome(
        '<footer class="site-footer"><table class="offices"><tbody>'
        "<tr><th>Office</th><th>Address</th><th>Telephone</th><th>SRA ID</th></tr>"
        "<tr><td>Luton</td><td>1 High Street, Luton LU1 2PL</td><td>01582 262070</td><td>612345</td></tr>"
        "<tr><td>Bedford</td><td>5 Mill Street, Bedford MK40 3EU</td><td>01234 567890</td><td>612346</td></tr>"
        "</tbody></table></footer>", "https://firm.example/", "en-GB")
    assert [(a.text, a.regulator_number) for a in org.addresses] == [
        ("1 High Street, Luton LU1 2PL", "612345"), ("5 Mill Street, Bedford MK40 3EU", "612346")]
    assert [(r["regulator"], r["number"]) for r in org.regulator_numbers] == [("SRA", "612345"), ("SRA", "612346")]
    assert [(p.e164, p.label) for p in org.phones] == [("+441582262070", "Telephone"), ("+441234567890", "Telephone")]


@pytest.mark.parametrize("blocks, numbers", [
    # the firm's number stated after its last office, in its copyright line or another sentence,
    # was given to that office
    (["Luton office\n1 High Street\nLuton\nLU1 2PL", "Bedford office\n5 Mill Street\nBedford\nMK40 3EU",
      "© 2024 Pell Law Ltd | SRA No. 612345"], [("Luton office", ""), ("Bedford office", "")]),
    (["Registered office: 1 High Street, Luton LU1 2PL. Registered in England No. 01234567. SRA number 612345"],
     [("Registered office", "")]),
    (["Head office: 1 High Street, Luton LU1 2PL | VAT No. 123 4567 89"], [("Head office", "")]),
    # an office's own, right after it (in brackets, on its line, on a line below its phone's)
    (["Registered office: 1 High Street, Luton LU1 2PL (SRA No. 638355). Branch: 5 Mill Street, Bedford MK40 3EU "
      "(SRA No. 648071)"], [("Registered office", "638355"), ("Branch", "648071")]),
    (["Luton office\n1 High Street\nLuton\nLU1 2PL\nTel: 01582 262070\nSRA ID: 612345",
      "Bedford office\n5 Mill Street\nBedford\nMK40 3EU\nSRA ID: 612346"],
     [("Luton office", "612345"), ("Bedford office", "612346")]),
])
def test_an_offices_own_number_and_the_firms(blocks, numbers):
    org = extract_organisation(org_source_from(blocks, [], "en-GB"), Metadata(), load_profiles())
    assert [(a.label, a.regulator_number) for a in org.addresses] == numbers


@pytest.mark.parametrize("blocks, line", [
    # the word in a practice area or a sentence is no copyright line (an IP firm's menu)
    (["Copyright & Trade Marks", "We have advised on copyright disputes since 1990.", "© 2024 Pell IP LLP"],
     "© 2024 Pell IP LLP"),
    (["Copyright & Trade Marks"], ""),
    (["Copyright 2024 Pell Law LLP"], "Copyright 2024 Pell Law LLP"),
    (["All content copyright Pell Law 2024"], "copyright Pell Law 2024"),
    # an abbreviation's full stop does not end it
    (["© Pell & Co. 2024 All rights reserved"], "© Pell & Co. 2024 All rights reserved"),
    (["© 2024 St. Albans Law Ltd"], "© 2024 St. Albans Law Ltd"),
    # the legal line printed straight after it, no full stop between (a solicitors' LLP's footer)
    (["© Pell LLP 2017 Pell LLP is a Limited Liability Partnership registered in England and Wales (No. OC317111)"],
     "© Pell LLP 2017"),
    (["© Copyright Pell Law Ltd 2024 All Rights Reserved. Pell Law Ltd is regulated"],
     "© Copyright Pell Law Ltd 2024 All Rights Reserved."),
    (["Copyright © 2019 - 2024 Pell Law Ltd"], "Copyright © 2019 - 2024 Pell Law Ltd"),
])
def test_the_copyright_line(blocks, line):
    org = extract_organisation(org_source_from(blocks, [], "en-GB"), Metadata(), load_profiles())
    assert org.copyright == line


def test_an_address_cloudflare_hides_is_read_as_its_script_shows_it():
    # Behind Cloudflare (e-mail address obfuscation on by default), a mailto link becomes
    # /cdn-cgi/l/email-protection#<hex> and an address in the text "[email protected]" with the
    # address in data-cfemail: the footer's e-mail addresses were lost.
    from mwmigrate.extract.page import organisation_of_chrome

    def encoded(email: str, key: int = 0x5a) -> str:
        return f"{key:02x}" + "".join(f"{ord(c) ^ key:02x}" for c in email)

    org = organisation_of_chrome(
        f'<footer><p>Email: <a href="/cdn-cgi/l/email-protection#{encoded("info@pell.example")}">'
        f'<span class="__cf_email__" data-cfemail="{encoded("info@pell.example")}">[email&#160;protected]</span></a></p>'
        f'<p>Or write to <a href="/cdn-cgi/l/email-protection" class="__cf_email__" '
        f'data-cfemail="{encoded("family@pell.example")}">[email&#160;protected]</a></p></footer>',
        "https://pell.example/", "en-GB")
    assert org.emails == ["info@pell.example", "family@pell.example"]


@pytest.mark.parametrize("text", [
    # a contact widget's other lines above the address, an icon before it, the word "Address"
    "Opening Hours\nMon-Fri 9am - 5pm\n1 High Street\nLuton\nLU1 2PL",
    "Get Directions\n1 High Street\nLuton\nLU1 2PL",
    "📍 1 High Street, Luton LU1 2PL | 📞 01582 262070",
    "Address 1 High Street, Luton LU1 2PL",
])
def test_what_is_not_an_address_line(text):
    assert [a.text for a in find_addresses(text, load_profiles())] == ["1 High Street, Luton LU1 2PL"]


def test_a_dx_stated_beside_the_only_office_is_its():
    # a block theme's footer: the registered office in one column, phone, e-mail and DX in the next
    blocks = ["Registered Office\nPell & Partners LLP\nSecond Floor, Quay House\n7 Quay Street\nManchester\nM3 3JZ",
              "Contact\nT: 0161 496 0123\nE: hello@pell.example\nDX: 14321 Manchester 1"]
    org = extract_organisation(org_source_from(blocks, [], "en-GB"), Metadata(), load_profiles())
    assert [a.dx for a in org.addresses] == ["DX 14321 Manchester 1"]
    # (two offices: whose it is is not said)
    blocks.insert(1, "Bolton office\n1 Bank Street\nBolton\nBL1 1AA")
    org = extract_organisation(org_source_from(blocks, [], "en-GB"), Metadata(), load_profiles())
    assert [a.dx for a in org.addresses] == ["", ""]


def test_a_long_line_of_capitalised_words_is_read_in_time():
    # (a tag cloud, a line of capitals: the name's expression was tried from every word, each
    # try running to the line's end: 6,000 words took seconds, 20,000 a minute)
    import time

    text = " ".join(["Absolutely"] * 6000) + " for Pell Ltd. " + "1 High St. " * 3000 + "LU1 2PL"
    started = time.perf_counter()
    assert find_legal_name(text) == "Pell Ltd."
    assert [a.postcode for a in find_addresses(text, load_profiles())] == ["LU1 2PL"]
    assert time.perf_counter() - started < 1.5


@pytest.mark.parametrize("blocks, labels", [
    # the registered office's label was carried to the next address, in the next widget or line:
    # the record had two registered offices, one of them a branch
    (["Registered office: 1 High Street, Luton LU1 2PL", "5 Mill Street, Bedford MK40 3EU"], ["Registered office", ""]),
    (["Registered office: 1 High Street, Luton LU1 2PL (SRA 612345)", "Bedford\n5 Mill Street\nBedford\nMK40 3EU"],
     ["Registered office", ""]),
    # a list under one label goes on
    (["Offices: 1 High Street, Luton LU1 2PL; 5 Mill Street, Bedford MK40 3EU"], ["Offices", "Offices"]),
    (["Our offices\n1 High Street\nLuton\nLU1 2PL\n5 Mill Street\nBedford\nMK40 3EU"], ["Our offices", "Our offices"]),
])
def test_a_label_goes_on_over_a_list_only(blocks, labels):
    org = extract_organisation(org_source_from(blocks, [], "en-GB"), Metadata(), load_profiles())
    assert [a.label for a in org.addresses] == labels
    assert sum(a is org.registered_office for a in org.addresses) == ("Registered office" in labels)


def test_a_call_buttons_words_are_not_its_number():
    # a header's "Call us" button, a page builder's "Call Now": the words were recorded as the
    # number as printed
    links = [("Call us", "tel:01582262070"), ("Call Now", "tel:+44%20161%20496%200001"),
             ("Luton office", "tel:01582 111222"), ("0161 496 0000", "tel:+441614960000")]
    org = extract_organisation(org_source_from([], links, "en-GB"), Metadata(), load_profiles())
    assert [(p.number, p.e164, p.label) for p in org.phones] == [
        ("01582262070", "+441582262070", ""), ("+44 161 496 0001", "+441614960001", ""),
        ("01582 111222", "+441582111222", "Luton office"), ("0161 496 0000", "+441614960000", "")]


_LINES = ["Home", "About us", "Regulated by the", "Solicitors Regulation Authority", "SRA ID", "612345",
          "SRA number: 612346", "Registered Charity No.", "1123456", "Tel 0161 496 0000", "VAT No.",
          "GB 123 4567 89", "Authorised and regulated by the Financial Conduct Authority",
          "FRN 712345", "", "News; more", "ICO Registration: ZA123456", "Care Quality Commission",
          "Provider ID 1-123456789", "x" * 120 + " regulated by the SRA", "Latest posts. 2024"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=30))
def test_regulators_are_read_where_the_numbers_are_as_over_the_whole_text(lines):
    # (only the lines near a number are tried: the same numbers as trying every pattern over all)
    from mwmigrate.extract.organisation import _regulator_hits
    text = "\n".join(lines)
    regulators = load_profiles().regulators
    whole = {}
    for name, pattern in regulators:
        for m in pattern.finditer(text):
            whole.setdefault((name, " ".join(m.group(1).split())), None)
    assert _regulator_hits(text, regulators) == tuple(whole)


def test_a_long_run_of_an_email_addresss_characters_is_read_once():
    # "A.A.A.A..." with no "@": the e-mail pattern read it again from each of its words, in the
    # square of its length (minutes for this megabyte; milliseconds read once); an underscore is
    # an address's character
    text = "A." * 500_000 + "\nfirst_last@firm.co.uk, -info@firm.co.uk"
    org = extract_organisation(org_source_from([text], [], "en-GB"), Metadata(), load_profiles())
    assert org.emails == ["first_last@firm.co.uk", "info@firm.co.uk"]


def test_many_addresses_and_links_are_kept_without_comparing_each_with_all(monkeypatch):
    # the addresses, e-mails and social links kept were searched through for each new one, in
    # the square of their number: a postcode is compared with its own postcode's addresses only
    from mwmigrate.extract import organisation
    postcodes = [f"{a}{a}{d} {x}AB" for a in "BCDHLMNPST" for d in range(1, 41) for x in range(10)][:3000]
    compared = []
    same = organisation._same_address
    monkeypatch.setattr(organisation, "_same_address", lambda a, b: compared.append(1) or same(a, b))
    text = "\n\n".join(f"{i} High Street\nTown {pc}" for i, pc in enumerate(postcodes)) + "\n\n0 High Street\nTown BB1 0AB"
    links = [(f"m{i}", f"mailto:m{i}@firm.co.uk") for i in range(100_000)] + \
            [(f"f{i}", f"https://facebook.com/p{i}") for i in range(100_000)]
    org = extract_organisation(org_source_from([text], links, "en-GB"), Metadata(), load_profiles())
    assert len(org.addresses) == 3000 and len(compared) == 1  # (the twin of BB1 0AB's)
    assert len(org.emails) == 100_000 and len(org.social_links) == 100_000


def test_a_company_numbers_clause_is_read_near_it():
    # each number's clause was cut from the text from its very start and its numbers sought over
    # all of it: a long text of other registers' numbers ("VAT registration number 1234567. ...")
    # took time in the square of its length (minutes for this megabyte; well under a second now)
    text = "VAT registration number 1234567. " * 30_000 + "Company registration number 5123456."
    assert find_company_number(text, load_profiles()) == "5123456"


@pytest.mark.parametrize("widget", [
    '<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>{}</ul></section>',
    '<div class="widget widget_block"><ul class="wp-block-latest-posts__list wp-block-latest-posts">{}</ul></div>',
])
def test_a_sidebars_list_of_posts_states_nothing_of_the_firm(widget):
    # a news site's Recent Posts widget: its posts' titles were read as the firm's legal name,
    # company number, charity and SRA numbers and address
    from mwmigrate.extract import extract_page
    titles = ["Charity gala raises £123456 for hospice", "Our new office at 1 High St, Luton LU1 2PL",
              "Smith Jones Limited registered in England No. 01234567 goes bust", "SRA strikes off solicitor 123456 times"]
    items = "".join(f'<li><a href="/2024/05/p{i}/">{t}</a></li>' for i, t in enumerate(titles))
    html = ('<html lang="en-GB"><body class="post-template-default single single-post postid-9"><main id="main">'
            '<article class="post type-post"><h1 class="entry-title">Story</h1><div class="entry-content"><p>Body.</p>'
            f'</div></article></main><aside id="secondary" class="widget-area">{widget.format(items)}</aside>'
            '<footer id="colophon" class="site-footer"><div class="site-info">© 2024 Local News Ltd</div></footer></body></html>')
    org = extract_page(html, "https://news.example/2024/05/story/").organisation
    assert (org.legal_name, org.company_number, org.regulator_numbers, org.addresses) == ("Local News Ltd", "", [], [])


def test_a_recipes_and_a_posts_words_are_no_policy_links():
    # "Best Chocolate Chip Cookies", "Terms of Endearment Pie" were recorded as policy pages; a
    # "Pin it" button's pin as a social profile
    texts = ["Best Chocolate Chip Cookies", "Oatmeal cookies", "Cookies and cream cake", "Terms of Endearment Pie",
             "Terms agreed in pay dispute",
             "Cookies", "Cookie Policy", "Use of Cookies", "Manage cookies", "Privacy & Cookies", "Cookie Settings",
             "Terms", "Terms of Use", "Terms & Conditions", "Website Terms", "Terms and Conditions"]
    links = [(t, f"https://blog.example/{i}/") for i, t in enumerate(texts)] + [
        ("Pin it", "https://www.pinterest.com/pin/123456/"), ("Pinterest", "https://www.pinterest.com/bakingwithanna/")]
    org = extract_organisation(org_source_from([], links, "en-US"), Metadata(), load_profiles())
    assert [p["text"] for p in org.policy_links] == texts[5:]
    assert org.social_links == ["https://www.pinterest.com/bakingwithanna/"]


def test_a_us_pages_number_is_no_uk_number():
    # a US footer's "(555) 123-4567" (no valid US number) was recorded as +44 555 123 4567: a
    # region tried after the page's own reads only numbers written as that region writes them
    text = "Phone: (555) 123-4567 | Fax: (555) 765-4321 | (217) 782-2000 | UK office: 01582 262070, +44 161 496 0000"
    org = extract_organisation(org_source_from([text], [], "en-US", "https://joes.example.com/"), Metadata(), load_profiles())
    assert [p.e164 for p in org.phones] == ["+12177822000", "+441582262070", "+441614960000"]


def test_the_copyright_line_ends_before_the_links_past_a_dash():
    # a French footer's "© 2024 Dupont SARL – Tous droits réservés – Mentions légales – CGV": the
    # links' texts were recorded as part of the copyright statement
    text = "© 2024 Dupont SARL – Tous droits réservés – Mentions légales – Politique de confidentialité – CGV"
    links = [("Mentions légales", "https://dupont.example/mentions-legales/"),
             ("Politique de confidentialité", "https://dupont.example/confidentialite/"), ("CGV", "https://dupont.example/cgv/")]
    org = extract_organisation(org_source_from([text], links, "fr-FR"), Metadata(), load_profiles())
    assert org.copyright == "© 2024 Dupont SARL – Tous droits réservés"
    org = extract_organisation(org_source_from(["© 2024 Pell & Co – Solicitors"], [], "en-GB"), Metadata(), load_profiles())
    assert org.copyright == "© 2024 Pell & Co – Solicitors"


def test_a_registers_number_is_no_phone_number():
    # an Australian site left in WordPress's en-US: its ABN was recorded as a US phone number
    text = "Smith Builders Pty Ltd | ABN 12 345 678 901 | ACN: 123 456 789 | Company No. 12 345 678 901 | Ph: (02) 9876 5432"
    org = extract_organisation(org_source_from([text], [], "en-US", "https://smith.example.com.au/"), Metadata(), load_profiles())
    assert [p.e164 for p in org.phones] == ["+61298765432"]
    assert [p.e164 for p in find_phones("Phone No. 0161 496 0000, Tel: 01582 262070")] == ["+441614960000", "+441582262070"]


def _footer(*blocks: str, lang: str = "en-GB"):
    return extract_organisation(org_source_from(list(blocks), [], lang, "https://shop.example.co.uk/"),
                                Metadata(), load_profiles())


def test_a_lenders_facts_in_a_shops_footer_are_not_the_shops():
    # A shop that sells on credit names its lender, as the FCA's rules ask, with the lender's own
    # legal name, address and FCA number: they were recorded as the shop's (legal name, address,
    # FCA number). Kept now as the lender's: its FCA number applies to it.
    org = _footer("Pay in 3 with Klarna. Klarna's Pay in 3 / Pay in 30 days are unregulated credit "
                  "agreements. Klarna Financial Services UK Limited, 10 York Road, London SE1 7ND, is "
                  "authorised and regulated by the Financial Conduct Authority (FRN 987816).",
                  "© 2026 Bloom Florist Ltd, company no. 09876543")
    assert (org.legal_name, org.company_number, org.addresses) == ("Bloom Florist Ltd", "09876543", [])
    assert org.regulator_numbers == [
        {"regulator": "FCA", "number": "987816", "applies_to": "Klarna Financial Services UK Limited"}]
    org = _footer("© 2026 Oak Furniture Barn Ltd. Registered in England No. 07123456.",
                  "Credit is provided by Divido Financial Services Limited, company number 10063843, "
                  "authorised and regulated by the Financial Conduct Authority (FRN 728872).")
    assert org.company_number == "07123456"
    assert org.regulator_numbers == [
        {"regulator": "FCA", "number": "728872", "applies_to": "Divido Financial Services Limited"}]


def test_a_firms_insurer_is_not_one_of_its_offices():
    # The SRA's Transparency Rules ask a firm to name its professional indemnity insurer: the
    # insurer's address was recorded as an office of the firm.
    org = _footer("Smith & Co Solicitors LLP is authorised and regulated by the Solicitors Regulation "
                  "Authority (SRA number 654321). Our professional indemnity insurance is provided by "
                  "Travelers Insurance Company Limited, 61-63 London Road, Redhill RH1 1NA. Registered "
                  "office: 2 Park Row, Leeds LS1 5HD.")
    assert [a.postcode for a in org.addresses] == ["LS1 5HD"]
    assert org.registered_office is not None and org.registered_office.postcode == "LS1 5HD"
    assert org.regulator_numbers == [{"regulator": "SRA", "number": "654321", "applies_to": ""}]


def test_the_shops_own_words_before_its_lenders_stay_its_own():
    # A credit broker's own FCA number in the sentence that names its lender; and a sentence
    # about finance that names the shop itself.
    org = _footer("Oak Furniture Barn Ltd (FRN 123456) is a credit broker, not a lender, and offers "
                  "finance provided by Novuna Personal Finance, a trading name of Mitsubishi HC Capital "
                  "UK PLC (FRN 704348).", "© Oak Furniture Barn Ltd 2026")
    assert org.legal_name == "Oak Furniture Barn Ltd"
    assert org.regulator_numbers == [
        {"regulator": "FCA", "number": "123456", "applies_to": ""},
        {"regulator": "FCA", "number": "704348", "applies_to": "Novuna Personal Finance"}]
    org = _footer("Finance is provided by Oak Furniture Barn Ltd (FRN 123456).",
                  "© Oak Furniture Barn Ltd 2026, 4 Mill Lane, York YO1 7HH")
    assert org.regulator_numbers == [{"regulator": "FCA", "number": "123456", "applies_to": ""}]


def test_a_shop_that_only_names_its_payment_methods_is_read_as_before():
    text = "We accept Visa, Mastercard, PayPal and Klarna. Smith Plumbing Ltd, 4 Mill Lane, York YO1 7HH. Company number 11223344."
    org = _footer(text)
    assert (org.legal_name, org.company_number) == ("Smith Plumbing Ltd", "11223344")
    assert [a.postcode for a in org.addresses] == ["YO1 7HH"]


def test_irish_addresses_end_in_an_eircode():
    # An Irish firm's offices were not recorded: addresses were found by UK postcodes only.
    text = ("Byrne & Partners Solicitors LLP, 12 Merrion Square, Dublin 2, D02 X285. Tel: +353 1 234 5678.\n"
            "Cork office: 5 South Mall, Cork, T12 AC34")
    org = extract_organisation(org_source_from([text], [], "en-IE", "https://byrne.example.ie/"),
                               Metadata(), load_profiles())
    assert [(a.postcode, a.label) for a in org.addresses] == [("D02 X285", ""), ("T12 AC34", "Cork office")]
    assert org.addresses[0].text == "Byrne & Partners Solicitors LLP, 12 Merrion Square, Dublin 2 D02 X285"
    # (the .ie domain says Ireland too, WordPress's default en-US language does not)
    org = extract_organisation(org_source_from(["3 Eyre Square, Galway H91 E2K3"], [], "en-US",
                                               "https://firm.example.ie/"), Metadata(), load_profiles())
    assert [a.postcode for a in org.addresses] == ["H91 E2K3"]


def test_an_eircodes_shape_elsewhere_is_no_address():
    for text in ["Product code D02 X285 in stock, 1 High St", "Order ref A65 F4E2"]:
        org = extract_organisation(org_source_from([text], [], "en-GB", "https://shop.example.co.uk/"),
                                   Metadata(), load_profiles())
        assert org.addresses == []
    assert find_postcodes("D02 X285 and T12 BB34 (B is no Eircode letter)", ("IE",)) == [(0, 8, "D02 X285")]


def test_a_shops_own_sentence_that_names_a_lender_stays_its_own():
    # (no other statement of the shop's name on the page: nothing to tell the owner by but the
    # sentence itself)
    for text in ["Smith Plumbing Ltd | Company No. 11223344 | We accept Visa, Mastercard and PayPal",
                 "Smith Plumbing Ltd (Company No. 11223344) accepts PayPal and Klarna."]:
        org = _footer(text)
        assert (org.legal_name, org.company_number) == ("Smith Plumbing Ltd", "11223344"), text
    org = _footer("Oak Beds Ltd (FRN 123456) offers finance provided by Novuna Personal Finance (FRN 704348).")
    assert org.legal_name == "Oak Beds Ltd"
    assert org.regulator_numbers == [
        {"regulator": "FCA", "number": "123456", "applies_to": ""},
        {"regulator": "FCA", "number": "704348", "applies_to": "Novuna Personal Finance"}]


def test_an_appointed_representatives_principal_is_another_company():
    # The FCA's wording for an appointed representative names its principal with the principal's
    # FRN (Sports Direct's footer, a fund boutique's): the principal's FRN was the shop's own.
    org = _footer("Thrive.com Retail Ltd (FRN: 980401), trading as 'Sports Direct', is an appointed "
                  "representative of Frasers Group Credit Broking Limited (FRN: 947961) who are authorised "
                  "and regulated by the Financial Conduct Authority as a credit broker not a lender.")
    assert org.legal_name == "Thrive.com Retail Ltd"
    assert org.regulator_numbers == [
        {"regulator": "FCA", "number": "980401", "applies_to": ""},
        {"regulator": "FCA", "number": "947961", "applies_to": "Frasers Group Credit Broking Limited"}]
    org = _footer("Boutique Capital Partners Limited (FRN 1027595) (\"BCP\") is an appointed representative of "
                  "Thornbridge Investment Management LLP (FRN 713859), which is authorised and regulated by the "
                  "Financial Conduct Authority.")
    assert org.regulator_numbers == [
        {"regulator": "FCA", "number": "1027595", "applies_to": ""},
        {"regulator": "FCA", "number": "713859", "applies_to": "Thornbridge Investment Management LLP"}]


def test_a_credit_product_provided_by_a_lender_is_the_lenders():
    # Sports Direct's footer: "a credit product provided by" was not read as a lender's words,
    # and the owner, named only before "appointed representative of", was taken for the lender
    # the last sentence names (so the lender's sentence was kept as the owner's).
    org = _footer("Thrive.com Retail Ltd (FRN: 980401), trading as 'Sports Direct', is an appointed "
                  "representative of Frasers Group Credit Broking Limited (FRN: 947961) who are authorised "
                  "and regulated by the Financial Conduct Authority as a credit broker not a lender. Frasers "
                  "Plus is a credit product provided by Frasers Group Financial Services Limited (FRN: 311908) "
                  "and is subject to your financial circumstances. Missed payments may affect your credit "
                  "score. For regulated payment services, Frasers Group Financial Services Limited is a "
                  "payment agent of Transact Payments Limited, a company authorised and regulated by the "
                  "Gibraltar Financial Services Commission as an electronic money institution.")
    assert org.legal_name == "Thrive.com Retail Ltd"
    assert org.regulator_numbers == [
        {"regulator": "FCA", "number": "980401", "applies_to": ""},
        {"regulator": "FCA", "number": "947961", "applies_to": "Frasers Group Credit Broking Limited"},
        {"regulator": "FCA", "number": "311908", "applies_to": "Frasers Group Financial Services Limited"}]
    # (and the other ways footers word it)
    for words in ["credit products provided exclusively by", "insurance policies are underwritten by",
                  "Care policies are provided by", "Pay is provided by"]:
        org = _footer(f"Argos {words} Domestic & General Insurance PLC (FRN 202111).", "© Argos Limited 2025")
        assert org.regulator_numbers == [
            {"regulator": "FCA", "number": "202111", "applies_to": "Domestic & General Insurance PLC"}], words


def test_the_sentences_that_go_on_about_a_third_party_are_its_own():
    # The Royal Kennel Club's footer names its insurer, then states the insurer's FRN, company
    # number and registered office in sentences of their own: all three were the club's.
    org = _footer("Copyright © The Royal Kennel Club Limited 2026.",
                  "The Royal Kennel Club Limited is an Appointed Representative of Agria Pet Insurance Ltd, who "
                  "administer the insurance. Agria Pet Insurance is authorised and regulated by the Financial "
                  "Conduct Authority, Financial Services Register Number 496160. Agria Pet Insurance Ltd is "
                  "registered and incorporated in England and Wales with registered number 04258783. Registered "
                  "office: First Floor, Blue Leanie, Walton Street, Aylesbury, Buckinghamshire, HP21 7QW. Agria "
                  "insurance policies are underwritten by Agria Försäkring who is authorised and regulated by "
                  "the Prudential Regulatory Authority and Financial Conduct Authority.")
    assert (org.legal_name, org.company_number, org.addresses, org.registered_office) == (
        "The Royal Kennel Club Limited", "", [], None)
    assert org.regulator_numbers == [
        {"regulator": "FCA", "number": "496160", "applies_to": "Agria Pet Insurance Ltd"}]
    # Samsung's: the lender's FRN in the sentence after the one that names it
    org = _footer("Samsung Electronics (UK) Limited (Registered no: 03086621), registered at Samsung House, 2000 "
                  "Hillswood Drive, Chertsey, Surrey KT16 0RS, United Kingdom, acts as a credit broker and not as "
                  "a lender. Samsung is authorised and regulated by the Financial Conduct Authority (FRN 727333). "
                  "Credit is provided by Glow Financial Services Limited, 71 Queen Victoria Street, London EC4V "
                  "4BE. Registered in England No. 09127663. Glow Financial Services Limited is authorised and "
                  "regulated by the Financial Conduct Authority (Reference No. 751308).")
    assert (org.company_number, [a.postcode for a in org.addresses]) == ("03086621", ["KT16 0RS"])
    assert org.regulator_numbers == [
        {"regulator": "FCA", "number": "727333", "applies_to": ""},
        {"regulator": "FCA", "number": "751308", "applies_to": "Glow Financial Services Limited"}]
    # (a lender named by words that are no company's name leads no sentence of the owner's)
    org = _footer("Finance is provided by Our panel of lenders (FRN 704348). Our SRA number is 612345.")
    assert {"regulator": "SRA", "number": "612345", "applies_to": ""} in org.regulator_numbers


def test_an_irish_county_is_no_sentences_end():
    # "Co. Cork" abbreviates County Cork: the address was cut at its full stop ("Cork P81 AK26"),
    # in Ireland and in Northern Ireland alike.
    org = extract_organisation(org_source_from(["Registered Address", "21 Páirc Goodman, Skibbereen, Co. Cork, P81 AK26, Ireland"],
                                               [], "en-IE", "https://timebank.example.ie/"), Metadata(), load_profiles())
    assert [a.text for a in org.addresses] == ["21 Páirc Goodman, Skibbereen, Co. Cork P81 AK26"]
    org = _footer("Smith Solicitors, 12 Main Street, Ballymena, Co. Antrim BT43 5AB")
    assert [a.text for a in org.addresses] == ["Smith Solicitors, 12 Main Street, Ballymena, Co. Antrim BT43 5AB"]
    # (a sentence that ends in "& Co." still ends there)
    org = _footer("Founded by Smith & Co. 12 Main Street, Luton LU1 2PL")
    assert [a.text for a in org.addresses] == ["12 Main Street, Luton LU1 2PL"]


def test_an_eircode_printed_after_its_name_ends_the_address():
    # Irish contact widgets print "Eircode: D02 HK35" on a line of its own (or after the county):
    # the address was the code alone, labelled "Eircode".
    for blocks, text in [
        (["30 - 34 Westmoreland St", "Dublin 2", "Eircode: D02 HK35", "Ireland"], "30 - 34 Westmoreland St, Dublin 2 D02 HK35"),
        (["Address", "University College Dublin, Belfield\nDublin 4, Ireland,\nEircode: D04 V1W8"],
         "University College Dublin, Belfield, Dublin 4, Ireland D04 V1W8"),
        (["Smith Accountants Ltd, 12 Main Street, Naas, Co. Kildare. Eircode: W91 C2K3"],
         "Smith Accountants Ltd, 12 Main Street, Naas, Co. Kildare W91 C2K3"),
    ]:
        org = extract_organisation(org_source_from(blocks, [], "en-IE", "https://firm.example.ie/"),
                                   Metadata(), load_profiles())
        assert [(a.text, a.label) for a in org.addresses] == [(text, "")], blocks
    assert [a.text for a in _footer("1 High Street, Luton. Postcode: LU1 2PL").addresses] == ["1 High Street, Luton LU1 2PL"]


def test_a_central_bank_number_is_no_eircode():
    # Aviva's Irish footer: the Central Bank of Ireland's reference, C and 6 digits, has an
    # Eircode's shape written without its space: it was an address of its own.
    text = ("Aviva Insurance Ireland Designated Activity Company, trading as Aviva, is regulated by the Central "
            "Bank of Ireland. A private company limited by shares. Authorisation number C171485. Registered in "
            "Ireland No. 605769. Registered Office: One Park Place, Hatch Street, Dublin 2, Ireland, D02 E651.")
    org = extract_organisation(org_source_from([text], [], "en-IE", "https://www.aviva.example.ie/"),
                               Metadata(), load_profiles())
    assert [(a.text, a.label) for a in org.addresses] == [
        ("One Park Place, Hatch Street, Dublin 2, Ireland D02 E651", "Registered office")]
    assert org.company_number == "605769"
    assert find_postcodes("Ref. No. A65 F4E2; (C171485); A65F4E2", ("IE",)) == [(30, 37, "A65 F4E2")]


def test_irish_companies_names():
    # Ireland's Companies Act 2014 names: a designated activity company (Aviva's Irish insurer, in
    # full or as "DAC"), a company limited by guarantee (a charity's "CLG"). Aviva's had no legal name.
    assert find_legal_name("Aviva Insurance Ireland Designated Activity Company, trading as Aviva, is regulated "
                           "by the Central Bank of Ireland.") == "Aviva Insurance Ireland Designated Activity Company"
    assert find_legal_name("Car insurance is underwritten by Aviva Insurance Ireland DAC.") == "Aviva Insurance Ireland DAC"
    assert find_legal_name("© 2025 Clonakilty Community Radio CLG. Registered Charity No. 20204862.") == \
        "Clonakilty Community Radio CLG"
    # (a UK firm whose name begins with the letters is no DAC)
    assert find_legal_name("Advised by DAC Beachcroft LLP") == "DAC Beachcroft LLP"
