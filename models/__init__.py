from . import interaction_contact_tag
from . import interaction_exchange_type
from . import interaction_case
from . import interaction_case_contact
from . import interaction_communication
from . import res_config_settings
