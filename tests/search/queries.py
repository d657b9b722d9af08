"""A public set of site-search queries over the demo content, written as parents type them.

Each query names the pages a parent would want, most wanted first, by their slug (the last part of the
URL). Written from guidance/demo_content.py, not from the search code: everyday words for the content's
terms, traditional characters, full-width letters, pinyin, homophone typos, English, long questions.
benchmarks/search_quality.py runs them and prints zero-result rate, P@3 and MRR@10; the important ones are
also asserted one by one in tests/website/test_search_quality.py.

A further section (the directory's queries) is added beside SITE_QUERIES by the directory's search work.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    text: str
    relevant: tuple  # slugs, most wanted first
    phenomenon: str  # everyday · traditional · pinyin · typo · english · question · exact · age · width


POLICIES = (
    "sishui-2020-55",
    "kaili-2021-54",
    "jiangxi-2020-implementation-opinions",
    "hebi-2020-29",
    "jiangbei-2020-56",
    "jiangxi-2020-implementation-opinions-interpretation",
)


def q(text, *relevant, phenomenon="everyday"):
    return Query(text, tuple(relevant), phenomenon)


SITE_QUERIES = [
    # 腹泻
    q("宝宝拉肚子", "diarrhoea-and-dehydration"),
    q("拉肚子怎么办", "diarrhoea-and-dehydration", phenomenon="question"),
    q("孩子拉稀会不会脱水", "diarrhoea-and-dehydration", phenomenon="question"),
    q("腹泻", "diarrhoea-and-dehydration", "first-complementary-foods", phenomenon="exact"),
    q("口服补液盐怎么喝", "diarrhoea-and-dehydration", phenomenon="question"),
    q("腹泄", "diarrhoea-and-dehydration", phenomenon="typo"),
    q("DIARRHEA", "diarrhoea-and-dehydration", phenomenon="english"),
    # 发烧
    q("宝宝发烧", "fever-at-home"),
    q("寶寶發燒怎麼辦", "fever-at-home", phenomenon="traditional"),
    q("fashao", "fever-at-home", phenomenon="pinyin"),
    q("fever", "fever-at-home", phenomenon="english"),
    q("ｆｅｖｅｒ", "fever-at-home", phenomenon="width"),
    q("发烧38度5要不要吃退烧药", "fever-at-home", phenomenon="question"),
    q("小孩高烧抽搐", "fever-at-home"),
    q("宝宝晚上发高烧而且一直哭闹该怎么办才好呢", "fever-at-home", phenomenon="question"),
    # 如厕
    q("宝宝什么时候可以戒尿不湿", "toilet-training-2-3y", phenomenon="question"),
    q("如厕训练", "toilet-training-2-3y", phenomenon="exact"),
    q("孩子不会自己上厕所", "toilet-training-2-3y"),
    q("ruce", "toilet-training-2-3y", phenomenon="pinyin"),
    q("戒尿不濕", "toilet-training-2-3y", phenomenon="traditional"),
    # 疫苗
    q("打预防针", "vaccination-schedule"),
    q("打疫苗发烧正常吗", "vaccination-schedule", "fever-at-home", phenomenon="question"),
    q("预防接种注意事项", "vaccination-schedule"),
    q("dayimiao", "vaccination-schedule", phenomenon="pinyin"),
    q("預防針", "vaccination-schedule", phenomenon="traditional"),
    q("感冒了还能打疫苗吗", "vaccination-schedule", phenomenon="question"),
    # 吃饭、辅食
    q("孩子不吃饭", "first-complementary-foods", "complementary-food-textures-9-12m", "nursery-adjustment"),
    q("宝宝不爱吃辅食", "first-complementary-foods", "complementary-food-class"),
    q("辅食", "first-complementary-foods", "complementary-food-textures-9-12m", "complementary-food-class"),
    q("6个月宝宝吃什么辅食", "first-complementary-foods", "complementary-food-class", phenomenon="age"),
    q(
        "fushi",
        "first-complementary-foods",
        "complementary-food-textures-9-12m",
        "complementary-food-class",
        phenomenon="pinyin",
    ),
    q("宝宝米粉怎么喂", "first-complementary-foods"),
    q("手指食物", "complementary-food-textures-9-12m"),
    q("宝宝吃东西噎住了", "complementary-food-textures-9-12m", "home-safety-lecture"),
    # 湿疹
    q("红疹子", "eczema-skin-care", "first-complementary-foods"),
    q("婴儿湿疹怎么护理", "eczema-skin-care", phenomenon="question"),
    q("湿诊", "eczema-skin-care", phenomenon="typo"),
    q("奶癣", "eczema-skin-care"),
    q("shizhen", "eczema-skin-care", phenomenon="pinyin"),
    q("小孩子脸上起了很多红色的小疹子，是不是湿疹，要不要去医院", "eczema-skin-care", phenomenon="question"),
    # 母乳、睡眠、生长
    q("母乳喂养", "breastfeeding-first-months", "expecting-parents-class", phenomenon="exact"),
    q("怎么知道宝宝吃饱了", "breastfeeding-first-months", phenomenon="question"),
    q("上班了怎么背奶", "breastfeeding-first-months"),
    q("宝宝趴着睡安全吗", "newborn-sleep", phenomenon="question"),
    q("婴儿睡觉", "newborn-sleep"),
    q("生长曲线怎么看", "growth-monitoring-first-year", phenomenon="question"),
    q("宝宝体重不长", "growth-monitoring-first-year"),
    q("头围", "growth-monitoring-first-year", phenomenon="exact"),
    # 发育、语言、游戏
    q("9个月宝宝会做什么", "milestones-6-12-months", phenomenon="age"),
    q("发育里程碑", "milestones-6-12-months", phenomenon="exact"),
    q("一岁半还不会说话", "talking-and-reading-1-2y", phenomenon="age"),
    q("亲子阅读", "talking-and-reading-1-2y", "parent-child-reading-day"),
    q("绘本", "talking-and-reading-1-2y", "parent-child-reading-day"),
    q("2岁孩子玩什么游戏", "toddler-play-2-3y", phenomenon="age"),
    q("搭积木", "toddler-play-2-3y"),
    # 安全
    q("宝宝会爬了家里要注意什么", "home-safety-crawling", phenomenon="question"),
    q("误吞纽扣电池", "home-safety-crawling"),
    q("防止孩子从床上摔下来", "home-safety-crawling"),
    q("安全座椅", "car-seat-and-outdoor-safety", phenomenon="exact"),
    q("儿童座椅怎么装", "car-seat-and-outdoor-safety", phenomenon="question"),
    # 假期、选机构、入托
    q("产假多少天", "parental-leave-policies", phenomenon="question"),
    q("育儿假", "parental-leave-policies", phenomenon="exact"),
    q("陪产假", "parental-leave-policies"),
    q("怎么选托儿所", "choosing-a-nursery", "directory", phenomenon="question"),
    q("託兒所", "directory", "choosing-a-nursery", phenomenon="traditional"),
    q("托育机构备案查询", "directory", "choosing-a-nursery"),
    q("tuoyujigou", "choosing-a-nursery", "directory", phenomenon="pinyin"),
    q("入托哭闹", "nursery-adjustment"),
    q("分离焦虑", "nursery-adjustment", phenomenon="exact"),
    # 政策
    q("3岁以下婴幼儿照护服务", *POLICIES, phenomenon="exact"),
    q("鹤壁市托育政策", "hebi-2020-29"),
    q("托育机构视频监控", "hebi-2020-29", "choosing-a-nursery"),
    q("预收费不超过一个月", "kaili-2021-54", "choosing-a-nursery"),
    q(
        "江西 托位",
        "jiangxi-2020-implementation-opinions",
        "jiangxi-2020-implementation-opinions-interpretation",
    ),
    q("泗政办字〔2020〕55号", "sishui-2020-55", phenomenon="exact"),
    # 家长课堂
    q("家长课堂", "events", "complementary-food-class", "expecting-parents-class", phenomenon="exact"),
    q("辅食课怎么报名", "complementary-food-class", phenomenon="question"),
    q("绘本共读", "parent-child-reading-day"),
    q("意外伤害讲座", "home-safety-lecture"),
    q("准爸妈", "expecting-parents-class"),
]
