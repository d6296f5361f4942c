"""Numeric layer: spans and values for every label, and every exclusion of the spec."""

import pytest

from conftest import spans_of

POSITIVE = [
    # MONEY
    ("投资6000万元，采购设备", ("MONEY", "6000万元", 60_000_000)),
    ("投资1.5亿元，新改建", ("MONEY", "1.5亿元", 150_000_000)),
    ("完成地區生產總值97.7億元", ("MONEY", "97.7億元", 9_770_000_000)),
    ("人均可支配收入12274元", ("MONEY", "12274元", 12274)),
    ("安排资金一千二百万元", ("MONEY", "一千二百万元", 12_000_000)),
    ("利用外资60亿美元", ("MONEY", "60亿美元", 6_000_000_000)),
    ("实施5000万元以上项目", ("MONEY", "5000万元", 50_000_000)),
    ("收入二三.四五億元", ("MONEY", "二三.四五億元", 2_345_000_000)),
    ("投资３００万元", ("MONEY", "３００万元", 3_000_000)),
    ("资金300余万元", ("MONEY", "300余万元", 3_000_000)),
    ("总额1,234万元", ("MONEY", "1,234万元", 12_340_000)),
    ("突破3万\n\n元。", None),  # a short line ending: a real paragraph break, no span
    ("农村居民人均可支配收入大幅提升，突破3万\n\n元。", ("MONEY", "3万\n\n元", 30_000)),
    # PERCENT
    ("增长75%", ("PERCENT", "75%", 75)),
    ("增长75％", ("PERCENT", "75％", 75)),
    ("达到百分之七十", ("PERCENT", "百分之七十", 70)),
    ("提高12个百分点", ("PERCENT", "12个百分点", 12)),
    ("降低5‰", ("PERCENT", "5‰", 5)),
    ("控制在千分之五", ("PERCENT", "千分之五", 5)),
    ("覆盖七成", ("PERCENT", "七成", 70)),
    ("增长 **6%—7%**", ("PERCENT", "6%—7%", [6, 7])),
    ("增长6—7%", ("PERCENT", "6—7%", [6, 7])),
    # AREA
    ("新建高标准农田38.9万亩", ("AREA", "38.9万亩", 389_000)),
    ("面积1.9万平方米", ("AREA", "1.9万平方米", 19_000)),
    ("规划100平方公里", ("AREA", "100平方公里", 100)),
    ("棚膜面积80-100亩", ("AREA", "80-100亩", [80, 100])),
    ("繁育種子3.1萬畝", ("AREA", "3.1萬畝", 31_000)),
    # COUNT
    ("改造老旧小区18个", ("COUNT", "18个", 18)),
    ("惠及居民6700户", ("COUNT", "6700户", 6700)),
    ("改建3所幼儿园", ("COUNT", "3所", 3)),
    ("肉牛养殖量达到 155 万头", ("COUNT", "155 万头", 1_550_000)),
    ("设定 852 名“田长”", ("COUNT", "852 名", 852)),
    ("接待游客2300万人次", ("COUNT", "2300万人次", 23_000_000)),
    ("做好六个方面工作", ("COUNT", "六个", 6)),
    ("年吞吐120万标箱", ("COUNT", "120万标箱", 1_200_000)),
    ("常住人口50万人口", ("COUNT", "50万人", 500_000)),
    ("存栏12.5万头只", ("COUNT", "12.5万头只", 125_000)),
    ("举办300余场", ("COUNT", "300余场", 300)),
    ("吸纳2万余人", ("COUNT", "2万余人", 20_000)),
    ("建成100多个", ("COUNT", "100多个", 100)),
    ("分为三大类", ("COUNT", "三大类", 3)),
    ("建设3至5个", ("COUNT", "3至5个", [3, 5])),
    ("新增1个", ("COUNT", "1个", 1)),
    ("市場主體發展到37619戶", ("COUNT", "37619戶", 37619)),
    ("新增两项", ("COUNT", "两项", 2)),
    # QUANTITY
    ("新改建农村公路180公里", ("QUANTITY", "180公里", 180)),
    ("长1562米", ("QUANTITY", "1562米", 1562)),
    ("粮食产量达到94亿斤", ("QUANTITY", "94亿斤", 9_400_000_000)),
    ("河南金馬20萬噸/年銅冶煉", ("QUANTITY", "20萬噸/年", 200_000)),
    ("装机115万千瓦", ("QUANTITY", "115万千瓦", 1_150_000)),
    ("30MW生物質熱電聯產項目", ("QUANTITY", "30MW", 30)),
    ("建设500千伏变电站", ("QUANTITY", "500千伏", 500)),
    ("蓄水90万立方米", ("QUANTITY", "90万立方米", 900_000)),
    ("能耗67.6万吨标准煤", ("QUANTITY", "67.6万吨标准煤", 676_000)),
    ("推广“梨树模式”种植经验，整治农村“四沟”9570\n公里，创新示范", ("QUANTITY", "9570\n公里", 9570)),
    ("检测4.3万份/日", ("COUNT", "4.3万份/日", 43_000)),
]


