"""PROJECT layer: the phenomena of real reports, and amounts linked to projects."""

import pytest

import govextract


def projects(text):
    return [e.text for e in govextract.extract(text) if e.label == "PROJECT"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("今年要办好10件民生实事\n\n★ 医疗资源提升工程 ★\n\n投资6000万元，采购设备。", ["医疗资源提升工程"]),
        ("投资10亿元的上海电气风电装备制造产业园进展顺利。", ["上海电气风电装备制造产业园"]),
        ("投資(zī)2.1億元的敖東化學原料藥和中藥飲片項(xiàng)目廠房主體建成。", ["敖東化學原料藥和中藥飲片項(xiàng)目"]),
        ("大力推进中农吉牧10万头肉牛产业园、启元泰富良种肉牛科学繁育中心项目建设。",
         ["中农吉牧10万头肉牛产业园", "启元泰富良种肉牛科学繁育中心项目"]),
        ("萬華綠色工業化定制家居產業集群、河南金馬20萬噸/年銅冶煉暨精深加工等超10億級的產業項目簽約。",
         ["萬華綠色工業化定制家居產業集群", "河南金馬20萬噸/年銅冶煉暨精深加工"]),
        ("30MW生物質熱電聯產項目并網發電。", ["30MW生物質熱電聯產項目"]),
        ("传化物流“公路港”项目投产达效，实现产值50亿元。", ["传化物流“公路港”项目"]),
        ("推动山城现代物流产业园建成运营，规划建设海龙物流产业园。", ["山城现代物流产业园", "海龙物流产业园"]),
        ("梅河口高新区医药健康产业园（一期）项目开工。", ["梅河口高新区医药健康产业园（一期）项目"]),
        ("总投资12亿元华兴新材料项目开工建设。", ["华兴新材料项目"]),
        ("投入800万元完成了西河防洪堤三期工程。", ["西河防洪堤三期工程"]),
        ("去年建成了东岭水厂扩建工程。", ["东岭水厂扩建工程"]),
        ("（2）完成南山大道一期工程。", ["南山大道一期工程"]),
        ("项目涵盖长丰新材料产业园和南坡电子产业园。", ["长丰新材料产业园", "南坡电子产业园"]),
    ],
)
def test_project_names(text, expected):
    assert projects(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "紧盯重点项目建设关键环节。", "全年实施投资500万元以上项目263个。", "推进城建重点工程。",
        "实施乡村建设行动。", "全面实施“十百千万”工程。", "争创国家区域医疗中心。", "新建农村公路180公里。",
        "完善农田水利设施项目11个。", "打造更具核心竞争力和市场影响力的百亿级产业集群。",
        "加快七大产业园区建设。", "实施城乡污水治理四大工程。", "完成其他饮水工程。", "推进全县重点水利工程项目。",
        "实施好十项骨干工程和200余项子工程。", "推进国家和省市政策性投资项目。", "加强基础设施项目建设。",
    ],
)
def test_generic_mentions_are_not_projects(text):
    assert projects(text) == []


def test_zhuanlan_list_items_across_line_breaks():
    text = ("专栏6 医药健康项目\n糖尿病药物产业基地、四环制药固体制剂项目、吉林天衡英睿制药有限公司制剂\n\n"
            "车间建设项目、医用冷敷贴项目\n\n2. 打造东北地区食品深加工产业基地\n\n构建功能完善的食品产业发展格局。")
    assert projects(text) == ["糖尿病药物产业基地", "四环制药固体制剂项目", "吉林天衡英睿制药有限公司制剂\n\n车间建设项目",
                              "医用冷敷贴项目"]


def test_list_category_labels_and_titles_are_not_projects():
    text = "专栏5 基础设施投资\n\n能源项目：国能梅河口天然气项目、通化北方石油项目、大水网工程\n\n电力工程建设：新区配电网工程"
    assert projects(text) == ["国能梅河口天然气项目", "通化北方石油项目", "大水网工程", "新区配电网工程"]


def test_enumeration_closed_by_deng():
    text = "中辉牧业、鼎牛牧业等肉牛养殖项目投入运营。"
    assert projects(text) == ["中辉牧业", "鼎牛牧业"]


