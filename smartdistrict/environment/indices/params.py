"""The platform's parameter keys for VN_WQI and the five groups of Decision 1460/QĐ-TCMT.

The keys are the vocabulary shared by the API, files and tests
(/work/shared/domain/water-air-indices.md); the groups decide how sub-indices combine.
"""

from __future__ import annotations

from typing import Final

TEMPERATURE: Final = "temperature"  # °C, needed to turn DO (mg/L) into % saturation
PH: Final = "pH"
DO: Final = "DO"

GROUP_I: Final = (PH,)
GROUP_II: Final = ("Aldrin", "BHC", "Dieldrin", "DDTs", "Heptachlor & Heptachlorepoxide")
GROUP_III: Final = ("As", "Cd", "Pb", "Cr6+", "Cu", "Zn", "Hg")
GROUP_IV: Final = (DO, "BOD5", "COD", "TOC", "N-NH4", "N-NO3", "N-NO2", "P-PO4")
GROUP_V: Final = ("Coliform", "E.coli")

GROUPS: Final[dict[str, tuple[str, ...]]] = {
    "I": GROUP_I,
    "II": GROUP_II,
    "III": GROUP_III,
    "IV": GROUP_IV,
    "V": GROUP_V,
}
GROUP_OF: Final[dict[str, str]] = {key: code for code, keys in GROUPS.items() for key in keys}

# Every key the WQI functions accept, in a stable order (groups I..V, then temperature).
WQI_KEYS: Final = (*GROUP_I, *GROUP_II, *GROUP_III, *GROUP_IV, *GROUP_V, TEMPERATURE)

# Minimum-data rule of Decision 1460: at least this many groups with data, and group IV
# (mandatory) with at least this many usable parameters.
MIN_GROUPS: Final = 3
MIN_GROUP_IV: Final = 3

# Plausibility bounds that are physical, not regulatory: pH is 0..14, and the DO
# saturation polynomial of Decision 1460 holds for water at 0..50 °C (it turns negative
# far above that, which would make DO % meaningless).
PH_MAX: Final = 14.0
TEMPERATURE_MAX: Final = 50.0
