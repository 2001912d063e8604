from . import interaction_address_type
from . import interaction_attribute
from . import interaction_attribute_value
from . import res_partner
from . import interaction_address
