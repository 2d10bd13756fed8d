"""A grouping (one dimension, or two crossed) and its groups in the reader's language: 'Raza/etnia × Ingresos',
'Negro o afroamericano · Bajos ingresos'. The English words are those `Grouping` itself gives."""

from equity.model.groups import CROSS, PART, Grouping
from equity.words.labels import dimension_label, group_label


def grouping_name(grouping: Grouping) -> str:
    return CROSS.join(dimension_label(d) for d in grouping.dimensions)


def grouping_group(grouping: Grouping, key: object) -> str:
    """A group's name, both parts of a crossed group ('English learners · Low income'): the one place
    a crossed group is named, for every screen, export and sentence."""
    return PART.join(group_label(d, k) for d, k in zip(grouping.dimensions, grouping.parts(key), strict=True))
