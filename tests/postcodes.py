"""A few of Barnet's real postcodes with the wards they are in, for tests that need the
postcode directory loaded (the demo does not ship it: src/townhall/core/data/README.md).

Facts from OS Code-Point Open 2025.4.0 (OGL v3: Contains OS data © Crown copyright and
database right 2025; Contains Royal Mail data © Royal Mail copyright and database right 2025;
Contains National Statistics data © Crown copyright and database right 2025). HA8 7DB is in
Harrow, in a postcode district Barnet shares; N10 1JH is Haringey's and SW1A 1AA
Westminster's, in districts with none of Barnet's here.
"""

from townhall.core.models import Borough
from townhall.core.services.postcode_directory import load_postcodes

SAMPLE = """pcds,osward,doterm
EN5 1AB,E05013628,
EN5 4BW,E05013644,
N3 1AB,E05013648,
NW4 4BG,E05013643,
HA8 8EB,E05013637,
HA8 9DJ,E05013630,
N12 0QN,E05013651,
N2 0LN,E05013636,
NW11 0AA,E05013642,
N10 1JH,E05013589,
HA8 7DB,E05013545,
SW1A 1AA,E05000644,
"""


def load_sample_postcodes() -> int:
    """Load the sample as `townhall load_postcodes` would (the last two are skipped)."""
    borough = Borough.objects.get(ons_code="E09000003")
    lines = SAMPLE.splitlines(keepends=True)
    return load_postcodes(borough, lines, neighbour_lines=lines).kept
