"""govextract: structured data from Chinese government reports.

>>> import govextract
>>> [(e.label, e.text, e.value) for e in govextract.extract("投资6000万元，改造老旧小区18个")]
[('MONEY', '6000万元', Decimal('60000000')), ('COUNT', '18个', Decimal('18'))]
"""

from .entities import LABELS, NUMERIC_LABELS, Entity, doc_entities, doc_record
from .pipeline import extract, load

__version__ = "0.1.0"
__all__ = ["Entity", "LABELS", "NUMERIC_LABELS", "doc_entities", "doc_record", "extract", "load", "__version__"]
