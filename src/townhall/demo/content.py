"""The demo borough's text. Facts come from public Barnet pages; every sentence is our own."""

from datetime import date

BOROUGH = {"name": "Barnet", "ons_code": "E09000003"}

HOME_INTRO = (
    "<p>Barnet's residents, campaign groups and council in one place: read what each group "
    "stands for, join the campaigns you support, and follow what the council decides.</p>"
)

ABOUT = {
    "title": "About this site",
    "summary": "Who runs this site, what it keeps about you, and how to reach us.",
    "body": (
        "<h2>Who runs it</h2><p>This is a demonstration of Townhall, free software that lets "
        "a borough's council and campaign groups publish side by side.</p>"
        "<h2>Your details</h2><p>When you join a campaign we keep your name, email address "
        "and, if you give it, your postcode. Only that campaign's organisers can see them. "
        "They are never published, and every email has a link to stop them.</p>"
        "<p>Signing a petition, answering an event invitation or adding your name to a "
        "statement never signs you up to a group's emails. A group hears from you only if "
        "you tick its own box, which says what it will send; it then sees what you did on "
        "its pages, and no other group does.</p>"
        "<h2>Emails from groups</h2><p>Every email from a group has a link that stops its "
        "emails in one click. There are no tracking images in them: we do not know whether "
        "you opened one. A group can see how many people followed each link.</p>"
        "<h2>Giving money</h2><p>Payments are taken on the payment provider's own page; no "
        "group and no part of this site ever sees your card details. If you ask to be "
        "deleted, your name and email address are removed from your donations, but the "
        "amounts and dates are kept for the group's accounts. If you made a Gift Aid "
        "declaration, the law requires the charity to keep it, with your name and home "
        "address, for six years after its last claim; it is used for nothing else.</p>"
        "<h2>Writing to a councillor, and questions to meetings</h2><p>A message to a "
        "councillor goes to them with your name, address and email, so they can answer; we "
        "never publish it, and we delete it and your details 28 days after it is sent. We "
        "keep only whether you told us you had a reply, counted without your name. A "
        "question to a meeting is published with your name once an officer accepts it; your "
        "email address never is.</p>"
        "<h2>Deleting your details</h2><p>Use the link at the foot of any email from a "
        "group, or ask the group: it removes you from its lists and from every future "
        "mailing.</p>"
    ),
}

COUNCIL = {
    "name": "Barnet Council",
    "slug": "council",
    "kind": "council",
    "intro": (
        "<p>The London Borough of Barnet runs local services for about 390,000 residents in "
        "24 wards, from bin collections and libraries to social care and planning.</p>"
        "<p>Here the council publishes its programmes, the decisions it takes and who took "
        "them, and the papers behind them: start with the "
        '<a href="/council/one-barnet/">One Barnet programme</a>, the '
        '<a href="/democracy/committees/">committees and their meetings</a> or the '
        '<a href="/democracy/decisions/">decisions register</a>.</p>'
    ),
    "contact": {
        "name": "Barnet Council",
        "address": "2 Bristol Avenue\nColindale\nLondon\nNW9 4EW",
        "phone": "020 8359 2000",
        "email": "first.contact@example.gov.uk",
        "opening_hours": "Monday to Friday, 9am to 5pm",
    },
    "aims": {
        "title": "Corporate plan priorities",
        "versions": [
            (
                date(2011, 4, 1),
                "First plan for the One Barnet years",
                "<p>The council will:</p><ul>"
                "<li>give residents a new relationship with the council, built around their "
                "needs rather than its departments;</li>"
                "<li>drive out waste in every service, year after year;</li>"
                "<li>work as one public sector with the NHS, the police and other partners.</li>"
                "</ul>",
            ),
            (
                date(2013, 4, 1),
                "Added a priority for independent lives and named the savings target",
                "<p>The council will:</p><ul>"
                "<li>give residents a new relationship with the council, built around their "
                "needs rather than its departments;</li>"
                "<li>drive out waste in every service, year after year, to save £165 million;"
                "</li>"
                "<li>work as one public sector with the NHS, the police and other partners;"
                "</li>"
                "<li>help residents lead successful and independent lives.</li></ul>",
            ),
        ],
    },
    "news": [
        (
            date(2011, 6, 30),
            "Back office and customer services contract approved",
            "The Cabinet Resources Committee approved the business case for a strategic "
            "partner to run support and customer services.",
        ),
        (
            date(2011, 7, 12),
            "Partnership board minutes now published",
            "Minutes of the board that brings the council, NHS Barnet, Middlesex University, "
            "Jobcentre Plus and the police together are now public.",
        ),
    ],
    "document": ("One Barnet programme overview", "one-barnet-overview.pdf"),
}

