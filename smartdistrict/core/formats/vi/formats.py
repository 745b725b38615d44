"""Vietnamese numbers are grouped by three: 1.500.000 đ, 17.300 hộ (Django's Vietnamese
formats name "." as the thousands separator but no grouping size, so every grouped
number came out as 1500000). English already groups by three in Django's formats."""

NUMBER_GROUPING = 3