def test_alias_in_brackets_is_its_own_span():
    text = "专栏6 医药健康项目\n智能光电医疗器械产业基地（智能光电医疗科技产业园）、医用冷敷贴项目\n"
    assert projects(text) == ["智能光电医疗器械产业基地", "智能光电医疗科技产业园", "医用冷敷贴项目"]


def test_amounts_are_linked_within_the_clause():
    entities = govextract.extract("投資10億元的上海電氣風電裝備制造產業園進展順利，大唐風光一體化項目115萬千瓦全容量運行。")
    by_text = {e.text: e for e in entities}
    park = by_text["上海電氣風電裝備制造產業園"]
    money = by_text["10億元"]
    assert park.amounts == [(money.start, money.end)]
    wind = by_text["大唐風光一體化項目"]
    capacity = by_text["115萬千瓦"]
    assert wind.amounts == [(capacity.start, capacity.end)]
    assert park.to_dict()["amounts"] == [[money.start, money.end]]


def test_traditional_and_pinyin_versions_of_a_report_give_the_same_spans(gold_texts):
    """Convert a Simplified report to Traditional and sprinkle scraper pinyin into it: the
    same spans must come out, at the shifted raw offsets."""
    import random
    import re

    import opencc

    from govextract.normalize import normalize_chars

    text = gold_texts["002_13d572a342c534f4"]
    traditional = opencc.OpenCC("s2t").convert(text)
    assert len(traditional) == len(text)
    rng = random.Random(7)
    noisy = "".join(c + ("(xiàng)" if "\u4e00" <= c <= "\u9fff" and rng.random() < 0.05 else "") for c in traditional)

    def spans(t):
        return [(e.label, re.sub(r"\(xiàng\)|\s", "", normalize_chars(e.text))) for e in govextract.extract(t)]

    assert spans(noisy) == spans(traditional) == [(label, re.sub(r"\s", "", normalize_chars(s))) for label, s in spans(text)]


def test_coordinated_names_share_one_head_noun():
    text = "推进东坪、西沟农村饮水管网延伸工程，建设白石、青山水电站，加固东湖、西岭、南坪水库，东港电厂、西湾电厂扩建。"
    assert projects(text) == ["东坪、西沟农村饮水管网延伸工程", "白石、青山水电站", "东湖、西岭、南坪水库", "东港电厂", "西湾电厂"]


def test_enumeration_before_a_class_of_works_gives_bare_names():
    assert projects("龙潭、石门等大型水电站开工。") == ["龙潭", "石门"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # A class of physical works after 等, or works verbs with no class: the items are undertakings.
        ("扎实推进雄安至忻州、集宁至大同等高铁建设。", ["雄安至忻州", "集宁至大同"]),
        ("加快青石、向桥、刘河等一批乡镇卫生院改扩建。", ["青石", "向桥", "刘河"]),
        # Before a class of projects, short items are owners' names; categories open with generic words.
        ("长丰科技、三元发达等16个项目开工建设。", ["长丰科技", "三元发达"]),
        ("谋划引进一批现代生物化工、绿色糠醛等项目。", []),
        # Work done on a named facility is left out of its name.
        ("加快南平新机场、东山机场二期扩建等建设。", ["南平新机场", "东山机场二期"]),
        # 高等 and 等级 hold the character without closing an enumeration.
        ("推动师大分院升格为高等专科学校。", []),
        # A facility noun inside a longer word after 等 is no class of works.
        ("集中连片流转小杨乡、山城镇等海龙水库流域内水田。", []),
    ],
)
def test_enumerations_in_running_prose(text, expected):
    assert projects(text) == expected


def test_a_section_after_the_head_noun_belongs_to_the_name():
    assert projects("包茂高速茂名段建成通车，推进省道四杨公路叶赫至杨木林段建设。") == [
        "包茂高速茂名段", "省道四杨公路叶赫至杨木林段"]


def test_items_of_a_list_numbered_with_brackets():
    text = "今年办好以下实事：\n(1)开工新建西环路，改造提升新城路、像山路。\n(2)建成城东小学、第五幼儿园。"
    assert projects(text) == ["西环路", "新城路", "像山路", "城东小学", "第五幼儿园"]


def test_the_class_closing_an_enumeration_is_not_a_project():
    text = "东湖观邸、华庭世家等一批公建、商住和旅游配套项目建成投用。"
    assert projects(text) == ["东湖观邸", "华庭世家"]


