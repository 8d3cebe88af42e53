"""English phrase banks: topic sentences, generic comments, framing and social text."""

from __future__ import annotations

# Sentences about one taxonomy topic, written in that topic's planted polarity only.
TOPICS = {
    "product_quality": {
        "long": [
            "The router you sent works perfectly, not a single drop in two months.",
            "Really happy with the phone I bought from you, it works great.",
            "The TV package is great, lots of channels and the picture is crystal clear.",
            "Everything works as promised, solid service.",
            "Quality of the service is honestly very good.",
            "The new modem is way better than the old one.",
            "Home internet is fast and stable, exactly what I needed.",
            "Picture and sound on the TV box are excellent, no lag at all.",
            "Been on the unlimited plan for a year, zero issues.",
        ],
        "short": ["Great service", "Works perfectly", "Top quality"],
    },
    "price_value": {
        "long": [
            "Way too expensive for what you get.",
            "The prices went up again and nothing got better.",
            "My neighbours pay half as much with another provider for the same speed.",
            "Honestly the price is not worth it anymore.",
            "For this money I expected much more.",
            "Another price increase, seriously?",
            "I could get the same package for less elsewhere.",
            "The 'discount' lasted three months and now I pay double.",
        ],
        "short": ["Too expensive", "Totally overpriced", "Prices too high"],
        "sarcasm": [
            "Love paying premium prices for the most basic service.",
            "Oh great, another price hike, just what I needed.",
        ],
    },
    "billing_payments": {
        "long": [
            "I was charged twice for the same month and I'm still waiting for the refund.",
            "My bill is wrong again, there are charges for services I never ordered.",
            "The payment went through but my account still shows a debt.",
            "Autopay failed and I got a late fee for it, not my fault.",
            "Nobody can explain what these extra charges on my invoice are.",
            "The invoice arrives late every month and then I get penalized.",
            "Got billed for roaming while I was sitting at home.",
            "I paid on time and still got a reminder that I owe money.",
            "One amount on the invoice and another in the app, which one is right?",
        ],
        "short": ["Billing is a mess", "Wrong bill again", "Double charged"],
        "sarcasm": [
            "Great, third time this month the bill is wrong.",
            "Wonderful billing system, it charges me for things I don't even have.",
            "Love how my bill is a surprise every month.",
        ],
    },
    "delivery": {
        "long": [
            "The SIM card was delivered the next day, very convenient.",
            "The courier brought the router on time and even helped me connect it.",
            "Ordered a phone online and it arrived in two days, well packed.",
            "Delivery was quick and the courier called ahead.",
            "Fast delivery, everything arrived in perfect condition.",
        ],
        "short": ["Fast delivery", "Delivered on time"],
    },
    "waiting_speed": {
        "long": [
            "I waited on the line for 40 minutes before anyone answered.",
            "It took them two weeks to connect the internet.",
            "The queue at the store was huge and only one window was open.",
            "Support takes forever to reply to emails.",
            "Spent almost an hour on hold just to ask a simple question.",
            "The technician was supposed to come on Monday and showed up on Friday.",
            "Nobody picks up the phone, the line is always busy.",
            "Waited ten days for a simple SIM replacement.",
        ],
        "short": ["Way too long to wait", "Slow support", "Endless waiting"],
        "sarcasm": [
            "Loved spending my whole lunch break listening to your hold music.",
            "Super fast service, it only took three weeks.",
            "Thanks for the 'quick' callback, it only took four days.",
        ],
    },
    "staff_attitude": {
        "long": [
            "The lady at the store was very kind and patient with my mom.",
            "The operator was polite and friendly, thank you.",
            "Very nice staff, always smiling.",
            "Your agent Maria was super helpful and kind.",
            "The guy on the phone stayed calm and respectful even though I was angry.",
            "Your staff treated me like a person, not a contract number.",
            "The girl in the shop was lovely and explained everything with a smile.",
            "Really warm and respectful attitude from your support team.",
        ],
        "short": ["Friendly staff", "Very polite operator", "Lovely people"],
    },
    "staff_competence": {
        "long": [
            "The technician knew exactly what to do and fixed it in ten minutes.",
            "The consultant explained all the plans clearly and helped me pick the right one.",
            "The support guy really knew his stuff.",
            "Finally someone who understood the problem right away.",
            "The engineer was a real professional and explained everything.",
        ],
        "short": ["Knowledgeable staff", "Real professionals"],
    },
    "problem_resolution": {
        "long": [
            "My issue was solved on the first call.",
            "They fixed the problem quickly and even called back to check.",
            "The problem with my connection was resolved the same day.",
            "Had an issue with the number transfer but they sorted it out fast.",
            "They actually solved my problem, which I did not expect.",
            "The refund came through a week after my complaint.",
        ],
        "short": ["Problem solved", "Fixed it fast"],
    },
    "app_website": {
        "long": [
            "The app keeps logging me out.",
            "Can't pay through the website, it just shows an error.",
            "The new app update is confusing, I can't even find my balance anymore.",
            "The site is so slow and crashes when I try to change my plan.",
            "The app doesn't show the correct data usage.",
            "Login with the SMS code never works on the first try.",
        ],
        "short": ["App is buggy", "Website is broken", "App keeps crashing"],
        "sarcasm": ["Great app, it crashes every single time I open it."],
    },
    "network_quality": {
        "long": [
            "No signal at all in my apartment.",
            "Internet drops every evening around 8 pm.",
            "Calls keep dropping when I drive outside the city.",
            "Mobile data is super slow, pages barely load.",
            "The connection is unstable, video calls freeze all the time.",
            "Coverage in the village is terrible.",
            "4G disappears completely in the underground parking.",
            "Home Wi-Fi goes down a few times a day.",
        ],
        "short": ["Bad signal", "Internet keeps dropping", "No coverage"],
        "sarcasm": [
            "Amazing coverage, I get one bar if I stand on the balcony.",
            "Perfect network, as long as you don't need to make calls.",
        ],
    },
    "contract_tariff": {
        "long": [
            "The plan conditions were changed without my consent.",
            "The contract has so many hidden conditions, impossible to understand.",
            "I was moved to a new tariff I never asked for.",
            "You can't change your plan without going to the store in person.",
            "A minimum contract term of two years is ridiculous.",
        ],
        "short": ["Confusing tariffs", "Bad contract terms"],
    },
    "personalization": {
        "long": [
            "I got an offer based on my usage, haven't decided yet.",
            "The app shows me recommended plans, some of them make sense.",
            "They sent me a birthday message with a discount code.",
            "The emails address me by name, fine.",
            "The offers I get are sometimes relevant, sometimes not.",
        ],
        "short": ["Got a personal offer", "Offers are okay"],
    },
    "channel_consistency": {
        "long": [
            "The chat told me one thing and the store told me the opposite.",
            "Every time I call I have to explain everything from the beginning.",
            "The price on the website is different from the price in the store.",
            "The chat said the problem was fixed, the call center says there is no ticket.",
            "Had to repeat my story to three different operators.",
        ],
        "short": ["Everyone says something different"],
    },
    "trust_honesty": {
        "long": [
            "They promised free installation and then charged me for it.",
            "I feel cheated with all these hidden fees.",
            "The sales guy lied to me about the contract length.",
            "Signed me up for paid subscriptions without asking.",
            "The advertised speed is a lie, I never get even half of it.",
        ],
        "short": ["Hidden fees everywhere", "Feels like a scam"],
        "sarcasm": ["Honest company, they only forgot to mention half the fees."],
    },
    "loyalty_program": {
        "long": [
            "I collect bonus points but rarely use them.",
            "I'm in the loyalty program, swapped points for extra gigabytes once.",
            "Got some bonus points this month.",
            "There is a loyalty program, I think I have some points there.",
        ],
        "short": ["Using the bonus program"],
    },
    "cancellation": {
        "long": [
            "I'm going to cancel my contract at the end of the month.",
            "Tried to cancel for two weeks and they keep ignoring my request.",
            "Thinking about switching to another provider.",
            "To end the contract I had to go to the office three times.",
            "If this continues I'm leaving.",
        ],
        "short": ["Cancelling my contract", "Switching provider"],
    },
}

