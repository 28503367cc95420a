"""Values of a case file in the words a clinician reads them: a time in weeks as it is said
("4 years", not "208.7 weeks"), and a choice as it is written ("sub-Saharan Africa" for
sub_saharan_africa, "European" for european, "ELANE" for elane); for the reasons the rules
give and everything the interview, study and reports show."""

from __future__ import annotations

WEEKS_PER_MONTH = 365.25 / 12 / 7
WEEKS_PER_YEAR = 365.25 / 7


def weeks_in_words(weeks: float) -> str:
    """Days under two weeks (but "1 week"), weeks under three months, months under two years, then years;
    rounded to the unit (to half a week under ten weeks), as a clinician would say it."""
    if weeks < 2 and weeks != 1:
        return _counted(round(weeks * 7), "day")
    if weeks < 13:
        return _counted(round(weeks * 2) / 2 if weeks < 10 else round(weeks), "week")
    if weeks < 104:
        return _counted(round(weeks / WEEKS_PER_MONTH), "month")
    return _counted(round(weeks / WEEKS_PER_YEAR), "year")


def _counted(number: float, unit: str) -> str:
    shown = f"{number:g}"
    return f"{shown} {unit}" + ("" if number == 1 else "s")

CHOICE_WORDS = {
    # regions (travel_region, home_region) and ancestries
    "sub_saharan_africa": "sub-Saharan Africa", "south_asia": "South Asia",
    "southeast_asia": "South-East Asia",
    "latin_america_caribbean": "Latin America or the Caribbean",
    "mediterranean_middle_east": "Mediterranean or Middle East",
    "balkans_eastern_europe": "Balkans or Eastern Europe", "east_asia": "East Asia",
    "north_america": "North America",
    "african": "African", "middle_eastern": "Middle Eastern", "european": "European",
    "east_asian": "East Asian", "south_asian": "South Asian", "hispanic": "Hispanic",
    "duffy_null": "Duffy-null", "duffy_positive": "Duffy-positive",
    # genes are written in capitals
    **{gene: gene.upper() for gene in ("elane", "hax1", "g6pc3", "sbds", "cxcr4", "gata2",
                                       "lyst", "taz", "slc37a4", "jak2", "calr", "mpl")},
    "fanconi_gene": "a Fanconi anaemia gene", "telomere_gene": "a telomere gene",
    # abbreviations and compound words
    "cns": "nervous system (CNS)", "all_defining": "ALL-defining",
    "aml_defining": "AML-defining", "mds_associated": "MDS-associated",
    "leukemia_or_mds": "leukaemia or MDS", "graves": "Graves' disease",
    "gram_negative": "gram-negative", "gram_positive": "gram-positive",
    "non_caseating": "non-caseating", "skin_soft_tissue": "skin and soft tissue",
    "blood_only": "bloodstream only (no focus)", "hairy_cell_phenotype": "hairy-cell phenotype",
    "clonal_t_lgl": "clonal T-LGL cells", "clonal_nk_cells": "clonal NK cells",
    "clonal_b_cells": "clonal B cells", "other_solid": "another solid tumour",
    "toxic_nodular": "toxic nodular goitre", "slapped_cheek": "slapped cheek",
}


def in_words(value: object) -> str:
    """A choice (or other value of a case file) as a reader would write it."""
    text = str(value)
    return CHOICE_WORDS.get(text, text.replace("_", " "))
