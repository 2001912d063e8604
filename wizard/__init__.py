from . import interaction_case_contact_create