def test_lines_numbered_with_a_dot_are_a_list_but_goals_in_them_are_not_projects():
    text = "民生实事：\n3.开工建设南湖大道、第二实验小学。\n4. 打造区域商贸物流中心。\n5. 建设智能化校园。"
    assert projects(text) == ["南湖大道", "第二实验小学"]


def test_full_names_joined_by_a_coordinator_in_a_list_are_separate():
    text = "今年实事：\n(1)改造四贤路、桐柏大道和平洑路城区段。"
    assert projects(text) == ["四贤路", "桐柏大道", "平洑路城区段"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Descriptions before a name: superlatives, works in the description, an investment.
        ("东丰能源建成全省首个天然气储气调峰项目。", ["天然气储气调峰项目"]),
        ("北辰材料建成全球最大的正极材料生产基地。", ["正极材料生产基地"]),
        ("投资10亿元的香氛产业园开工建设。", ["香氛产业园"]),
        # Dates open a name or end a clause; after a place they belong to the title (P26).
        ("二、2025年农村饮水维修养护工程\n", ["农村饮水维修养护工程"]),
        ("实施洋川县2024年老旧小区改造项目。", ["洋川县2024年老旧小区改造项目"]),
        # Designations, counted and batched classes are not projects.
        ("成功获批全省唯一国家现代农业产业园。", []),
        ("推出了新一轮20项民心工程。", []),
        ("布局实施一批综合能源服务示范项目。", []),
        # Works listed before a shared 工程 form one span.
        ("抓好南湖机场三期扩建、北岭机场迁建工程。", ["南湖机场三期扩建、北岭机场迁建工程"]),
    ],
)
def test_descriptions_dates_classes_and_shared_works(text, expected):
    assert projects(text) == expected


def test_a_later_mention_of_a_named_project_is_a_project_again():
    text = "开工建设长丰新材料产业园项目。长丰新材料产业园项目用工需求旺盛。"
    assert [(e.start, e.text) for e in govextract.extract(text) if e.label == "PROJECT"] == [
        (4, "长丰新材料产业园项目"), (15, "长丰新材料产业园项目")]
    # Glued to a preceding word, the string is part of another name.
    assert projects("开工建设长丰新材料产业园项目。新长丰新材料产业园项目用工需求旺盛。") == ["长丰新材料产业园项目"]


def test_a_semicolon_list_after_a_title_is_a_list_of_undertakings():
    text = "今年民生实事项目包括：新建城东实验小学；改扩建市中医医院；新增停车泊位300个；新建健民路；完成10座桥梁维修。"
    assert projects(text) == ["城东实验小学", "市中医医院", "健民路"]
    # Without a title naming undertakings the same sentence is prose.
    assert projects("主要做法：新建城东实验小学；改扩建市中医医院；新增停车泊位300个；新建健民路。") == []


def test_list_items_lose_remarks_and_trailing_works_and_keep_quoted_titles():
    text = ("今年民生实事项目包括：新建北塘街道安康园工程(骨灰堂)；新东门桥拆除重建；继续实施“五好乡村路”工程；"
            "实施困难家庭“暖心安居工程”；新改扩建12所公办幼儿园。")
    assert projects(text) == ["北塘街道安康园工程", "新东门桥", "“五好乡村路”工程", "困难家庭“暖心安居工程”"]


def test_lines_numbered_with_a_full_stop_are_a_list():
    text = "为民办实事项目如下：\n1。 实施城区“清水入户工程”；\n2。新建10座村级文化活动室；\n3。建成南湖路。"
    assert projects(text) == ["城区“清水入户工程”", "南湖路"]


@pytest.mark.parametrize(
    "text",
    ["加快推进现代水网重点工程。", "截至3月末，四川全省续建重点项目完成投资。", "全力推进集中攻坚项目建设。"],
)
def test_classes_ending_in_a_rank_word_or_scoped_to_a_whole_province_are_not_projects(text):
    assert projects(text) == []


def test_a_closing_quote_or_a_works_verb_after_the_head_noun_ends_the_name():
    text = "规划提到“实施南川枢纽机场改扩建工程”“建设渝东水资源配置工程”。东湖数据中心一期北区项目调试运行。"
    assert projects(text) == ["南川枢纽机场改扩建工程", "渝东水资源配置工程", "东湖数据中心一期北区项目"]
    assert projects("南湖中心城区建设。") == []  # 中心城区: the head noun is part of another word