# Comments with no taxonomy topic, by overall mood.
GENERIC = {
    "pos": [
        "All good, thanks",
        "Very satisfied",
        "Everything is fine",
        "Keep it up!",
        "Happy customer for years",
        "No complaints at all",
    ],
    "neg": [
        "Very disappointed",
        "Not happy at all",
        "Worst experience ever",
        "Could be much better",
    ],
    "neu": [
        "it's ok",
        "Normal service",
        "Nothing special",
        "It's fine I guess",
        "Average, nothing to add",
    ],
}

OPENERS = [
    "Hi.",
    "Hello!",
    "Long-time customer here.",
    "I've been with you for about six years.",
    "Where do I even start...",
    "Quick feedback.",
]

CLOSERS = {
    "pos": ["Thank you!", "Keep it up.", "Thanks a lot!"],
    "neg": [
        "Please fix this.",
        "Very disappointed.",
        "Do something about it!",
        "Not acceptable.",
    ],
    "neu": ["That's all.", "Thanks."],
}

# Put in front of the next sentence: "contrast" when the polarity flips, "add" when it
# stays the same.
CONNECTORS = {
    "contrast": ["But", "However,", "On the other hand,", "That said,"],
    "add": ["Also", "And", "Plus,", "On top of that,"],
}

# Review openers (tenure / context).
REVIEW_OPENERS = [
    "Customer since 2019.",
    "Using their mobile plan for two years now.",
    "Switched to them last year.",
    "Home internet + TV for three years.",
]

HASHTAGS = ["#Lumatel", "#fail", "#customerservice", "#internet"]

# Spam / bot posts: {link} is replaced with a seeded short link.
SPAM = [
    "Earn $$$ from home!!! $500 per day, no experience needed 👉 {link}",
    "FREE iPhone giveaway, only today, click here: {link}",
    "Crypto signals with 1000% profit, join now {link} 🚀🚀🚀",
    "I made $3,000 this week working 2 hours a day, ask me how {link}",
]
