"""Call-centre dialogue scripts for the synthesized calls (two per language).

Odd calls are service calls; even calls are phone surveys in which the customer says the
0-10 score in words (``nps_spoken`` / ``nps_words``).  ``topics`` is what the customer
talks about, with its sentiment.
"""

from __future__ import annotations

# Each turn: (speaker, text, gap_before_s or None for a random 0.3-1.5 s gap).
# A negative gap is overtalk (the turn starts before the previous one ends).
CALL_SCRIPTS = [
    {
        "call_id": "call_0001",
        "day": "2026-10-30",
        "time": "09:12:40",
        "language": "en",
        "queue": "billing",
        "agent_id": "A017",
        "survey": False,
        "nps_spoken": None,
        "topics": {
            "billing_payments": "negative",
            "waiting_speed": "negative",
            "problem_resolution": "positive",
            "staff_attitude": "positive",
        },
        "turns": [
            (
                "agent",
                "Good morning, Lumatel customer care, my name is Anna. How can I help you today?",
                None,
            ),
            (
                "customer",
                "Hi Anna. I have a problem with my bill. I was charged twice for "
                "October, and I already waited forty minutes on the line before "
                "anyone picked up.",
                None,
            ),
            (
                "agent",
                "I am very sorry about the wait, and about the double charge. Could you "
                "please tell me your account number?",
                None,
            ),
            ("customer", "Sure. It is four four seven, two one nine, zero five.", None),
            ("agent", "Thank you. Please stay on the line while I check your invoice.", None),
            (
                "agent",
                "Thank you for waiting. I can see the second payment. It was a system "
                "error, and I have already started the refund.",
                5.5,
            ),
            ("customer", "Okay. And how long will the refund take?", None),
            (
                "agent",
                "The money will be back on your card within five working days. I will "
                "also send you a confirmation by text message.",
                None,
            ),
            (
                "customer",
                "Alright, thank you. You were very kind and helpful, much better than last time.",
                None,
            ),
            ("agent", "You are welcome. Is there anything else I can do for you?", None),
            ("customer", "No, that is all. Have a nice day.", None),
            ("agent", "Thank you for calling Lumatel. Goodbye.", None),
        ],
    },
    {
        "call_id": "call_0002",
        "day": "2026-10-31",
        "time": "17:45:03",
        "language": "en",
        "queue": "survey",
        "agent_id": "A031",
        "survey": True,
        "nps_spoken": 8,
        "nps_words": "eight",
        "topics": {
            "staff_attitude": "positive",
            "staff_competence": "positive",
            "app_website": "negative",
        },
        "turns": [
            (
                "agent",
                "Hello, this is Mark from Lumatel. We are calling about your recent "
                "visit to our store. Do you have one minute for a short survey?",
                None,
            ),
            ("customer", "Yes, sure, go ahead.", None),
            (
                "agent",
                "Thank you. On a scale from zero to ten, how likely are you to "
                "recommend Lumatel to a friend or colleague?",
                None,
            ),
            ("customer", "Eight. I would give you an eight.", None),
            ("agent", "Thank you. What is the main reason for your score?", None),
            (
                "customer",
                "The staff in the store were friendly, and the consultant explained "
                "the tariffs very clearly. But the mobile app keeps logging me out, "
                "and that is really annoying.",
                None,
            ),
            ("agent", "I am sorry about the app. I will pass this on to our app team today.", None),
            ("customer", "Thanks. I hope they fix it soon, because I pay my bills there.", None),
            ("agent", "I understand. Thank you for your time, and have a good evening.", None),
            ("customer", "You too. Bye.", None),
        ],
    },
    {
        "call_id": "call_0003",
        "day": "2026-10-30",
        "time": "19:03:22",
        "language": "ru",
        "queue": "tech_support",
        "agent_id": "A008",
        "survey": False,
        "nps_spoken": None,
        "topics": {
            "network_quality": "negative",
            "channel_consistency": "negative",
            "problem_resolution": "positive",
        },
        "turns": [
            ("agent", "Здравствуйте, компания Люмател, меня зовут Ольга. Чем могу помочь?", None),
            (
                "customer",
                "Здравствуйте. У меня уже третий день пропадает интернет, каждый "
                "вечер примерно с восьми до десяти.",
                None,
            ),
            ("agent", "Понимаю, это неприятно. Подскажите, пожалуйста, ваш адрес.", None),
            ("customer", "Улица Пушкина, дом двенадцать, квартира сорок.", None),
            (
                "agent",
                "Спасибо. Я вижу, что в вашем районе сейчас проводятся плановые работы "
                "на сети, поэтому",
                None,
            ),
            (
                "customer",
                "Какие ещё работы? Мне об этом никто не сообщил, ни смс, ни в "
                "приложении ничего не было!",
                -0.8,
            ),
            (
                "agent",
                "Извините за неудобства. Работы закончатся завтра утром, и я начислю "
                "вам компенсацию за три дня.",
                None,
            ),
            ("customer", "Ну хорошо. Но предупреждать надо заранее, честное слово.", None),
            ("agent", "Вы правы, я передам это руководству. Могу ещё чем-нибудь помочь?", None),
            ("customer", "Нет, спасибо, это всё.", None),
            ("agent", "Спасибо за звонок, всего доброго.", None),
        ],
    },
    {
        "call_id": "call_0004",
        "day": "2026-10-31",
        "time": "11:20:51",
        "language": "ru",
        "queue": "survey",
        "agent_id": "A031",
        "survey": True,
        "nps_spoken": 3,
        "nps_words": "три",
        "topics": {
            "billing_payments": "negative",
            "waiting_speed": "negative",
            "contract_tariff": "negative",
            "cancellation": "negative",
        },
        "turns": [
            (
                "agent",
                "Добрый день! Это Дмитрий из компании Люмател. Вы недавно обращались в "
                "нашу поддержку. Можно задать вам пару вопросов?",
                None,
            ),
            ("customer", "Да, давайте, только быстро.", None),
            (
                "agent",
                "Спасибо. Насколько вероятно, что вы порекомендуете Люмател друзьям или "
                "знакомым, по шкале от нуля до десяти?",
                None,
            ),
            ("customer", "Три. Честно, три.", None),
            ("agent", "Понял вас. Скажите, пожалуйста, почему такая оценка?", None),
            (
                "customer",
                "Мне дважды списали деньги за один месяц, а потом я почти час ждал "
                "ответа оператора. И тариф подняли без всякого предупреждения.",
                None,
            ),
            (
                "agent",
                "Мне очень жаль. Я создам заявку, и специалист по счетам перезвонит вам сегодня.",
                None,
            ),
            (
                "customer",
                "Хорошо, посмотрим. Если опять ничего не решат, я расторгну договор.",
                None,
            ),
            ("agent", "Я вас понял. Спасибо за ваше время, всего доброго.", None),
        ],
    },
    {
        "call_id": "call_0005",
        "day": "2026-10-30",
        "time": "14:37:09",
        "language": "uk",
        "queue": "retention",
        "agent_id": "A022",
        "survey": False,
        "nps_spoken": None,
        "topics": {
            "cancellation": "negative",
            "price_value": "negative",
            "network_quality": "negative",
            "staff_attitude": "positive",
        },
        "turns": [
            ("agent", "Доброго дня, компанія Люмател, мене звати Ірина. Чим можу допомогти?", None),
            (
                "customer",
                "Добрий день. Я хочу розірвати договір. Ціни знову підняли, а "
                "зв'язок у селі як був поганий, так і залишився.",
                None,
            ),
            (
                "agent",
                "Шкода це чути. Можна я спочатку перевірю ваш тариф? Можливо, є "
                "вигідніший варіант.",
                None,
            ),
            ("customer", "Ну, перевірте.", None),
            (
                "agent",
                "Бачу, що ви платите за пакет, який вам не потрібен. Я можу перевести "
                "вас на дешевший тариф і додати безкоштовний місяць.",
                None,
            ),
            ("customer", "А покриття? Я ж казав, що в мене вдома майже немає сигналу.", None),
            (
                "agent",
                "Ми встановлюємо нову вежу у вашому районі, її запустять до кінця листопада.",
                None,
            ),
            ("customer", "Добре, тоді я поки що залишаюся. Дякую, ви дуже ввічлива.", None),
            ("agent", "Дякую вам. Новий тариф почне діяти з першого числа. Гарного дня!", None),
        ],
    },
    {
        "call_id": "call_0006",
        "day": "2026-10-31",
        "time": "18:02:44",
        "language": "uk",
        "queue": "survey",
        "agent_id": "A031",
        "survey": True,
        "nps_spoken": 8,
        "nps_words": "вісім",
        "topics": {"delivery": "positive", "staff_attitude": "positive", "app_website": "negative"},
        "turns": [
            (
                "agent",
                "Добрий вечір! Вас турбує Олег з компанії Люмател. Ви нещодавно "
                "отримали замовлення від нашого кур'єра. Чи можете відповісти на два "
                "запитання?",
                None,
            ),
            ("customer", "Так, звісно.", None),
            (
                "agent",
                "Наскільки ймовірно, що ви порекомендуєте Люмател друзям або колегам, "
                "за шкалою від нуля до десяти?",
                None,
            ),
            ("customer", "Вісім.", None),
            ("agent", "Дякую. Що найбільше вплинуло на вашу оцінку?", None),
            (
                "customer",
                "Роутер привезли наступного дня, кур'єр був дуже чемний. Але на "
                "сайті я довго не міг оплатити замовлення, весь час була помилка.",
                None,
            ),
            (
                "agent",
                "Дякую, ми передамо це нашим розробникам. Чи можу я ще чимось допомогти?",
                None,
            ),
            ("customer", "Ні, дякую, все добре.", None),
            ("agent", "Гарного вечора, до побачення.", None),
        ],
    },
    {
        "call_id": "call_0007",
        "day": "2026-10-30",
        "time": "10:55:17",
        "language": "ro",
        "queue": "sales",
        "agent_id": "A012",
        "survey": False,
        "nps_spoken": None,
        "topics": {
            "delivery": "negative",
            "channel_consistency": "negative",
            "staff_attitude": "positive",
        },
        "turns": [
            ("agent", "Bună ziua, Lumatel, mă numesc Elena. Cu ce vă pot ajuta?", None),
            (
                "customer",
                "Bună ziua. Am comandat un telefon pe site acum o săptămână și încă "
                "nu a ajuns. Am sunat deja de două ori.",
                None,
            ),
            (
                "agent",
                "Îmi pare rău pentru întârziere. Îmi puteți spune numărul comenzii, vă rog?",
                None,
            ),
            ("customer", "Da, este trei, cinci, opt, doi, unu.", None),
            (
                "agent",
                "Mulțumesc. Văd că a fost o problemă la depozit. Telefonul pleacă "
                "astăzi și ajunge mâine până la prânz.",
                None,
            ),
            (
                "customer",
                "Bine. Data trecută mi s-a spus același lucru la magazin, dar pe "
                "site scria cu totul altceva.",
                None,
            ),
            (
                "agent",
                "Înțeleg. De data aceasta vă trimit și un mesaj cu numărul de urmărire.",
                None,
            ),
            (
                "customer",
                "Bine, mulțumesc. Ați fost foarte amabilă. Sper să fie ultima dată.",
                None,
            ),
            ("agent", "Vă mulțumesc pentru răbdare. O zi bună!", None),
        ],
    },
    {
        "call_id": "call_0008",
        "day": "2026-10-31",
        "time": "16:10:30",
        "language": "ro",
        "queue": "survey",
        "agent_id": "A031",
        "survey": True,
        "nps_spoken": 9,
        "nps_words": "nouă",
        "topics": {
            "problem_resolution": "positive",
            "staff_competence": "positive",
            "staff_attitude": "positive",
            "price_value": "negative",
        },
        "turns": [
            (
                "agent",
                "Bună seara, sunt Andrei de la Lumatel. Ați avut recent o problemă cu "
                "internetul. Aveți un minut pentru un scurt sondaj?",
                None,
            ),
            ("customer", "Da, sigur.", None),
            (
                "agent",
                "Pe o scară de la zero la zece, cât de probabil este să recomandați "
                "Lumatel unui prieten sau unui coleg?",
                None,
            ),
            ("customer", "Nouă.", None),
            ("agent", "Mulțumesc! Care este motivul principal al notei?", None),
            (
                "customer",
                "Tehnicianul a venit în aceeași zi și a rezolvat problema în zece "
                "minute. A fost foarte politicos și mi-a explicat totul. Singurul "
                "minus este prețul, e cam scump.",
                None,
            ),
            (
                "agent",
                "Mulțumim pentru răspuns, o să transmitem colegilor. O seară frumoasă!",
                None,
            ),
            ("customer", "Mersi, la fel.", None),
        ],
    },
]