@pytest.mark.parametrize(
    "text, expected",
    [
        ("推进东榆高铁和西阿铁路改造前期工作。", ["西阿铁路"]),
        ("加快南阳机场改扩建和西州机场新建等项目。", ["西州机场"]),
        ("实施重点垸堤防加固一期、青花水库、大石寨水库等水利项目。", ["青花水库", "大石寨水库"]),
    ],
)
def test_a_full_name_or_a_phase_before_a_coordinator_is_not_part_of_the_next_name(text, expected):
    assert projects(text) == expected


def test_a_numbered_school_before_deng_is_an_item_not_part_of_zhongdeng():
    assert projects("对东营一中、西贤二中等学校实施升级改造。") == ["东营一中", "西贤二中"]
    assert projects("建设中等职业学校。") == []


def test_a_count_after_a_numbered_item_with_a_head_noun_is_left_out():
    text = "今年办好以下实事：\n(1)建成“一乡一场”体育惠民工程12个。\n(2)建成农村生活垃圾处理站5个。"
    assert projects(text) == ["“一乡一场”体育惠民工程"]


def test_ordinal_markers_after_a_list_title_open_list_items():
    text = "十件民生实事包括：一是建设8个农村安全饮水项目。二是建成区文化馆综合楼；建设东湖路小游园和西岭路小游园。"
    assert projects(text) == ["农村安全饮水项目", "区文化馆综合楼", "东湖路小游园", "西岭路小游园"]
    # Without such a title, 一是 only orders the points of an argument.
    assert projects("主要做法：一是建成区文化馆综合楼。二是建设东湖路小游园。") == []


def test_verbs_inside_a_zhuanlan_item_belong_to_the_name():
    text = "专栏8 智慧城市项目\n智慧城管项目、东山市建设工程项目数字化远程监控平台建设项目、智慧供热项目\n"
    assert projects(text) == ["智慧城管项目", "东山市建设工程项目数字化远程监控平台建设项目", "智慧供热项目"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # 等地 closes a list of places; 等产业 a list of industries; 百个 counts projects.
        ("大兴国际机场、天津城区等地的铁路枢纽加快建设。", []),
        ("开工的重点项目中，装备制造、冶金新材料、精细化工等产业项目占比较大。", []),
        ("启动南安百个项目建设。", []),
        ("积极推进重大水利工程开工建设。", []),
        ("对于完善区域高速公路网络、提升通道能力等具有重要作用的项目加快推进。", []),
        # Irrigation districts and pipelines are physical classes after 等.
        ("东港、凌海、营口、灯塔等4座大型灌区完成改造。", ["东港", "凌海", "营口", "灯塔"]),
        # An investment, an adverb or a clause opener around the name.
        ("其中，兴泉铁路泉州段总投资153亿元。", ["兴泉铁路泉州段"]),
        ("京唐铁路、津兴铁路都已进入关键阶段。", ["京唐铁路", "津兴铁路"]),
        ("随着青海引大济湟西干渠灌区工程24日开工建设，", ["青海引大济湟西干渠灌区工程"]),
        ("上半年实现高速公路通车总里程突破1万公里。", []),
    ],
)
def test_places_industries_aims_and_progress_around_names(text, expected):
    assert projects(text) == expected


def test_names_listed_after_a_title_ending_in_fenbieshi():
    text = "今年开工的6项工程分别是甘肃红山水库加高扩建、黑河黄寺水利枢纽、云南石滩水库灌区、安徽江山水库等。"
    assert projects(text) == ["甘肃红山水库", "黑河黄寺水利枢纽", "云南石滩水库灌区", "安徽江山水库"]


