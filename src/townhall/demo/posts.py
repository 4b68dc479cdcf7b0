"""The demo's news posts in full: written for Townhall on the subjects Barnet's groups and
council wrote about (a letter after a committee, a petition, an essay, a screening...).
Facts come from the seeds; every sentence is the demo's own."""

from datetime import date

# Whole bodies of the posts listed in content.ORGANISATIONS, by title.
BODIES = {
    "Back office and customer services contract approved": (
        "<p>The Cabinet Resources Committee has approved the business case for a strategic "
        "partner to run the council's support services (human resources, finance, IT, "
        "procurement and estates) and its customer services.</p>"
        "<p>Independent benchmarking found these services cost more than in comparable "
        "boroughs. The business case expects a partner to bring the cost down while "
        "improving how residents reach the council, by phone, online and in person.</p>"
        "<h2>What happens next</h2><p>Procurement starts this summer. Staff in the services "
        "in scope will be consulted before any transfer, and the contract will come back to "
        "the committee before it is signed. The business case is in the "
        '<a href="/democracy/decisions/">decisions register</a> with the committee\'s '
        "papers.</p>"
    ),
    "Partnership board minutes now published": (
        "<p>The Barnet Partnership Board brings together the council, NHS Barnet, Middlesex "
        "University, Jobcentre Plus and the Metropolitan Police to plan services that "
        "cross organisational lines.</p>"
        "<p>From this month its minutes are published after each meeting, alongside the "
        "papers of the council's own committees. The first set covers the board's "
        "priorities for the year: getting residents into work, older people's health, and "
        "sharing buildings between public services.</p>"
        "<p>Residents can follow the board's work on the "
        '<a href="/democracy/committees/">committees and meetings</a> pages.</p>'
    ),
    "Notes from the children's and libraries committee": (
        "<p><em>A letter from one of our members, who sat through this week's meeting of "
        "the Children, Education, Libraries and Safeguarding Committee.</em></p>"
        "<p>Going to a council meeting shows you how the council really works. The order "
        "paper this week ran to 260 pages: far too much for one committee to weigh "
        "properly. A committee that oversees children's services, schools, libraries and "
        "safeguarding at once should be split.</p>"
        "<p>Most of the evening went on Ofsted's report, which found the borough's services "
        "for children inadequate. Councillors questioned the strategic director about the "
        "improvement plan; the answers were about process more than children.</p>"
        "<p>The library strategy got a few minutes at the end, although the government is "
        "still looking at whether the cuts meet the council's legal duty to run a "
        "comprehensive and efficient library service. Watch this space.</p>"
        "<p>Two suggestions. Other boroughs have turned their children's services round, "
        "and their example is there to learn from. And the committee's co-opted places "
        "would be better filled by residents who know the borough than by consultants "
        "who do not.</p>"
    ),
    "Travelling together for the right to ride": (
        "<p>Members joined disabled campaigners delivering a petition to the Department "
        "for Transport, as part of a week of action timed with the para-athletics "
        "championships in London.</p>"
        "<p>The petition asks for a legal right for wheelchair users to the space on buses "
        "and trains, and for staffed stations, so that no one is left on a platform "
        "because there is nobody to put down a ramp.</p>"
        "<p>Thank you to everyone who came, and to the transport union members who "
        "organised the journey. The campaign goes on: sign up to hear about the next "
        "action.</p>"
    ),
    "Trust in the council falls to 61%": (
        "<p>The council's own residents' perception survey, published this week, shows "
        "that 61% of residents trust the council, down from 71% in the spring: a fall of "
        "ten points in six months.</p>"
        "<p>The survey was taken in the months when library hours were cut and the "
        "council's plans for our branch became known. We do not think that is a "
        "coincidence.</p>"
        "<p>The full results are on the council's survey pages. We will take them to the "
        "next meeting of the committee responsible for libraries.</p>"
    ),
    "Outsourcing contracts signed": (
        "<p>The council has signed its two large outsourcing contracts. Around 600 staff "
        "in back office, customer, planning and regulatory services will move to new "
        "employers over the coming months.</p>"
        "<p>Your terms and conditions, including your pension, are protected when you "
        "transfer. If you are asked to sign anything about your new contract, speak to "
        "your steward first.</p>"
        "<p>We are holding drop-in sessions at the town hall every Tuesday lunchtime this "
        "month. Bring your questions.</p>"
    ),
}

