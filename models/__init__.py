from . import interaction_contact_tag
from . import interaction_exchange_type
from . import interaction_case
from . import interaction_case_contact
from . import interaction_communication
from . import interaction_blocked_address
from . import interaction_unhandled_mail
from . import mail_thread