def test_a_dash_bullet_line_names_its_item_in_the_first_sentence():
    text = "这十大工程是：\n——重庆至怀化铁路（渝怀线）。\n——青海钾肥工程。建成后年产钾肥100万吨。\n"
    assert projects(text) == ["重庆至怀化铁路", "青海钾肥工程"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("恒一锂能项目一期4个月时间建成投产。", ["恒一锂能项目一期"]),  # 4个月: a duration, not a count
        ("预计全年市场主体达到2万户。", []),  # 市场主体: the head noun opens another word
        ("建设标准化藤椒基地2000亩。", []),  # a planted area, not a facility
        ("十件实事：\n8.建成投用瓦屋山环湖水厂(一期)。", ["瓦屋山环湖水厂(一期)"]),
        ("打通九龙山路、翠华山路等断头路。", ["九龙山路", "翠华山路"]),
        ("奥克斯空调、华旺新材料等一批重大项目加速建设。", ["奥克斯空调", "华旺新材料"]),
        ("完成洞和路、梓园路等支路街巷改造。", ["洞和路", "梓园路"]),
        ("今年民生实事项目包括：改扩建丹阳市精神病院；新建市第一福利院；新增停车泊位300个；新建健民路。",
         ["丹阳市精神病院", "市第一福利院", "健民路"]),
    ],
)
def test_durations_planted_areas_openers_and_facility_endings(text, expected):
    assert projects(text) == expected


@pytest.mark.parametrize(
    "text", ["加快城际铁路建设。", "推进小微水利工程建设。", "计划新改建普通公路1万公里。", "确保建成通车高速公路500公里。"],
)
def test_classes_of_works_after_time_and_plan_words_are_not_projects(text):
    assert projects(text) == []