CAMPAIGNS = [
    {
        "name": "Barnet Alliance for Public Services",
        "slug": "alliance",
        "kind": "campaign",
        "intro": (
            "<p>An alliance of residents, service users, trade unionists and community groups "
            "who want Barnet's public services kept public, well run and answerable to the "
            "people who use them.</p>"
        ),
        "donate_url": "https://example.org/alliance/donate",
        "contact": {
            "name": "Barnet Alliance for Public Services",
            "address": "c/o Trinity Church\nNether Street\nLondon\nN12 7NN",
            "phone": "",
            "email": "alliance@example.org",
            "opening_hours": "We meet on the first Tuesday of each month, 7.30pm",
        },
        "aims": {
            "title": "Our aims",
            "versions": [
                (
                    date(2011, 2, 15),
                    "Our founding statement",
                    "<ul>"
                    "<li>We stand for public services that are good, well funded and "
                    "democratically accountable, and we refuse to see them cut to pay for a "
                    "banking crisis.</li>"
                    "<li>We oppose the council's plan to outsource most of its services "
                    "through the One Barnet programme.</li>"
                    "<li>We will resist privatisation and cuts, whether in the NHS, in schools "
                    "or in council services.</li>"
                    "<li>We oppose free schools and the spread of academies.</li>"
                    "<li>Residents and council staff have already exposed doubtful contracts "
                    "and changed decisions: public pressure works.</li>"
                    "</ul>",
                ),
                (
                    date(2012, 5, 22),
                    "Replaced the founding statement with the aims in our constitution",
                    "<p>The Alliance exists:</p><ol>"
                    "<li>to keep, improve and widen Barnet's public services in every field: "
                    "education, social care, employment, the environment, housing, health, "
                    "utilities, planning, sport, recreation and culture;</li>"
                    "<li>to use every means open to the community to stop cuts, new charges, "
                    "commercialisation and privatisation of those services, and above all "
                    "to stop the One Barnet outsourcing plan;</li>"
                    "<li>to defend residents against attempts to make them pay for an economic "
                    "crisis that banks and financial interests caused;</li>"
                    "<li>to win a say for the community in every major financial and strategic "
                    "decision, and a council run democratically for everyone.</li></ol>",
                ),
            ],
        },
        "news": [
            (
                date(2017, 7, 18),
                "Notes from the children's and libraries committee",
                "A 260-page order paper, a damning inspection report and library cuts: what "
                "we saw at this week's committee.",
            ),
            (
                date(2017, 7, 20),
                "Travelling together for the right to ride",
                "Members joined disabled campaigners delivering a petition to the Department "
                "for Transport.",
            ),
        ],
        "document": ("Constitution of the Alliance", "alliance-constitution.pdf"),
    },
    {
        "name": "Friern Barnet Library Campaign",
        "slug": "library-campaign",
        "kind": "residents",
        "intro": (
            "<p>Residents working together to keep Friern Barnet Library open as a library "
            "run for and with the community.</p>"
        ),
        "donate_url": "",
        "contact": {
            "name": "Friern Barnet Library Campaign",
            "address": "Friern Barnet Road\nLondon\nN11 3DS",
            "phone": "",
            "email": "library@example.org",
            "opening_hours": "",
        },
        "aims": {
            "title": "What we campaign for",
            "versions": [
                (
                    date(2012, 4, 10),
                    "First statement of aims",
                    "<p>We want Friern Barnet Library to stay open, staffed and stocked, "
                    "with opening hours that suit the people who use it.</p>",
                ),
                (
                    date(2013, 2, 1),
                    "Added community management and young people",
                    "<p>We want Friern Barnet Library to stay open, staffed and stocked, "
                    "with opening hours that suit the people who use it.</p>"
                    "<p>We will run it with volunteers, in partnership with the council, and "
                    "make it a place where children and young people want to be.</p>",
                ),
            ],
        },
        "news": [
            (
                date(2016, 11, 2),
                "Trust in the council falls to 61%",
                "The council's own residents' survey shows one resident in ten fewer "
                "trusting it than six months ago.",
            ),
        ],
        "document": ("Library opening hours survey results", "library-survey.pdf"),
    },
    {
        "name": "Barnet Public Service Workers' Branch",
        "slug": "workers-branch",
        "kind": "union",
        "intro": (
            "<p>The trade union branch for people who work in Barnet's council and public "
            "services, wherever their employer is now.</p>"
        ),
        "donate_url": "https://example.org/branch/hardship-fund",
        "contact": {
            "name": "Branch office",
            "address": "Building 4, North London Business Park\nOakleigh Road South\nLondon\n"
            "N11 1NP",
            "phone": "020 8359 0000",
            "email": "branch@example.org",
            "opening_hours": "Monday to Thursday, 10am to 4pm",
        },
        "aims": {
            "title": "Branch objectives",
            "versions": [
                (
                    date(2010, 9, 1),
                    "Objectives agreed at the annual meeting",
                    "<ul><li>Defend members' jobs, pay and conditions.</li>"
                    "<li>Keep services in house, where they are accountable.</li></ul>",
                ),
                (
                    date(2014, 9, 1),
                    "Added members transferred to private contractors",
                    "<ul><li>Defend members' jobs, pay and conditions, including members "
                    "transferred to private contractors.</li>"
                    "<li>Keep services in house, where they are accountable, and bring "
                    "outsourced services back.</li></ul>",
                ),
            ],
        },
        "news": [
            (
                date(2013, 3, 8),
                "Outsourcing contracts signed",
                "What the new contracts mean for members who move to new employers.",
            ),
        ],
        "document": ("Branch rules", "branch-rules.pdf"),
    },
]

