"""The fixed age bands and the initial topics. Used by a data migration and by `load_demo`, which puts
them back after a test database flush."""

AGE_BANDS = [
    ("0-6m", "0–6 月", 0, 6),
    ("6-12m", "6–12 月", 6, 12),
    ("1-2y", "1–2 岁", 12, 24),
    ("2-3y", "2–3 岁", 24, 36),
]

# The six topics of the national care guideline for children under three, plus family policies and care.
TOPICS = [
    ("growth", "生长发育监测", "身长、体重、头围和发育里程碑的观察与记录"),
    ("nutrition", "营养与喂养", "母乳喂养、辅食添加与膳食营养"),
    ("play", "交流与玩耍", "亲子交流、阅读、游戏与早期发展"),
    ("daily-care", "生活照护", "睡眠、清洁、如厕、穿衣和日常作息"),
    ("injury-prevention", "伤害预防", "居家与出行安全、意外伤害的预防与应对"),
    ("common-illness", "常见健康问题", "发热、腹泻、湿疹等常见问题与预防接种"),
    ("family-policy", "家庭支持政策", "产假、护理假、育儿假等家庭支持政策"),
    ("childcare", "托育服务", "如何选择和使用托育服务"),
]


def ensure_taxonomy(age_band_model, topic_model):
    """Creates missing age bands and topics; never changes what editors have edited."""
    for order, (slug, name, low, high) in enumerate(AGE_BANDS):
        age_band_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "min_months": low, "max_months": high, "sort_order": order}
        )
    for order, (slug, name, description) in enumerate(TOPICS):
        topic_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