def test_time_words_before_a_name_are_left_out():
    assert projects("计划年内成昆铁路扩能改造竣工。目前二期工程前期准备就绪。") == ["成昆铁路"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # A closing head noun ends the name whatever follows; a later head in the clause takes over.
        ("东岭水库工程下闸蓄水，等待竣工验收。", ["东岭水库工程"]),
        ("南河水库灌区工程所涉及的水源工程已完成。", ["南河水库灌区工程"]),
        ("青山水库工程6条隧洞贯通5条。", ["青山水库工程"]),
        # ... but not where another noun continues the head (工程机械, 工程师).
        ("推动北方工程机械产业升级。", []),
        # A count closing the clause still makes a class (P20); one followed by a noun does not.
        ("完善农田水利设施项目11个。", []),
        # A generic class named before a name describes it.
        ("全省首个超百亿元水利工程白河水库开工。", ["白河水库"]),
    ],
)
def test_closing_heads_end_a_name_whatever_follows(text, expected):
    assert projects(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Visits and ceremonies in project news: the verb before the name is no part of it.
        ("市长一行先后来到东江新材料产业园、南坪电子产业园。", ["东江新材料产业园", "南坪电子产业园"]),
        ("开工仪式主会场设在北湖智能制造产业园项目现场。", ["北湖智能制造产业园项目"]),
        ("详细了解项目推进情况，现场协调解决项目建设中的困难。", []),
        # 一是…四是 open the items of a list of achievements.
        ("四是市生活垃圾发电厂建成投用。", ["市生活垃圾发电厂"]),
        # 第三条 is an ordinal, not a count of lines.
        ("鑫达再生铅第三条生产线项目开工。", ["鑫达再生铅第三条生产线项目"]),
    ],
)
def test_verbs_of_news_reports_and_ordinals_stay_outside_names(text, expected):
    assert projects(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Names, a count and a shared class: each name is a PROJECT (P19), as with 等.
        ("加快推进东河、西岭、石屏和保山坝4个大型灌区建设。", ["东河", "西岭", "石屏", "保山坝"]),
        ("新增永善、双江、江城5个县高速公路通车。", []),  # the count is of counties
        # Coordinated bare names inside one item before a class of physical works are separate.
        ("南秦河公园、九鱼公园及七巧马莲等一批休闲公园建成开放。", ["南秦河公园", "九鱼公园", "七巧马莲"]),
        # A class of works named by generic words is no name, even with a head noun.
        ("加快实施病险水库除险加固、中小河流综合治理等重点水利工程。", []),
        # Fields and industries closing an enumeration: the items are categories.
        ("抓好5G基站、特高压、新能源汽车充电桩等7大领域新型基础设施项目建设。", []),
    ],
)
def test_enumerations_closed_by_a_count_and_their_coordinated_items(text, expected):
    assert projects(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # The network of a place is no project: 铁路运营里程, 高速公路通车里程.
        ("全省铁路运营里程4981公里，高速公路通车里程突破9000公里。", []),
        # A role for a place (P16): 自由贸易港, 国际航运中心.
        ("海南自由贸易港建设项目集中开工。", []),
        # A full name, then a generic part after 及: one name.
        ("安排东山第四资源热力电厂二期工程及配套设施项目0.8亿元。", ["东山第四资源热力电厂二期工程及配套设施项目"]),
        # Budget lines: the verb before the name is cut.
        ("主要用于安排南岭至北海铁路（南岭段）。", ["南岭至北海铁路（南岭段）"]),
        # Industries closing an enumeration before a class that is not of projects.
        ("形成新一代信息技术、汽车和机械装备制造等4个千亿级产业集群。", []),
        # ... but parks of an industry are parks.
        ("打造东山海洋生物科技园等海洋产业园区。", ["东山海洋生物科技园"]),
        # Ways of doing, not undertakings.
        ("支持企业采取自建、共建、并购等方式建设研究院。", []),
    ],
)
def test_networks_roles_budget_lines_and_industries(text, expected):
    assert projects(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A name picked out of a class (…重点工程中) starts after 中.
        ("33个重点工程中东海大道、港城路北延等20个项目已复工。", ["东海大道", "港城路北延"]),
        # 暨 opening a name joins two events, not two names.
        ("重大项目开工暨北湾热电联产项目开工仪式举行。", ["北湾热电联产项目"]),
        # Work after a quoted title is left out (P9).
        ("东山大道、“四好农村路”提升改造等15个项目已复工。", ["东山大道", "“四好农村路”"]),
        # A weak head followed by progress (加快建设) is works.
        ("国际氢能产业示范基地加快建设。", ["国际氢能产业示范基地"]),
        # Parks and hotels before 等 + their class.
        ("南山花园、东岭酒店、丹江源等一批高品质酒店建成开业。", ["南山花园", "东岭酒店", "丹江源"]),
        # The count after 的 counts another thing: no enumeration.
        ("先后观摩了金乡、嘉祥、汶上5个县的15个项目。", []),
        # A slogan to be made (打造…样板工程) is no project.
        ("打造乡村振兴样板工程。", []),
    ],
)
def test_members_of_classes_joined_events_and_progress_after_weak_heads(text, expected):
    assert projects(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("今年上半年，云南省重点水利项目建设加速推进。", []),  # a place's class of projects
        ("12月底前主体工程基本完工。", []),  # 底前: a date, then a generic part
        ("东兰、巴马结束了不通高速公路的历史。", []),
        ("包括棚户区、老旧小区、背街小巷、地下管网改造等“四改”项目。", []),
        ("水富-昭通、陆良支线一期、龙陵、施甸等6条天然气支线即将投入使用。",
         ["水富-昭通", "陆良支线一期", "龙陵", "施甸"]),
    ],
)
def test_scoped_classes_dates_and_bare_activities_in_lists(text, expected):
    assert projects(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("这些项目的开工建设，集中展示了天祝县项目推进的良好态势。", []),  # a county's projects
        ("龙羊峡水光互补发电站荣获吉尼斯世界纪录认证。", []),  # an existing facility winning a title
        ("西藏铁路建设公司数据显示，拉林铁路进展顺利。", ["拉林铁路"]),  # a company, then a railway
        ("加大对保障性安居工程的投资。", []),  # 保障性 is no verb
        ("生态环保、对外开放及公共服务项目完成投资171.7亿元。", []),
        ("麻栗坝灌区工程所涉及的3座水源工程已基本建设完成。", ["麻栗坝灌区工程"]),
    ],
)
def test_places_titles_companies_and_sector_classes(text, expected):
    assert projects(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("虹石新材料、中化工程塑料等项目新竣工。", ["虹石新材料", "中化工程塑料"]),
        ("建设1000亩的伞业产业园。", ["伞业产业园"]),  # an area described before the name
        ("省重点长城汽车核心零部件项目有序推进。", ["长城汽车核心零部件项目"]),
        ("成功创建省级茶叶现代农业产业园。", []),  # a title to win, with a rank word between
        ("启动城东东方红小学和幼儿园、花桥第二小学等10所学校建设。", ["城东东方红小学和幼儿园", "花桥第二小学"]),
    ],
)
def test_progress_after_classes_described_areas_and_ranks(text, expected):
    assert projects(text) == expected


