from . import portal
from . import personal_data
