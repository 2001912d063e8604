from . import interaction_contact_wizard
from . import interaction_contact_wizard_address
from . import interaction_contact_wizard_interaction_address
from . import interaction_contact_wizard_attribute
from . import interaction_case_contact_create
from . import interaction_mail_compose
from . import interaction_direct_message_wizard
from . import interaction_contact_wizard_telephony