def test_only_later_mentions_of_a_named_project_are_found_again():
    # P17: the first mention does not qualify by itself (a title to win); the list item does.
    text = "争创省级特色产品优势区和果仁现代农业产业园。\n\n专栏9 现代农业项目\n东湖水库、果仁现代农业产业园\n\n果仁现代农业产业园建成投产。"
    found = [e for e in govextract.extract(text) if e.label == "PROJECT"]
    assert [e.start for e in found if e.text == "果仁现代农业产业园"] == [text.index("果仁现代农业产业园", 30),
                                                                         text.rindex("果仁现代农业产业园")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("牛河梁红山文化研究中心初步投入使用。", ["牛河梁红山文化研究中心"]),  # an adverb before progress
        ("威胜功能性纳米材料、玉桥铜制品等盘活重组项目深入推进。", ["威胜功能性纳米材料", "玉桥铜制品"]),
        ("锦凌水库周边环境整治任务全部完成。", []),  # the reservoir's surroundings
        ("预计9月底完成厂房主体工程。", []),
        ("敦化市牢牢扭住项目建设这个牛鼻子。", []),
    ],
)
def test_progress_adverbs_surroundings_and_abstract_projects(text, expected):
    assert projects(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # P19: names, a count, a shared class: one PROJECT each.
        ("洮府富硒蔬菜、萬寶粉條、福順大米3個產業園。", ["洮府富硒蔬菜", "萬寶粉條", "福順大米"]),
        # P19: without a count, names sharing one head form one span, works inside included.
        ("瓦房鎮、那金鎮衛生院原址新建和永康社區衛生服務中心建設項目。",
         ["瓦房鎮、那金鎮衛生院原址新建和永康社區衛生服務中心建設項目"]),
        # P18: every 等 of a sentence closes its own enumeration.
        ("新建府東街等街路3條、改造民強路等街路7條。", ["府東街", "民強路"]),
        ("新建錦湖公園、興安北街2處水沖公廁。", []),  # P18: places where another facility is built
    ],
)
def test_guideline_examples_of_enumerations(text, expected):
    assert projects(text) == expected


def test_an_existing_place_used_as_a_base_is_not_a_project():
    assert projects("以新三达膜科技产业园为依托，逐步整合原材料生产。") == []  # P16
    assert projects("新三达膜科技产业园建成投产。") == ["新三达膜科技产业园"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“浦北陈皮产业园集精深加工、仓储物流于一体。”", ["浦北陈皮产业园"]),  # a quote opened before the name
        ("聚力建设“两城三区四基地”。", []),  # a quoted slogan stays out
        ("开江至梁平高速公路项目土建整体形象进度完成99%。", ["开江至梁平高速公路项目"]),
    ],
)
def test_quotes_opened_before_a_name_and_works_after_it(text, expected):
    assert projects(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("集中开工现场会在哈尔滨新区新材料产业园举行。", []),  # a park hosting an event
        ("入驻新经济产业园企业达140家。", []),
    ],
)
def test_parks_hosting_events_or_firms_are_places(text, expected):
    assert projects(text) == expected