# The demo's sign-in accounts: (username, role, organisation slug or None).
DEMO_USERS = [
    ("admin", "admin", None),
    ("council-officer", "editors", "council"),
    ("alliance-editor", "editors", "alliance"),
    ("alliance-moderator", "moderators", "alliance"),
    ("library-editor", "editors", "library-campaign"),
    ("branch-editor", "editors", "workers-branch"),
]

# Bylines, filing and a few comments for the demo's posts, by post title.
POST_DETAILS = {
    "Notes from the children's and libraries committee": {
        "author": "Keith M.",
        "categories": ["Council meetings", "Libraries"],
        "tags": ["CELS committee", "Ofsted"],
        "comments": [
            (
                "Jean",
                "jean@example.org",
                "",
                "Thank you for sitting through all 260 pages so we did not have to.",
                "approved",
                None,
            ),
            (
                "Ravi",
                "ravi@example.org",
                "https://example.org/ravi",
                "Does anyone know when the <em>library report</em> is due back?",
                "approved",
                None,
            ),
            ("Keith M.", "keith@example.org", "", "The department said the autumn.", "approved", 1),
            (
                "New reader",
                "new@example.org",
                "",
                "First time commenting: is the next meeting open to the public?",
                "pending",
                None,
            ),
        ],
    },
    "Travelling together for the right to ride": {
        "author": "Alliance press team",
        "categories": ["Transport"],
        "tags": ["disability rights", "petitions"],
        "comments": [],
    },
    "Back office and customer services contract approved": {
        "author": "Leader of the Council",
        "categories": ["Leader's blog"],
        "tags": ["One Barnet"],
        "comments": [
            (
                "A resident",
                "resident@example.org",
                "",
                "Which services stay in house?",
                "approved",
                None,
            ),
        ],
    },
}

# Barnet's petition scheme (as the council describes it), and demo petitions.
PETITION_THRESHOLDS = [
    # signatures, name, what happens, the committee that debates it (if any)
    (25, "Written response", "The cabinet member responsible answers the petition in writing.", ""),
    (
        500,
        "Considered by a committee",
        "The petition goes to the cabinet or a committee, where the lead petitioner may speak.",
        "cabinet",
    ),
    (
        2000,
        "Full council debate",
        "The petition is debated at a meeting of the full council.",
        "council",
    ),
]
PETITIONS = [
    {
        "action": "Stop using glyphosate weedkiller on pavements and green spaces",
        "background": "Glyphosate harms soil life, insects and water, and the World Health "
        "Organisation's cancer agency calls it probably carcinogenic. Other boroughs manage "
        "weeds without it.",
        "details": "We ask the council to stop spraying glyphosate on streets, parks and verges, "
        "and to use hot foam, brushing or planting instead.",
        "creator": "Margaret Ellis",
        "organisation": "alliance",
        "topic": "environment",
        "state": "open",
        "signatures": 31,
        "paper": 12,
        "response": "The council will trial glyphosate-free weed control in four wards this "
        "summer and report the results to the Environment Committee.",
        # Illustrative wording, written for the demo (issue 29): the response in plain words.
        "plain_response": "The council will stop using this weedkiller in four areas this "
        "summer. It will try other ways to kill weeds there.\nThen it will tell a committee "
        "how well they worked.",
    },
    {
        "action": "Keep Friern Barnet Library open six days a week",
        "background": "The library is used by schoolchildren every afternoon and by older "
        "residents every morning. Cutting its hours would leave both without a warm, quiet place.",
        "details": "",
        "creator": "Tom Okafor",
        "organisation": "library-campaign",
        "topic": "culture",
        "state": "open",
        "signatures": 7,
        "paper": 0,
        "response": "",
    },
]
