"""Pregnancy: what a low count means in a pregnant woman (or one just delivered). Pregnancy
raises the white count, the neutrophils most (Abbassi-Ghanavati 2009: about 5,700-13,600/µL
in the first trimester, 5,600-14,800 in the second, 5,600-16,900 in the third), so a count
low by the usual adult limits is lower still against pregnancy's own; its folate needs rise
(the megaloblastic anaemia of pregnancy is folate deficiency first); and aplastic anaemia,
rare as it is, may first show or relapse in pregnancy and can remit after delivery (BSH 2016).
The drugs of pregnancy (folic acid, iron, labetalol, nifedipine, methyldopa, heparins,
antiemetics, propylthiouracil in the first trimester) are in the drug dictionary."""

from __future__ import annotations

from experta import NOT, OR, Rule

from .base import DETAIL, MODERATE_FOR, WEAK_FOR, Conclusions
from .conditions import SEVERAL_LINES, above, number
from .facts import CellLines, Findings, Labs, Medication, Patient, Smear

CHILDBEARING_AGE = number(lambda age: 12 <= age <= 55)


class PregnancyRules(Conclusions):
    """A low count in pregnancy: what pregnancy adds, and what it should not hide."""

    @Rule(Patient(sex="female", age_years=CHILDBEARING_AGE),
          OR(CellLines(pattern=SEVERAL_LINES), Labs(mcv=above(100))))
    def ask_whether_a_woman_of_childbearing_age_is_pregnant(self):
        self.ask("pregnant", DETAIL + 3,
                 "Pregnancy raises the folate a marrow needs, raises the normal white count, "
                 "and is when aplastic anaemia sometimes first shows.")

    @Rule(Findings(pregnant="yes"), CellLines(pattern=SEVERAL_LINES),
          NOT(Medication(generic="folic acid", stopped=False)))
    def several_low_lines_in_pregnancy_without_folic_acid(self):
        self.evidence("folate_deficiency", MODERATE_FOR,
                      "Pregnancy multiplies the folate a marrow needs: without supplements, "
                      "folate deficiency is the commonest cause of a megaloblastic fall in "
                      "several lines in pregnancy (a serum or red-cell folate settles it).",
                      "bsh-b12-folate")

    @Rule(Findings(pregnant="yes"), CellLines(pattern=SEVERAL_LINES),
          OR(Labs(mcv=above(100)), Smear(hypersegmented_neutrophils=True),
             Smear(macro_ovalocytes=True)))
    def megaloblastic_picture_in_pregnancy(self):
        self.evidence("folate_deficiency", MODERATE_FOR,
                      "Large red cells or hypersegmented neutrophils with several low lines in "
                      "pregnancy are the megaloblastic anaemia of pregnancy, folate deficiency "
                      "far more often than B12.", "bsh-b12-folate")

    @Rule(Findings(pregnant="yes"), CellLines(pattern="pancytopenia"),
          NOT(Findings(splenomegaly="yes")), NOT(Labs(mcv=above(100))))
    def pancytopenia_in_pregnancy(self):
        self.evidence("aplastic_anemia", WEAK_FOR,
                      "Aplastic anaemia can first show, or relapse, in pregnancy and may remit "
                      "after delivery; a pancytopenia without large red cells or a big spleen "
                      "in pregnancy needs a marrow, and is managed with transfusion and "
                      "ciclosporin, which pregnancy allows.", "killick-aa-2016")
