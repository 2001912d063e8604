# Odoo's test runner (--test-enable) runs the modules imported here.
# Run by pytest only (plain pytest functions, not unittest cases):
# - test_concurrency_workers: a multi-worker Odoo in another process;
# - test_module.test_uninstall_cleanly: uninstalls from a copy of the
#   database (test_module's TestModule is a unittest case, imported below).
from . import test_bad_input_xmlrpc
from . import test_browser_agent
from . import test_browser_portal
from . import test_browser_telephony
from . import test_case_access
from . import test_case_contacts
from . import test_case_core
from . import test_case_filters
from . import test_case_panel
from . import test_case_performance
from . import test_case_xmlrpc
from . import test_communication
from . import test_contact_wizard
from . import test_contacts
from . import test_contacts_xmlrpc
from . import test_desk
from . import test_i18n
from . import test_mail_concurrency
from . import test_mail_gateway
from . import test_mail_incoming
from . import test_mail_outgoing
from . import test_mail_xmlrpc
from . import test_module
from . import test_portal
from . import test_portal_notifications
from . import test_access_attacks
from . import test_access_matrix
from . import test_portal_attachments
from . import test_browser_portal_phone
from . import test_telephony
from . import test_telephony_xmlrpc
from . import test_browser_case_merge
from . import test_canned_response
from . import test_case_content_search
from . import test_case_merge
from . import test_case_split
from . import test_contact_merge
from . import test_personal_data
from . import test_service_levels
from . import test_service_reporting
from . import test_case_rating
from . import test_browser_service_levels
from . import test_contact_duplicates
from . import test_browser_case_operations
from . import test_mail_drafts
from . import test_browser_desk
from . import test_mail_scheduled_failure
