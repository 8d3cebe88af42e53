"""Hand-written phrase banks for the sample-data generator (``data/generate.py``).

``BANK[lang][topic]`` holds sentences in one language about one taxonomy topic.  Every
topic has ONE planted polarity in the sample data (see ``PLANTED`` in generate.py), and
its phrases are written in that polarity only:

* ``long``    full sentences (the bulk of the comments),
* ``short``   2-4 word fragments ("Too expensive", "Дуже дорого"),
* ``sarcasm`` negative meaning in positive words ("Great, third time this month...").

Romanian is written WITH diacritics (comma-below ș ț); the generator strips them or turns
them into the cedilla forms ş ţ for part of the comments, as real Moldovan users do.
Call-centre dialogue scripts are at the bottom (``CALL_SCRIPTS``).
"""

from __future__ import annotations

BRAND = "Lumatel"

# --------------------------------------------------------------------------- English
EN = {
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

# --------------------------------------------------------------------------- Russian
RU = {
    "product_quality": {
        "long": [
            "Роутер, который вы привезли, работает отлично, за два месяца ни одного сбоя.",
            "Телефон, купленный у вас, работает отлично, очень доволен.",
            "Телевидение супер, каналов много и картинка чёткая.",
            "Всё работает как обещали, претензий к качеству нет.",
            "Качество услуг действительно хорошее.",
            "Новый модем намного лучше старого.",
            "Домашний интернет быстрый и стабильный, то что надо.",
            "Приставка показывает отлично, ничего не тормозит.",
            "Год сижу на безлимите, ни одной проблемы.",
        ],
        "short": ["Качество отличное", "Всё работает отлично", "Качество на высоте"],
    },
    "price_value": {
        "long": [
            "Слишком дорого для того, что вы предлагаете.",
            "Опять подняли цены, а лучше ничего не стало.",
            "У соседей с другим провайдером та же скорость в два раза дешевле.",
            "Цена уже не соответствует качеству.",
            "За такие деньги ожидал гораздо большего.",
            "Очередное повышение тарифа, серьёзно?",
            "У конкурентов такой же пакет дешевле.",
            "Скидка была три месяца, а теперь плачу вдвое больше.",
        ],
        "short": ["Очень дорого", "Цены кусаются", "Слишком дорого"],
        "sarcasm": [
            "Обожаю платить как за премиум за самый базовый сервис.",
            "Ну отлично, цены снова подняли, как раз этого мне не хватало.",
        ],
    },
    "billing_payments": {
        "long": [
            "С меня дважды списали деньги за один месяц, возврата жду до сих пор.",
            "Опять неправильный счёт, начислили за услуги, которые я не подключал.",
            "Оплата прошла, а в личном кабинете всё равно висит долг.",
            "Автоплатёж не сработал, а штраф за просрочку выставили мне.",
            "Никто не может объяснить, что за дополнительные начисления в счёте.",
            "Счёт приходит с опозданием, а пеню потом начисляют мне.",
            "Сняли деньги за роуминг, хотя я никуда не уезжал.",
            "Заплатил вовремя, а мне всё равно пришло напоминание о долге.",
            "В счёте одна сумма, в приложении другая, какая правильная?",
        ],
        "short": ["Ошибки в счетах", "Двойное списание", "Опять неправильный счёт"],
        "sarcasm": [
            "Прекрасно, уже третий раз за месяц неправильный счёт.",
            "Замечательная система оплаты, списывает деньги за то, чего у меня нет.",
            "Обожаю, что мой счёт каждый месяц сюрприз.",
        ],
    },
    "delivery": {
        "long": [
            "Сим-карту привезли на следующий день, очень удобно.",
            "Курьер привёз роутер вовремя и даже помог подключить.",
            "Заказал телефон на сайте, доставили за два дня, всё аккуратно упаковано.",
            "Доставка быстрая, курьер заранее позвонил.",
            "Быстро доставили, всё в целости.",
        ],
        "short": ["Быстрая доставка", "Доставили вовремя"],
    },
    "waiting_speed": {
        "long": [
            "Ждал на линии 40 минут, пока кто-то ответил.",
            "Интернет подключали две недели.",
            "Очередь в офисе огромная, а работает одно окно.",
            "На письма поддержка отвечает целую вечность.",
            "Почти час провисел на линии ради простого вопроса.",
            "Мастер должен был прийти в понедельник, а пришёл в пятницу.",
            "До вас невозможно дозвониться, линия всё время занята.",
            "Замену сим-карты ждал десять дней.",
        ],
        "short": ["Долго ждать", "Очень долго отвечают", "Бесконечные очереди"],
        "sarcasm": [
            "Спасибо за музыку на линии, весь обеденный перерыв её слушал.",
            "Супербыстрый сервис, всего-то три недели ждал.",
            "Спасибо за «быстрый» перезвон, всего-то четыре дня.",
        ],
    },
    "staff_attitude": {
        "long": [
            "Девушка в салоне была очень вежливой и терпеливой с моей мамой.",
            "Оператор был вежлив и доброжелателен, спасибо.",
            "Очень приятный персонал, всегда улыбаются.",
            "Ваша сотрудница Мария очень помогла, спасибо ей большое.",
            "Парень по телефону был спокоен и вежлив, хотя я был на взводе.",
            "Ко мне отнеслись по-человечески, а не как к номеру договора.",
            "Девушка в магазине была очень милой, всё объяснила с улыбкой.",
            "Очень тёплое и уважительное отношение в поддержке.",
        ],
        "short": ["Вежливый персонал", "Приятный оператор", "Милые девушки в салоне"],
    },
    "staff_competence": {
        "long": [
            "Мастер сразу понял, в чём дело, и всё починил за десять минут.",
            "Консультант понятно объяснил все тарифы и помог выбрать подходящий.",
            "Специалист поддержки реально разбирается в своём деле.",
            "Наконец-то попался человек, который сразу понял проблему.",
            "Инженер настоящий профессионал, всё объяснил.",
        ],
        "short": ["Грамотные специалисты", "Знают своё дело"],
    },
    "problem_resolution": {
        "long": [
            "Мою проблему решили с первого звонка.",
            "Быстро всё исправили и даже перезвонили уточнить, всё ли в порядке.",
            "Проблему со связью устранили в тот же день.",
            "Была проблема с переносом номера, но всё быстро уладили.",
            "Проблему реально решили, даже не ожидал.",
            "Деньги вернули через неделю после жалобы.",
        ],
        "short": ["Проблему решили", "Всё быстро исправили"],
    },
    "app_website": {
        "long": [
            "Приложение постоянно выкидывает из аккаунта.",
            "Не могу оплатить через сайт, выдаёт ошибку.",
            "После обновления в приложении ничего не найти, даже баланс.",
            "Сайт тормозит и виснет, когда пытаюсь сменить тариф.",
            "Приложение показывает неправильный остаток трафика.",
            "Вход по смс-коду с первого раза никогда не работает.",
        ],
        "short": ["Приложение глючит", "Сайт не работает", "Приложение вылетает"],
        "sarcasm": ["Отличное приложение, вылетает каждый раз при запуске."],
    },
    "network_quality": {
        "long": [
            "В квартире вообще нет сигнала.",
            "Интернет пропадает каждый вечер около восьми.",
            "Звонки обрываются, когда еду за городом.",
            "Мобильный интернет очень медленный, страницы еле грузятся.",
            "Связь нестабильная, видеозвонки постоянно зависают.",
            "В деревне покрытие ужасное.",
            "На подземной парковке 4G пропадает полностью.",
            "Домашний вай-фай отваливается по несколько раз в день.",
        ],
        "short": ["Плохая связь", "Интернет пропадает", "Нет покрытия"],
        "sarcasm": [
            "Шикарное покрытие, одна палка, если выйти на балкон.",
            "Идеальная связь, если не нужно никому звонить.",
        ],
    },
    "contract_tariff": {
        "long": [
            "Условия тарифа поменяли без моего согласия.",
            "В договоре столько скрытых условий, невозможно разобраться.",
            "Меня перевели на новый тариф, который я не просил.",
            "Сменить тариф можно только в офисе, онлайн нельзя.",
            "Минимальный срок договора два года, это смешно.",
        ],
        "short": ["Запутанные тарифы", "Непонятный договор"],
    },
    "personalization": {
        "long": [
            "Пришло предложение по моему трафику, ещё не решил.",
            "Приложение предлагает рекомендуемые тарифы, некоторые даже подходят.",
            "Прислали поздравление с днём рождения и промокод.",
            "В письмах обращаются по имени, ну ок.",
            "Предложения иногда в тему, иногда нет.",
        ],
        "short": ["Получил персональное предложение", "Предложения обычные"],
    },
    "channel_consistency": {
        "long": [
            "В чате сказали одно, а в салоне совсем другое.",
            "Каждый раз при звонке приходится объяснять всё с самого начала.",
            "Цена на сайте отличается от цены в салоне.",
            "В чате сказали, что проблему решили, а в колл-центре говорят, что заявки нет.",
            "Пришлось повторять одно и то же трём разным операторам.",
        ],
        "short": ["Каждый говорит своё"],
    },
    "trust_honesty": {
        "long": [
            "Обещали бесплатное подключение, а потом выставили счёт.",
            "Такое ощущение, что меня обманывают скрытыми платежами.",
            "Продавец соврал про срок договора.",
            "Подключили платные подписки без моего согласия.",
            "Заявленная скорость обман, не получаю и половины.",
        ],
        "short": ["Скрытые платежи", "Развод на деньги"],
        "sarcasm": ["Честная компания, просто забыли упомянуть половину платежей."],
    },
    "loyalty_program": {
        "long": [
            "Бонусы копятся, но пользуюсь редко.",
            "Участвую в бонусной программе, один раз обменял баллы на гигабайты.",
            "В этом месяце начислили немного бонусов.",
            "Бонусная программа вроде есть, у меня там какие-то баллы.",
        ],
        "short": ["Пользуюсь бонусной программой"],
    },
    "cancellation": {
        "long": [
            "В конце месяца расторгаю договор.",
            "Две недели пытаюсь отключиться, а заявку игнорируют.",
            "Думаю перейти к другому оператору.",
            "Чтобы расторгнуть договор, пришлось три раза ехать в офис.",
            "Если так будет и дальше, я уйду.",
        ],
        "short": ["Ухожу к конкурентам", "Расторгаю договор"],
    },
}

# --------------------------------------------------------------------------- Ukrainian
UK = {
    "product_quality": {
        "long": [
            "Роутер, який ви привезли, працює ідеально, за два місяці жодного збою.",
            "Телефон, який купив у вас, працює чудово, дуже задоволений.",
            "Телебачення супер, багато каналів і чітка картинка.",
            "Усе працює, як обіцяли, до якості претензій немає.",
            "Якість послуг справді хороша.",
            "Новий модем набагато кращий за старий.",
            "Домашній інтернет швидкий і стабільний, саме те, що треба.",
            "Приставка показує чудово, нічого не гальмує.",
            "Рік сиджу на безлімітному тарифі, жодної проблеми.",
        ],
        "short": ["Якість чудова", "Усе працює ідеально", "Якість на висоті"],
    },
    "price_value": {
        "long": [
            "Занадто дорого за те, що ви пропонуєте.",
            "Знову підняли ціни, а краще нічого не стало.",
            "У сусідів з іншим провайдером та сама швидкість удвічі дешевше.",
            "Ціна вже не відповідає якості.",
            "За такі гроші очікував набагато більшого.",
            "Чергове підвищення тарифу, серйозно?",
            "У конкурентів такий самий пакет дешевший.",
            "Знижка була три місяці, а тепер плачу вдвічі більше.",
        ],
        "short": ["Ціни зависокі", "Ціни кусаються", "Занадто дорого"],
        "sarcasm": [
            "Обожнюю платити як за преміум за найпростіший сервіс.",
            "Ну чудово, ціни знову підняли, саме цього мені й бракувало.",
        ],
    },
    "billing_payments": {
        "long": [
            "З мене двічі списали гроші за один місяць, повернення досі чекаю.",
            "Знову неправильний рахунок, нарахували за послуги, які я не підключав.",
            "Оплата пройшла, а в особистому кабінеті все одно висить борг.",
            "Автоплатіж не спрацював, а штраф за прострочку виставили мені.",
            "Ніхто не може пояснити, що за додаткові нарахування в рахунку.",
            "Рахунок приходить із запізненням, а пеню потім нараховують мені.",
            "Зняли гроші за роумінг, хоча я нікуди не їздив.",
            "Заплатив вчасно, а мені все одно прийшло нагадування про борг.",
            "У рахунку одна сума, у застосунку інша, яка правильна?",
        ],
        "short": ["Помилки в рахунках", "Подвійне списання", "Знову неправильний рахунок"],
        "sarcasm": [
            "Чудово, вже втретє за місяць неправильний рахунок.",
            "Прекрасна система оплати, списує гроші за те, чого в мене немає.",
            "Обожнюю, що мій рахунок щомісяця сюрприз.",
        ],
    },
    "delivery": {
        "long": [
            "Сім-карту привезли наступного дня, дуже зручно.",
            "Кур'єр привіз роутер вчасно і навіть допоміг підключити.",
            "Замовив телефон на сайті, доставили за два дні, все акуратно запаковано.",
            "Доставка швидка, кур'єр заздалегідь зателефонував.",
            "Швидко доставили, все ціле.",
        ],
        "short": ["Швидка доставка", "Доставили вчасно"],
    },
    "waiting_speed": {
        "long": [
            "Чекав на лінії 40 хвилин, поки хтось відповів.",
            "Інтернет підключали два тижні.",
            "Черга у відділенні величезна, а працює одне віконце.",
            "На листи підтримка відповідає цілу вічність.",
            "Майже годину провисів на лінії через просте питання.",
            "Майстер мав прийти в понеділок, а прийшов у п'ятницю.",
            "До вас неможливо додзвонитися, лінія весь час зайнята.",
            "Заміну сім-карти чекав десять днів.",
        ],
        "short": ["Довго чекати", "Дуже довго відповідають", "Нескінченні черги"],
        "sarcasm": [
            "Дякую за музику на лінії, слухав її всю обідню перерву.",
            "Супершвидкий сервіс, всього лише три тижні чекав.",
            "Дякую за «швидкий» передзвін, всього чотири дні.",
        ],
    },
    "staff_attitude": {
        "long": [
            "Дівчина в салоні була дуже ввічливою і терплячою з моєю мамою.",
            "Оператор був ввічливий і привітний, дякую.",
            "Дуже приємний персонал, завжди усміхаються.",
            "Ваша співробітниця Марія дуже допомогла, щира їй подяка.",
            "Хлопець на телефоні був спокійний і ввічливий, хоча я був на нервах.",
            "До мене поставилися по-людськи, а не як до номера договору.",
            "Дівчина в магазині була дуже милою, все пояснила з усмішкою.",
            "Дуже тепле і шанобливе ставлення в підтримці.",
        ],
        "short": ["Ввічливий персонал", "Привітний оператор", "Милі дівчата в салоні"],
    },
    "staff_competence": {
        "long": [
            "Майстер одразу зрозумів, у чому справа, і все полагодив за десять хвилин.",
            "Консультант зрозуміло пояснив усі тарифи і допоміг вибрати потрібний.",
            "Фахівець підтримки справді знається на своїй справі.",
            "Нарешті трапилася людина, яка одразу зрозуміла проблему.",
            "Інженер справжній професіонал, усе пояснив.",
        ],
        "short": ["Грамотні фахівці", "Знають свою справу"],
    },
    "problem_resolution": {
        "long": [
            "Мою проблему вирішили з першого дзвінка.",
            "Швидко все виправили і навіть передзвонили уточнити, чи все гаразд.",
            "Проблему зі зв'язком усунули того ж дня.",
            "Була проблема з перенесенням номера, але все швидко владнали.",
            "Проблему справді вирішили, навіть не очікував.",
            "Гроші повернули через тиждень після скарги.",
        ],
        "short": ["Проблему вирішили", "Усе швидко виправили"],
    },
    "app_website": {
        "long": [
            "Застосунок постійно викидає з акаунта.",
            "Не можу оплатити через сайт, видає помилку.",
            "Після оновлення в застосунку нічого не знайти, навіть баланс.",
            "Сайт гальмує і зависає, коли намагаюся змінити тариф.",
            "Застосунок показує неправильний залишок трафіку.",
            "Вхід за смс-кодом з першого разу ніколи не працює.",
        ],
        "short": ["Застосунок глючить", "Сайт не працює", "Застосунок вилітає"],
        "sarcasm": ["Чудовий застосунок, вилітає щоразу при запуску."],
    },
    "network_quality": {
        "long": [
            "У квартирі взагалі немає сигналу.",
            "Інтернет зникає щовечора близько восьмої.",
            "Дзвінки обриваються, коли їду за містом.",
            "Мобільний інтернет дуже повільний, сторінки ледве вантажаться.",
            "Зв'язок нестабільний, відеодзвінки постійно зависають.",
            "У селі покриття жахливе.",
            "На підземному паркінгу 4G зникає повністю.",
            "Домашній вай-фай відвалюється кілька разів на день.",
        ],
        "short": ["Поганий зв'язок", "Інтернет зникає", "Немає покриття"],
        "sarcasm": [
            "Шикарне покриття, одна поділка, якщо вийти на балкон.",
            "Ідеальний зв'язок, якщо не треба нікому дзвонити.",
        ],
    },
    "contract_tariff": {
        "long": [
            "Умови тарифу змінили без моєї згоди.",
            "У договорі стільки прихованих умов, неможливо розібратися.",
            "Мене перевели на новий тариф, якого я не просив.",
            "Змінити тариф можна лише у відділенні, онлайн не можна.",
            "Мінімальний термін договору два роки, це смішно.",
        ],
        "short": ["Заплутані тарифи", "Незрозумілий договір"],
    },
    "personalization": {
        "long": [
            "Прийшла пропозиція за моїм трафіком, ще не вирішив.",
            "Застосунок пропонує рекомендовані тарифи, деякі навіть підходять.",
            "Надіслали привітання з днем народження і промокод.",
            "У листах звертаються на ім'я, ну ок.",
            "Пропозиції іноді в тему, іноді ні.",
        ],
        "short": ["Отримав персональну пропозицію", "Пропозиції звичайні"],
    },
    "channel_consistency": {
        "long": [
            "У чаті сказали одне, а в салоні зовсім інше.",
            "Щоразу, коли дзвоню, доводиться пояснювати все з самого початку.",
            "Ціна на сайті відрізняється від ціни в салоні.",
            "У чаті сказали, що проблему вирішено, а в кол-центрі кажуть, що заявки немає.",
            "Довелося повторювати одне й те саме трьом різним операторам.",
        ],
        "short": ["Кожен каже своє"],
    },
    "trust_honesty": {
        "long": [
            "Обіцяли безкоштовне підключення, а потім виставили рахунок.",
            "Таке враження, що мене обманюють прихованими платежами.",
            "Продавець збрехав про термін договору.",
            "Підключили платні підписки без моєї згоди.",
            "Заявлена швидкість обман, не отримую й половини.",
        ],
        "short": ["Приховані платежі", "Розводять на гроші"],
        "sarcasm": ["Чесна компанія, просто забули згадати половину платежів."],
    },
    "loyalty_program": {
        "long": [
            "Бонуси накопичуються, але користуюся рідко.",
            "Беру участь у бонусній програмі, раз обміняв бали на гігабайти.",
            "Цього місяця нарахували трохи бонусів.",
            "Бонусна програма начебто є, у мене там якісь бали.",
        ],
        "short": ["Користуюся бонусною програмою"],
    },
    "cancellation": {
        "long": [
            "Наприкінці місяця розриваю договір.",
            "Два тижні намагаюся відключитися, а заявку ігнорують.",
            "Думаю перейти до іншого оператора.",
            "Щоб розірвати договір, довелося тричі їхати у відділення.",
            "Якщо так буде й далі, я піду.",
        ],
        "short": ["Іду до конкурентів", "Розриваю договір"],
    },
}

# --------------------------------------------------------------------------- Romanian
RO = {
    "product_quality": {
        "long": [
            "Routerul pe care mi l-ați adus funcționează perfect, nicio întrerupere în două luni.",
            "Telefonul cumpărat de la voi merge excelent, sunt foarte mulțumit.",
            "Pachetul TV e super, multe canale și imagine clară.",
            "Totul funcționează cum s-a promis, nu am nicio pretenție la calitate.",
            "Calitatea serviciilor e foarte bună, sincer.",
            "Modemul nou e mult mai bun decât cel vechi.",
            "Internetul de acasă e rapid și stabil, exact ce îmi trebuia.",
            "Boxul TV merge excelent, nimic nu se blochează.",
            "De un an am abonamentul nelimitat și nicio problemă.",
        ],
        "short": ["Calitate excelentă", "Merge perfect", "Calitatea e de top"],
    },
    "price_value": {
        "long": [
            "Prea scump pentru ce oferiți.",
            "Iar ați crescut prețurile și nimic nu s-a îmbunătățit.",
            "Vecinii mei plătesc de două ori mai puțin la alt operator pentru aceeași viteză.",
            "Prețul nu mai corespunde calității.",
            "Pentru banii ăștia mă așteptam la mult mai mult.",
            "Încă o scumpire a abonamentului, pe bune?",
            "La concurență același pachet e mai ieftin.",
            "Reducerea a ținut trei luni și acum plătesc dublu.",
        ],
        "short": ["Prea scump", "Prețuri prea mari", "E scump rău"],
        "sarcasm": [
            "Ador să plătesc ca la premium pentru cel mai simplu serviciu.",
            "Super, iar au crescut prețurile, exact de asta aveam nevoie.",
        ],
    },
    "billing_payments": {
        "long": [
            "Mi-ați luat banii de două ori pentru aceeași lună și încă aștept returul.",
            "Iar factura e greșită, mi-ați pus servicii pe care nu le-am activat.",
            "Plata a trecut, dar în contul personal tot apare datorie.",
            "Plata automată n-a mers, iar penalitatea mi-ați pus-o mie.",
            "Nimeni nu poate explica ce sunt taxele în plus de pe factură.",
            "Factura vine cu întârziere și apoi tot eu plătesc penalități.",
            "Mi-au luat bani pentru roaming deși n-am plecat nicăieri.",
            "Am plătit la timp și tot mi-a venit mesaj că am datorie.",
            "Pe factură e o sumă, în aplicație alta, care e corectă?",
        ],
        "short": ["Factura greșită iar", "Plată dublă", "Probleme cu factura"],
        "sarcasm": [
            "Minunat, a treia oară luna asta factura e greșită.",
            "Ce sistem de plată grozav, mă taxează pentru lucruri pe care nu le am.",
            "Îmi place că factura e o surpriză în fiecare lună.",
        ],
    },
    "delivery": {
        "long": [
            "Cartela SIM a fost livrată a doua zi, foarte comod.",
            "Curierul a adus routerul la timp și chiar m-a ajutat să-l conectez.",
            "Am comandat un telefon pe site și a ajuns în două zile, bine ambalat.",
            "Livrare rapidă, curierul a sunat înainte.",
            "Au livrat repede, totul a ajuns intact.",
        ],
        "short": ["Livrare rapidă", "Livrat la timp"],
    },
    "waiting_speed": {
        "long": [
            "Am așteptat pe linie 40 de minute până mi-a răspuns cineva.",
            "Internetul l-au conectat abia în două săptămâni.",
            "Coadă uriașă la oficiu și un singur ghișeu deschis.",
            "Suportul răspunde la emailuri o veșnicie.",
            "Aproape o oră am stat pe linie pentru o întrebare simplă.",
            "Tehnicianul trebuia să vină luni și a venit vineri.",
            "Nu se poate suna la voi, linia e mereu ocupată.",
            "Am așteptat zece zile pentru o cartelă SIM nouă.",
        ],
        "short": ["Prea mult de așteptat", "Suport foarte lent", "Cozi fără sfârșit"],
        "sarcasm": [
            "Mersi pentru muzica de pe linie, am ascultat-o toată pauza de masă.",
            "Serviciu super rapid, am așteptat doar trei săptămâni.",
            "Mersi pentru apelul «rapid» înapoi, doar patru zile.",
        ],
    },
    "staff_attitude": {
        "long": [
            "Doamna de la magazin a fost foarte amabilă și răbdătoare cu mama.",
            "Operatorul a fost politicos și prietenos, mulțumesc.",
            "Personal foarte plăcut, mereu zâmbitori.",
            "Colega voastră Maria m-a ajutat foarte mult, mulțumesc frumos.",
            "Băiatul de la telefon a fost calm și politicos, deși eu eram nervos.",
            "M-au tratat ca pe un om, nu ca pe un număr de contract.",
            "Fata de la magazin a fost foarte drăguță și mi-a explicat totul zâmbind.",
            "Atitudine foarte caldă și respectuoasă la suport.",
        ],
        "short": ["Personal amabil", "Operator foarte politicos", "Fete drăguțe la magazin"],
    },
    "staff_competence": {
        "long": [
            "Tehnicianul a înțeles imediat problema și a rezolvat-o în zece minute.",
            "Consultantul mi-a explicat clar toate abonamentele și m-a ajutat să aleg.",
            "Specialistul de la suport chiar se pricepe.",
            "În sfârșit cineva care a înțeles problema din prima.",
            "Inginerul a fost un profesionist adevărat și mi-a explicat tot.",
        ],
        "short": ["Specialiști competenți", "Oameni pricepuți"],
    },
    "problem_resolution": {
        "long": [
            "Problema mea a fost rezolvată de la primul apel.",
            "Au reparat repede și m-au sunat înapoi să verifice dacă e totul în regulă.",
            "Problema cu conexiunea a fost rezolvată în aceeași zi.",
            "Am avut o problemă cu portarea numărului, dar au rezolvat-o repede.",
            "Chiar mi-au rezolvat problema, nu mă așteptam.",
            "Banii mi i-au returnat la o săptămână după reclamație.",
        ],
        "short": ["Problemă rezolvată", "Rezolvat rapid"],
    },
    "app_website": {
        "long": [
            "Aplicația mă deconectează tot timpul.",
            "Nu pot plăti pe site, îmi dă eroare.",
            "După actualizare nu mai găsesc nimic în aplicație, nici măcar soldul.",
            "Site-ul merge greu și se blochează când vreau să schimb abonamentul.",
            "Aplicația arată greșit traficul rămas.",
            "Logarea cu cod prin SMS nu merge niciodată din prima.",
        ],
        "short": ["Aplicația nu merge", "Site-ul e stricat", "Aplicația se blochează"],
        "sarcasm": ["Aplicație grozavă, se închide de fiecare dată când o deschid."],
    },
    "network_quality": {
        "long": [
            "În apartament nu am semnal deloc.",
            "Internetul dispare în fiecare seară pe la opt.",
            "Apelurile se întrerup când ies din oraș.",
            "Internetul mobil e foarte lent, paginile abia se încarcă.",
            "Conexiunea e instabilă, apelurile video se blochează mereu.",
            "La sat acoperirea e groaznică.",
            "În parcarea subterană 4G-ul dispare complet.",
            "Wi-Fi-ul de acasă cade de câteva ori pe zi.",
        ],
        "short": ["Semnal foarte slab", "Internetul cade mereu", "Nu am acoperire"],
        "sarcasm": [
            "Acoperire de vis, prind o liniuță dacă ies pe balcon.",
            "Rețea perfectă, dacă nu trebuie să suni pe nimeni.",
        ],
    },
    "contract_tariff": {
        "long": [
            "Condițiile abonamentului au fost schimbate fără acordul meu.",
            "Contractul are atâtea condiții ascunse, nu înțelegi nimic.",
            "M-au mutat pe un abonament nou pe care nu l-am cerut.",
            "Abonamentul se poate schimba doar la oficiu, online nu se poate.",
            "Termenul minim de contract de doi ani e ridicol.",
        ],
        "short": ["Abonamente încurcate", "Contract neclar"],
    },
    "personalization": {
        "long": [
            "Am primit o ofertă după consumul meu, încă nu m-am hotărât.",
            "Aplicația îmi recomandă abonamente, unele chiar se potrivesc.",
            "Mi-au trimis o felicitare de ziua mea și un cod de reducere.",
            "În emailuri mi se adresează pe nume, ok.",
            "Ofertele sunt uneori potrivite, alteori nu.",
        ],
        "short": ["Am primit o ofertă personală", "Oferte obișnuite"],
    },
    "channel_consistency": {
        "long": [
            "În chat mi-au spus una, iar la magazin cu totul altceva.",
            "De fiecare dată când sun trebuie să explic totul de la început.",
            "Prețul de pe site diferă de cel din magazin.",
            "În chat mi-au zis că problema e rezolvată, la call center nu există nicio cerere.",
            "A trebuit să repet același lucru la trei operatori diferiți.",
        ],
        "short": ["Fiecare spune altceva"],
    },
    "trust_honesty": {
        "long": [
            "Au promis conectare gratuită și apoi mi-au pus-o în factură.",
            "Am impresia că sunt păcălit cu taxe ascunse.",
            "Vânzătorul m-a mințit despre durata contractului.",
            "Mi-au activat abonamente plătite fără să mă întrebe.",
            "Viteza promisă e o minciună, nu primesc nici jumătate.",
        ],
        "short": ["Taxe ascunse peste tot", "Țeapă curată"],
        "sarcasm": ["Companie cinstită, doar au uitat să menționeze jumătate din taxe."],
    },
    "loyalty_program": {
        "long": [
            "Adun puncte bonus, dar le folosesc rar.",
            "Sunt în programul de fidelitate, o dată am schimbat punctele pe gigabytes.",
            "Luna asta am primit câteva puncte bonus.",
            "Programul de fidelitate există, cred că am niște puncte acolo.",
        ],
        "short": ["Folosesc programul de bonusuri"],
    },
    "cancellation": {
        "long": [
            "La sfârșitul lunii reziliez contractul.",
            "De două săptămâni încerc să mă deconectez și îmi ignoră cererea.",
            "Mă gândesc să trec la alt operator.",
            "Ca să reziliez contractul a trebuit să merg de trei ori la oficiu.",
            "Dacă mai continuă așa, plec.",
        ],
        "short": ["Plec la concurență", "Reziliez contractul"],
    },
}

BANK = {"en": EN, "ru": RU, "uk": UK, "ro": RO}

# Comments with no taxonomy topic, by overall mood.
GENERIC = {
    "en": {
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
    },
    "ru": {
        "pos": [
            "Всё хорошо, спасибо",
            "Очень доволен",
            "Всё устраивает",
            "Так держать!",
            "Пользуюсь много лет, всё нравится",
            "Претензий нет",
        ],
        "neg": [
            "Очень разочарован",
            "Совсем не доволен",
            "Ужасный сервис",
            "Могло быть намного лучше",
        ],
        "neu": [
            "норм",
            "Нормально",
            "Ничего особенного",
            "Вроде всё ок",
            "Средне, ничего не скажу",
        ],
    },
    "uk": {
        "pos": [
            "Усе добре, дякую",
            "Дуже задоволений",
            "Усе влаштовує",
            "Так тримати!",
            "Користуюся багато років, усе подобається",
            "Претензій немає",
        ],
        "neg": [
            "Дуже розчарований",
            "Зовсім не задоволений",
            "Жахливий сервіс",
            "Могло бути набагато краще",
        ],
        "neu": [
            "Нормально, дякую",
            "Нічого особливого",
            "Ніби все ок",
            "Так собі",
            "Середньо, нічого не скажу",
        ],
    },
    "ro": {
        "pos": [
            "Totul e bine, mulțumesc",
            "Foarte mulțumit",
            "Sunt mulțumit de tot",
            "Țineți-o tot așa!",
            "Sunt client de mulți ani și îmi place",
            "Nu am nicio plângere",
        ],
        "neg": [
            "Foarte dezamăgit",
            "Nu sunt deloc mulțumit",
            "Serviciu groaznic",
            "Putea fi mult mai bine",
        ],
        "neu": [
            "E ok",
            "Normal, nimic de zis",
            "Nimic special",
            "Cam așa și așa",
            "Mediu, nimic de adăugat",
        ],
    },
}

OPENERS = {
    "en": [
        "Hi.",
        "Hello!",
        "Long-time customer here.",
        "I've been with you for about six years.",
        "Where do I even start...",
        "Quick feedback.",
    ],
    "ru": [
        "Здравствуйте.",
        "Добрый день!",
        "Пользуюсь вашими услугами лет пять.",
        "С чего бы начать...",
        "Коротко.",
    ],
    "uk": [
        "Вітаю.",
        "Добрий день!",
        "Користуюся вашими послугами років п'ять.",
        "З чого б почати...",
        "Коротко.",
    ],
    "ro": [
        "Bună ziua.",
        "Salut!",
        "Sunt clientul vostru de vreo cinci ani.",
        "De unde să încep...",
        "Pe scurt.",
    ],
}

CLOSERS = {
    "en": {
        "pos": ["Thank you!", "Keep it up.", "Thanks a lot!"],
        "neg": [
            "Please fix this.",
            "Very disappointed.",
            "Do something about it!",
            "Not acceptable.",
        ],
        "neu": ["That's all.", "Thanks."],
    },
    "ru": {
        "pos": ["Спасибо!", "Так держать.", "Большое спасибо!"],
        "neg": ["Исправьте уже.", "Очень разочарован.", "Сделайте что-нибудь!", "Это недопустимо."],
        "neu": ["Это всё.", "Спасибо."],
    },
    "uk": {
        "pos": ["Дякую!", "Так тримати.", "Щиро дякую!"],
        "neg": ["Виправте вже.", "Дуже розчарований.", "Зробіть щось!", "Це неприпустимо."],
        "neu": ["Це все.", "Дякую."],
    },
    "ro": {
        "pos": ["Mulțumesc!", "Țineți-o tot așa.", "Mersi mult!"],
        "neg": ["Rezolvați odată.", "Foarte dezamăgit.", "Faceți ceva!", "E inacceptabil."],
        "neu": ["Asta e tot.", "Mersi."],
    },
}

# Connectors put in front of the next sentence: "contrast" when the polarity flips,
# "add" when it stays the same.
CONNECTORS = {
    "en": {
        "contrast": ["But", "However,", "On the other hand,", "That said,"],
        "add": ["Also", "And", "Plus,", "On top of that,"],
    },
    "ru": {"contrast": ["Но", "Однако", "Правда,"], "add": ["И ещё:", "И", "Плюс", "Кроме того,"]},
    "uk": {"contrast": ["Але", "Однак", "Щоправда,"], "add": ["І ще:", "І", "Плюс", "Крім того,"]},
    "ro": {
        "contrast": ["Dar", "Totuși,", "Pe de altă parte,"],
        "add": ["Și", "Plus că", "În plus,", "De asemenea,"],
    },
}

# Review openers (tenure / context), social hashtags and emoji by mood.
REVIEW_OPENERS = {
    "en": [
        "Customer since 2019.",
        "Using their mobile plan for two years now.",
        "Switched to them last year.",
        "Home internet + TV for three years.",
    ],
    "ru": [
        "Клиент с 2019 года.",
        "Пользуюсь мобильной связью уже два года.",
        "Перешёл к ним в прошлом году.",
        "Домашний интернет и ТВ уже три года.",
    ],
    "uk": [
        "Клієнт з 2019 року.",
        "Користуюся мобільним зв'язком уже два роки.",
        "Перейшов до них минулого року.",
        "Домашній інтернет і ТБ уже три роки.",
    ],
    "ro": [
        "Client din 2019.",
        "Folosesc abonamentul mobil de doi ani.",
        "Am trecut la ei anul trecut.",
        "Internet și TV acasă de trei ani.",
    ],
}

HASHTAGS = {
    "en": ["#Lumatel", "#fail", "#customerservice", "#internet"],
    "ru": ["#Люмател", "#связь", "#провайдер", "#интернет"],
    "uk": ["#Люмател", "#звязок", "#провайдер", "#інтернет"],
    "ro": ["#Lumatel", "#internet", "#Moldova", "#operator"],
}
EMOJI = {"pos": ["👍", "🙏", "😊", "❤️"], "neg": ["😡", "🤬", "👎", "😤"], "neu": ["🤷", ""]}

# Spam / bot posts: {link} is replaced with a seeded short link.
SPAM = {
    "en": [
        "Earn $$$ from home!!! $500 per day, no experience needed 👉 {link}",
        "FREE iPhone giveaway, only today, click here: {link}",
        "Crypto signals with 1000% profit, join now {link} 🚀🚀🚀",
        "I made $3,000 this week working 2 hours a day, ask me how {link}",
    ],
    "ru": [
        "Заработок от 5000 в день без вложений!!! Пиши в личку 👉 {link}",
        "Бесплатный интернет навсегда, переходи по ссылке {link}",
        "Ставки на спорт с проходимостью 100%, жми {link}",
    ],
    "uk": [
        "Заробіток від 2000 грн на день без вкладень! Деталі за посиланням 👉 {link}",
        "Безкоштовний iPhone кожному, хто перейде за посиланням {link}",
    ],
    "ro": [
        "Câștigă 500 de euro pe zi de acasă!!! Click aici 👉 {link}",
        "Internet gratuit pentru totdeauna, intră pe {link}",
    ],
}

# Posts with HTML / script markup (text kept verbatim; language and topics given).
HTML_POSTS = [
    ("en", ["network_quality"], "<b>Worst</b> provider ever, no signal for 3 days @Lumatel"),
    ("en", ["app_website"], "<script>alert(1)</script> your app is down again"),
    (
        "ru",
        ["staff_attitude"],
        '<a href="https://lumatel.example/shop">Люмател</a> спасибо '
        "девушке в салоне, очень вежливая",
    ),
    ("uk", ["billing_payments"], "Знову неправильний рахунок<br>дякую, <i>Люмател</i>"),
    (
        "ro",
        ["problem_resolution"],
        "<p>Mulțumesc că ați rezolvat problema cu internetul &amp; atât de repede!</p>",
    ),
    ("en", ["price_value"], '<div onclick="steal()">prices up AGAIN &gt;:(</div>'),
]

# --------------------------------------------------------------------------- call scripts
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
