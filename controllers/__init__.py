from . import portal
from . import bus
