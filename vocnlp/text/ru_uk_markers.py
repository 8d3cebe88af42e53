"""Words and word endings that exist in only one of Russian and Ukrainian.

lingua's character n-grams tell the two apart on long texts, but a short line written
without the letters that only one alphabet has (і ї є ґ / ы э ъ ё) often lands on the
wrong side: "Лате холодне, бариста хамить." and "Чисто й тихо." read as Russian, "Далеко
не доволен." as Ukrainian.  Grammar settles most of them: Ukrainian writes "холодне" where
Russian writes "холодное", "замовлення" where Russian has "-ние", "чекати" where Russian has
"-ть", and only Russian puts ь after ж ч ш щ or before е я ю.

The lists hold frequent feedback words (function words, verdict words, service nouns) in
the forms written *without* the telling letters, and only forms that the other language
does not write the same way ("тут", "час", "себе", "уже" and "будь" are left out: both
languages have them).  Written from the grammars of the two languages, not from any
evaluation set.  Kept apart from :mod:`vocnlp.text.langid` so the lists can grow without
touching the detector.
"""

from __future__ import annotations

import re

__all__ = ["RU_UK_MARKERS_VERSION", "ru_uk_evidence", "word_set"]

RU_UK_MARKERS_VERSION = 1
"""Bump when the lists or endings change (it is part of the language-id version)."""


def word_set(text: str) -> frozenset[str]:
    """The space-separated words of ``text`` (word lists written as one string)."""
    return frozenset(text.split())


UK_WORDS = word_set(
    # function words, pronouns, adverbs
    "добре коли буде будуть вже дуже але або щоб що як мене тепер немає нема дякую треба "
    "зараз ніж лише тобто досі вчора завжди хто де чому скільки це цей ця цю цим цих цього "
    "був була було були вона воно вони його ми ви ти бо й з зі із також знову знов можна "
    "досить трохи майже якщо чи щось щоразу одразу звичайно мабуть здається сподіваюся "
    "сподіваюсь хочемо мого твого свого нього дякуємо "
    # verdicts
    "швидко швидка швидкий швидке повільно смачно смачна смачний смачне смачну несмачно "
    "несмачна несмачний погано поганий погана погане погану жахливо жахливий жахлива "
    "жахливе жахливу чудово чудовий чудова чудове чудову гарно гарний гарна гарне гарну "
    "найкращий найкраща найкраще краще дешевше дорожче брудно брудний брудна затишно "
    "ввічливий ввічлива ввічливо грубий жах клас раджу задоволений задоволена "
    "незадоволений незадоволена "
    # service nouns and verbs
    "хвилин хвилину хвилини годину години тиждень тижня гроші грошей кошти рахунок картка "
    "картку мережа мережу пошта пошту лікар лікаря водій готель сніданок кава каву кави "
    "гаряча гаряче гарячий додаток хлопець продавець кухар допомога допомогу питання "
    "замовлення чекаю чекали чекав чекала чекати працює працюють працював працювати "
    "замовив замовила замовили замовлю замовити зробили зробити зробив зробила робити "
    "роблять обслуговування отримав отримала отримали отримати сказав "
    "дзвонив дзвонила дзвонили дзвоню телефонував прийшло прийшов прийшла "
    "прийшли зламався зламалася зламалось скасували скасувати допомогли допомогти "
    "вирішили купив приїхав гривень копійок повернути"
)
RU_WORDS = word_set(
    # function words, pronouns, adverbs
    "хорошо когда будет будут очень но или чтобы что как меня мне поэтому теперь нет "
    "спасибо надо сейчас неделю деньги заказ жду работает плохо ужасно отлично чем только "
    "вчера сегодня всегда никогда кто где почему сколько пожалуйста еще если он она оно "
    "они его ее тебя себя можно нельзя нужно ничего никто никому совсем снова опять вообще "
    "был была были было тоже даже потом здесь зачем после из под между около много больше "
    "меньше лучше хуже всего сразу конечно наверное кажется надеюсь благодарю и с со к ко "
    # verdicts
    "хороший хорошая хорошее хорошую плохой плохая плохое плохую вкусно вкусный вкусная "
    "вкусное невкусно медленно грязно уютно вежливо вежливая ужас отстой класс советую "
    "замечательно великолепно доволен довольна недоволен недовольна дешевле дороже "
    # service nouns and verbs
    "минут минуты часа часов год года лет месяц денег цена ждать ждали ждал ждала ждем "
    "заказа заказал заказала заказали курьер привет сказал ответил ответили ответ кофе "
    "горячий горячая горячее сотрудник сотрудники девушка парень продавец повар очередь "
    "очереди связь интернет приложение качество еда пицца мошенники получил получила "
    "получили получить приехал приехала пришло пришел пришла пришли сломался сломалась "
    "потеряли отменили отменить помогли помощь решили вопрос вернули вернуть счет почта "
    "врач водитель гостиница отель завтрак комната официант блюдо стоит стоило"
)

_UK_ENDINGS = re.compile(
    r"(?:нн|тт|лл|дд|сс|чч|жж|цц|шш|зз)[яю]$"  # замовлення, життя, весілля
    r"|ють$"  # 3rd person plural: працюють (Russian: -ют)
    r"|ього$"  # цього, останнього (Russian: -его)
    r"|['’ʼ][яюєї]"  # apostrophe before a soft vowel: кур'єр, п'ять
    r"|^\w{2,}[аиуя]ти$"  # infinitive: чекати, зробити (Russian: -ть)
)
_UK_INFINITIVE_LOOKALIKES = word_set(
    "кстати пути сети пяти девяти десяти плати заплати оплати крути верти прокати кати "
    "сократи хвати обрати"
)
_RU_ENDINGS = re.compile(
    r"[жчшщ]ь"  # ночь, можешь, помощь: Ukrainian never writes ь after these
    r"|ь[еяю]"  # статья, семью, курьер (Ukrainian: -лля, сім'ю, кур'єр)
    r"|тся$"  # делается (Ukrainian: -ться)
    r"|(?:ние|ния|нию|нии|нием|ниям|ниях)$"  # обслуживание (Ukrainian: -ння)
    r"|^\w{2,}(?:ое|ее|ая|яя)$"  # холодное, новая (Ukrainian: холодне, нова)
    r"|его$"  # его, хорошего (Ukrainian: його, -ього, -ого)
    r"|[аяуюие]ют$|[ая]ет$|[ая]ем$"  # делают, делает, делаем (Ukrainian: -ають, -ає, -аємо)
    r"|нул$"  # вернул, скинул (Ukrainian: -нув)
    r"|^\w{3,}ова(?:л|ла|ли|ло)$"  # рекомендовал (Ukrainian: -ував)
)
_WORD = re.compile(r"[\w'’ʼ]+")


def ru_uk_evidence(text: str) -> tuple[int, int]:
    """Count the words of ``text`` that only Ukrainian, and only Russian, write that way.

    Each word counts at most once, for at most one side: the word lists first, then the
    endings.
    """
    uk = ru = 0
    for word in _WORD.findall(text.lower()):
        bare = word.strip("'’ʼ")
        if bare in UK_WORDS:
            uk += 1
        elif bare in RU_WORDS:
            ru += 1
        elif _UK_ENDINGS.search(bare) and bare not in _UK_INFINITIVE_LOOKALIKES:
            uk += 1
        elif _RU_ENDINGS.search(bare):
            ru += 1
    return uk, ru