# More posts, by organisation slug: (date, title, teaser, body).
MORE = {
    "alliance": [
        (
            date(2017, 6, 14),
            "Why we are asking the council to stop using glyphosate",
            "Our petition asks for weed control that does not harm soil, insects or people.",
            "<p>The council sprays glyphosate on pavements, verges and parks across the "
            "borough. The World Health Organisation's cancer agency classes it as probably "
            "carcinogenic, and it lingers in water and soil long after the weeds are "
            "gone.</p>"
            "<p>Other councils have stopped. They use hot foam, brushing and planting, and "
            "their streets are no weedier for it.</p>"
            '<p>Our <a href="/petitions/1/">petition to the council</a> asks Barnet to do '
            "the same. At 500 signatures it goes to a committee, where we can speak for "
            "it. Please sign, and ask your neighbours to.</p>",
        ),
        (
            date(2017, 5, 30),
            "An essay: what a decade of outsourcing has taught Barnet",
            "The savings were promised up front; the costs arrived later, and quietly.",
            "<p>When the council signed its outsourcing contracts, the case rested on "
            "savings: £165 million across the programme, most of it from doing the same "
            "work for less.</p>"
            "<p>Some of those savings arrived. Others turned into payments for work outside "
            "the contract, for changes the council could not make without its partner's "
            "agreement, and for the officers needed to manage the contracts themselves.</p>"
            "<p>The lesson is not that no service should ever be bought in. It is that a "
            "council has to keep the knowledge to judge what it buys, publish what it "
            "pays, and be able to walk away. Every one of those is a choice councillors "
            "can still make.</p>",
        ),
        (
            date(2017, 7, 3),
            "Film night: Dispossession, and a discussion on housing",
            "A screening of the documentary about Britain's housing crisis, then questions.",
            "<p>We are showing <em>Dispossession: The Great Social Housing Swindle</em> at "
            "the community library, followed by a discussion with local tenants' groups "
            "about estate regeneration in the borough.</p>"
            "<p>Entry is free; donations go to the library. The room is step-free. See the "
            '<a href="/alliance/events/">events page</a> for the date and to tell us you '
            "are coming.</p>",
        ),
    ],
    "library-campaign": [
        (
            date(2016, 9, 12),
            "Our answer to the library strategy consultation",
            "Unstaffed hours are not a library service: what we told the council.",
            "<p>The council asked which library services matter most and whether branches "
            "should open longer without staff. Our answer, agreed at the campaign meeting, "
            "is in three parts.</p>"
            "<ul><li>Staff are the service: children's reading groups, help with forms and "
            "computers, and a safe place all need people.</li><li>Longer unstaffed hours "
            "shut out children under 16 and anyone who cannot manage the entry system.</li>"
            "<li>The savings are small beside the council's budget, and the harm is "
            "lasting.</li></ul>"
            '<p>The <a href="/council/libraries-consultation/">consultation</a> is still '
            "open. Please answer it in your own words.</p>",
        ),
        (
            date(2017, 4, 20),
            "Volunteers wanted for the summer reading scheme",
            "Two hours a week over the holidays, helping children choose and finish books.",
            "<p>Every summer hundreds of children in the borough take part in the reading "
            "challenge. At our library they are helped by volunteers: listening to readers, "
            "handing out stickers, and suggesting the next book.</p>"
            "<p>No experience is needed, only two hours a week in July and August. Come to "
            "the next campaign meeting or join the campaign and tell us you can help.</p>",
        ),
    ],
    "workers-branch": [
        (
            date(2013, 2, 18),
            "Join the lobby of the full council",
            "Assemble at Hendon Town Hall before the budget meeting.",
            "<p>The full council meets to set next year's budget, with more cuts to "
            "services and jobs. Members and residents will assemble outside Hendon Town "
            "Hall from 6pm to tell councillors what the cuts mean.</p>"
            "<p>Bring your branch banner if you have one. Stewards will be there from "
            "5.30pm. The meeting itself is open to the public: come in and listen.</p>",
        ),
    ],
}
