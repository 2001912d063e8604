from . import portal
from . import bus
from . import personal_data
from . import portal_rating