@pytest.mark.parametrize("text, expected", POSITIVE)
def test_numeric_spans(nlp, text, expected):
    found = spans_of(nlp, text)
    assert found == ([expected] if expected else [])


def test_pdf_break_inside_number_and_unit(nlp):
    text = "设定 852 名“田长”坚决压实 1022 万\n亩耕地监管责任，粮食产量预计达到94亿斤"
    assert ("AREA", "1022 万\n亩", 10_220_000) in spans_of(nlp, text)


def test_pinyin_annotation_inside_span(nlp):
    text = "投資(zī)3億(yì)元建設(shè)"
    assert spans_of(nlp, text) == [("MONEY", "3億(yì)元", 300_000_000)]


def test_money_rate_keeps_unit(nlp):
    doc_spans = [e.to_dict() for e in __import__("govextract").extract("房价3000元/平方米")]
    assert doc_spans[0]["text"] == "3000元/平方米"
    assert doc_spans[0]["unit"] == "CNY/平方米"


@pytest.mark.parametrize(
    "text, qualifier, span",
    [
        ("增长6%以上", "以上", "6%"),
        ("约97.7億元", "约", "97.7億元"),
        ("超过200亿元", "超过", "200亿元"),
        ("达到70%左右", "达到,左右", "70%"),
        ("累计3万亩", "累计", "3万亩"),
    ],
)
def test_qualifiers_are_attributes_not_span(nlp, text, qualifier, span):
    import govextract

    (entity,) = govextract.extract(text)
    assert entity.text == span
    assert entity.qualifier == qualifier


NEGATIVE = [
    "2022年是关键一年", "3月开工", "4小时内办结", "5分钟便民出行", "三年行动计划", "6个月内完成",
    "3岁以下婴幼儿", "位列全省第7位", "进入全省前十", "排名全省前3名", "（一）突出开放合作", "一是加强领导",
    "1. 打造医药产业", "专栏6 医药健康项目", "医药健康产业园二期", "（一期）项目", "增长2.1倍",
    "三次产业比重调整到8:44:48", "深入落实“三三四四五”战略布局", "紧盯“1351”发展目标", "“两个确立”",
    "实施“十四五”规划", "党的二十大精神", "“4+3”产业发展新格局", "积极布局5G应用", "建成数十个",
    "百亿级产业集群", "亿元以上项目", "百亩以上", "近千人参加", "引进一批项目", "新建一所学校",
    "一套设备", "努力实现两位数增长", "稳步开展二轮承包到期后延包工作", "汽车零部件产业",
    "贯彻中央八项规定精神", "工业4.0项目", "市委九届四次全会", "万元 GDP 用水量",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_exclusions(nlp, text):
    assert spans_of(nlp, text) == []


def test_quote_only_excludes_inside(nlp):
    assert spans_of(nlp, "建成“千村示范”村18个") == [("COUNT", "18个", 18)]


def test_table_cells(nlp):
    row = "\t2\t人均地区生产总值（元）\t50009\t67450\t34.88%\t预期性\n\t17\t用水量\t97.79\t73.34\t-25%\t约束性"
    assert spans_of(nlp, row) == [("PERCENT", "34.88%", 34.88), ("PERCENT", "-25%", -25)]


def test_row_numbers_of_a_table_are_not_counts(nlp):
    # N22: the row number before a name that starts with a classifier character
    rows = "1 上海光源二期 在建\n6 张江复旦国际创新中心 在建\n8 张江实验室研发大楼 在建\n"
    assert spans_of(nlp, rows) == []
    # a count wrapped by a PDF at a line start stays a count
    assert spans_of(nlp, "852 名\n学生参加") == [("COUNT", "852 名", 852)]
    assert spans_of(nlp, "852 名学生参加比赛。") == [("COUNT", "852 名", 852)]


def test_doc_ents_mirror_the_numeric_layer_and_replace_earlier_entities(nlp):
    doc = nlp("投资6000万元，新建学校3所。")
    assert [(e.text, e.label_) for e in doc.ents] == [(s.text, s.label_) for s in doc.spans["numbers"]]
    # A doc that already carries entities gets the numeric layer instead of a mix.
    other = nlp.make_doc("投资6000万元，新建学校3所。")
    other.ents = [other.char_span(8, 10, label="ORG")]
    for _, component in nlp.pipeline:
        other = component(other)
    assert [(e.text, e.label_) for e in other.ents] == [("6000万元", "MONEY"), ("3所", "COUNT")]
    assert other[8].ent_iob_ == "O"
