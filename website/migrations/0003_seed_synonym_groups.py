"""The first synonym groups: parents' everyday words beside the words the demo content uses.

Written from guidance/demo_content.py and the directory's vocabulary. Editors change them in the admin
(搜索同义词); this migration only adds groups to an empty table, so it never overwrites their work.
"""

from django.db import migrations

GROUPS = """
拉肚子 腹泻 拉稀 闹肚子 腹泻病 diarrhea diarrhoea
发烧 发热 高烧 低烧 高热 低热 体温高 fever
退烧药 退热药 美林 泰诺林 布洛芬 对乙酰氨基酚
打针 疫苗 预防针 接种 打疫苗 打预防针 预防接种 疫苗接种 免疫规划 vaccine
尿不湿 纸尿裤 尿布 尿片 diaper
戒尿不湿 如厕训练 如厕 上厕所 便盆 坐便盆 把尿 尿不湿
托儿所 托育机构 早教 幼儿园托班 托育中心 托育园 托育 托管 日托 nursery daycare
小儿 婴儿 宝宝 孩子 幼儿 婴幼儿 小孩 宝贝 儿童 小朋友 娃娃 baby
红疹子 湿疹 皮疹 疹子 起疹子 红疹 出疹子 奶癣 eczema
不吃饭 厌食 挑食 不爱吃饭 不爱吃 偏食 拒食 吃饭少 胃口差 不好好吃饭
辅食 辅食添加 添加辅食 米糊 米粉 加辅食
母乳 母乳喂养 喂奶 哺乳 吃奶 喂母乳 breastfeeding
奶粉 配方奶 配方奶粉
吸奶 背奶 挤奶 吸奶器 储奶 存奶
睡觉 睡眠 入睡 哄睡 睡不好 夜醒 sleep
趴睡 俯卧 侧睡 趴着睡
猝死 婴儿猝死 睡眠意外 捂死
身高 身长 长个子 长高 个子矮
体重 称重 体重不增 体重不长 不长肉
头围 脑袋大小
生长曲线 百分位 发育曲线 生长标准 生长轨迹
体检 健康检查 儿保 儿童保健 儿童健康检查 查体
说话 语言 学说话 开口说话 说话晚 语言发育 讲话 词汇
绘本 读书 阅读 亲子阅读 讲故事 图画书 看书
看手机 屏幕 电子屏幕 看电视 屏幕时间 看平板 看视频
游戏 玩耍 做游戏 玩具 过家家 角色扮演
积木 拼插 拼图 搭积木
户外 户外活动 出去玩 晒太阳 跑跳
走路 学走路 会走路 扶站 学步 独走
爬行 会爬 学爬 爬来爬去
里程碑 发育里程碑 发育清单 发育标准 发育
发育迟缓 发育落后 发育慢 就医评估 发育评估
意外伤害 意外 事故 受伤 危险
跌落 摔倒 坠落 摔下来 掉下来 磕到头 摔跤
烫伤 烫到 开水 热水 热汤
误吞 误食 吞异物 吞了 吃进去 乱吃东西
噎呛 噎住 卡住 呛到 呛咳 卡喉 异物卡喉 海姆立克 窒息
纽扣电池 电池 磁力珠 磁铁
插座 电源 插座保护盖 防触电 电线
安全座椅 儿童座椅 汽车座椅 坐车 乘车 儿童安全座椅
推车 婴儿车 童车 手推车
保湿霜 润肤霜 润肤露 面霜 保湿 润肤
激素 激素药膏 药膏 外用激素
洗澡 洗浴 沐浴 泡澡 沐浴露
脱水 缺水 口干 尿少
口服补液盐 补液盐 补液 电解质水 ors
呕吐 吐奶 想吐 反胃 吐了
便秘 拉不出 大便干 大便硬
大便 便便 粑粑 拉屎 臭臭
小便 尿尿 撒尿 排尿 尿湿
咳嗽 干咳 一直咳
感冒 着凉 流鼻涕 鼻塞 上呼吸道感染
抽搐 惊厥 抽风 高热惊厥
看医生 就医 去医院 看病 就诊 急诊 看急诊
急救电话 急救 救护车 叫救护车
过敏 过敏反应 食物过敏 过敏体质
肿胀 嘴唇肿 面部肿胀 红肿
分离焦虑 入托哭闹 不愿上托 入园焦虑 哭着不去
入托 上托儿所 送托 入园 上幼儿园 去托育 入托适应 适应
保育人员 保育员 老师 育婴员 托育老师 阿姨
备案 登记 备案回执 备案信息 资质 正规 有证 合法
投诉 举报 投诉举报 反映问题 维权 12345
虐待 打孩子 体罚 虐童
监控 视频监控 摄像头 录像
收费 费用 学费 价格 多少钱 托费 预收费 收多少钱
退费 退钱 退款 退费条款
普惠 普惠性 普惠托育 平价托育
全日托 全天 全托 整天 全日制
半日托 半天 半日 半托
计时托 按小时 小时托 钟点托 计时
临时托 临时 短期托 应急托 偶尔托
产假 生育假 生孩子假期 休产假
陪产假 护理假 陪产护理假 男方护理假 爸爸假
育儿假 带娃假 育儿假期
补贴 育儿补贴 补助 津贴 生育补贴
政策 政策文件 文件 规定 实施方案 实施意见
照护 照顾 照料 看护 带孩子 带娃 照护服务 托育服务
托位 名额 学位 空位 有托位 有空位
家庭托育点 家庭托育 小家托育点 家庭式托育 家庭托儿所
用人单位 单位托育 企业托育 职工托育 单位办托
社区 小区 社区托育 居住区
保姆 育儿嫂 月嫂
安全睡眠 睡眠安全 睡觉安全
婴儿床 小床 床围 护栏
奶瓶 奶嘴 用奶瓶
自主进食 自己吃饭 手抓饭 手指食物 自己吃
咀嚼 吞咽 嚼东西
出牙 长牙 萌出 乳牙 牙齿
补铁 缺铁 贫血 含铁
加盐 调味品 放盐 酱油 加糖
奶水不足 奶不够 吃不饱 吃饱 奶量
亲子活动 亲子 家长课堂 讲座 育儿讲座 课程 活动
报名 预约 怎么报名
新生儿 刚出生 满月 小月龄 月子
早产 早产儿
方言 普通话 双语
哭闹 哭个不停 闹觉 一直哭 哭
呼吸困难 喘不上气 气促 呼吸急促 呼吸暂停
精神差 没精神 嗜睡 叫不醒 精神状态
用药 吃药 喂药 药物
酒精擦浴 物理降温 温水擦浴 捂汗
穿衣 穿多少 穿衣服 包裹 穿太多
预防 防止 避免 预防措施
床上 床边 床铺
"""


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("website", "SynonymGroup")
    if SynonymGroup.objects.exists():
        return
    SynonymGroup.objects.bulk_create(
        SynonymGroup(words="、".join(line.split())) for line in GROUPS.strip().splitlines() if line.strip()
    )


def unseed(apps, schema_editor):
    apps.get_model("website", "SynonymGroup").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0002_synonymgroup"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