def test_owners_listed_before_deng_and_progress_are_projects():
    text = "江右制药、津山口福、雅洁新材等有序推进，站成智造、优耐新材等建成投产。"
    assert projects(text) == ["江右制药", "津山口福", "雅洁新材", "站成智造", "优耐新材"]
    assert projects("加快金钢钢铁升级改造项目选址、产能置换等前期工作。") == ["金钢钢铁升级改造项目"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("完成门诊综合楼项目一期工程，启动二期工程建设。", ["门诊综合楼项目一期工程"]),  # a bare phase
        ("天易轨道交通配套产业园被列为全市首批示范园区。", []),  # a park given a title
        ("谋划中央预算内项目29个。", []),
    ],
)
def test_bare_phases_titles_given_and_budget_classes(text, expected):
    assert projects(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("协同推进城南新区和东山飞地产业园区建设。", ["东山飞地产业园区"]),  # a new district, then a park
        ("上汽大众售后备件中心成功落地。", ["上汽大众售后备件中心"]),
        ("福州现代物流城、可门园区等重大项目接续落地。", ["福州现代物流城", "可门园区"]),
        ("(6)2023年启动7793户老旧小区改造。", []),  # a count of homes: a class
    ],
)
def test_districts_before_a_coordinator_and_landing_projects(text, expected):
    assert projects(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("深入实施黑土地战略性保护工程，以梅河口市为试点。", []),  # a programme carried on (P21)
        ("有效实施养老机构提升改造工程。", []),
        ("实施城市路灯节能亮化改造工程。", ["城市路灯节能亮化改造工程"]),  # works, without the programme verb
        ("千亿级台州湾新材料产业园基础工程破土动工。", ["台州湾新材料产业园基础工程"]),  # a scale descriptor (P15)
        # conjuncts of one shape share the head (P19), a conjunct with its own head does not
        ("推进四平电厂35万千瓦、双辽电厂66万千瓦项目建设。", ["四平电厂35万千瓦、双辽电厂66万千瓦项目"]),
        ("筹建燕国古城、叶赫古城保护开发项目。", ["燕国古城、叶赫古城保护开发项目"]),
        ("长沙比亚迪新能源汽车生产基地、湘潭吉利新能源汽车生产基地项目等开工。",
         ["长沙比亚迪新能源汽车生产基地", "湘潭吉利新能源汽车生产基地项目"]),
        # a generic class of projects before a name is a description (P30), also when it picks a member
        ("2024年省重点项目豫港(临颍)食品产业园正式开工建设。", ["豫港(临颍)食品产业园"]),
        ("22个重大产业项目中梅河物流园、嘉钢精密等14个项目开工。", ["梅河物流园", "嘉钢精密"]),
        ("领导来到贝因美年产2500吨婴幼儿配方奶粉项目现场。", ["贝因美年产2500吨婴幼儿配方奶粉项目"]),  # 现场 follows a name
        ("本报讯 记者袁小峰报道 项目是稳定经济增长的压舱石。", []),  # a byline is no name
        ("开工建设维也纳酒店门前、龙泉街与兴华路交叉口等10个口袋公园。", []),  # where works are (P18)
        ("牡丹江市、黑河市等其余10个地市项目建设加快。", []),  # places before a class of projects
        ("谋划实施总投资33.75亿元的黑金小镇、百纳溪乡村超市等项目。", ["黑金小镇", "百纳溪乡村超市"]),
        ("“目前110千伏变电站已经投产。", ["110千伏变电站"]),  # a leading word after an opening quote
        ("湘潭天易轨道交通配套产业园、食品医药产业园被列为全市首批示范园区。", []),  # a shared title
        ("二季度还将开复工中石化80万吨煤制烯烃等项目66个。", ["中石化80万吨煤制烯烃"]),
        ("统筹实施一批基础设施、节能建筑、清洁能源等重点项目。", []),  # kinds of projects after 一批
        ("推动旅游公路、崖壁美化、木栈道贯通等项目建设。", []),  # works, not names
        ("引进一批中辉牧业、鼎牛牧业等肉牛养殖项目。", ["中辉牧业", "鼎牛牧业"]),  # owners' names stay
        ("旗电商服务中心和物流仓储分拣中心完成升级改造。", ["旗电商服务中心", "物流仓储分拣中心"]),
        ("正进行设备调试、达利短保食品项目即将竣工。", ["达利短保食品项目"]),  # a predicate is no conjunct
        # a weak head after generic words and at most two more characters names a kind of facility (P37)
        ("加快四平优品馆、特色电商基地建设。", []),
        ("加快建设城区商业中心。", []),
        ("加快建设东北农产品集散交易中心。", ["东北农产品集散交易中心"]),
        ("做好富宁港、东川港建设。", ["富宁港", "东川港"]),  # a port's place name is short
    ],
)
def test_programmes_scale_descriptors_and_conjuncts_of_one_shape(text, expected):
    assert projects(text) == expected


def test_rows_of_a_numbered_plan_table_name_their_projects():
    table = ("2021年重大建设项目计划\n序号 项目名称 备注\n"
             "1 上海光源二期 在建\n"
             "2 上海集成电路产业研发与转化功能型平台 建成\n"
             "3 上海硬X射线自由电子激光装置项目 在建\n"
             "4 中船长兴造船基地二期 在建\n"
             "5 华域汽车技术研发中心 在建\n")
    # a long row does not run on into the next one, and no name takes the row number
    assert projects(table) == ["上海集成电路产业研发与转化功能型平台", "上海硬X射线自由电子激光装置项目",
                               "中船长兴造船基地二期", "华域汽车技术研发中心"]
    # two numbered lines make no table: the weak head 中心 then needs works or progress
    assert projects("1 华域汽车技术研发中心 在建\n2 上海光源二期 在建\n") == []
