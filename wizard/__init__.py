from . import interaction_direct_message_wizard
