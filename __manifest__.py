# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Interaction Tracker",
    "summary": "Track calls, exchanges, e-mails and portal messages on customer cases",
    "version": "11.0.1.1.0",
    "category": "Interaction Tracker",
    "website": "https://github.com/interaction-tracker/interaction_tracker",
    "author": "Interaction Tracker developers",
    "maintainers": ["interaction-tracker"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "application": True,
    "installable": True,
    "depends": ["mail", "portal", "contacts", "project", "crm", "resource", "rating", "board"],
    "external_dependencies": {"python": ["phonenumbers", "email_validator"]},
    "data": [
        "security/interaction_tracker_security.xml",
        "security/ir.model.access.csv",
        "data/interaction_case_data.xml",
        "data/interaction_contact_tag_data.xml",
        "data/interaction_exchange_type_data.xml",
        "views/interaction_tracker_menus.xml",
        "views/interaction_case_views.xml",
        "views/interaction_communication_views.xml",
        # contacts
        "data/interaction_address_type_data.xml",
        "views/res_partner_views.xml",
        "views/interaction_address_views.xml",
        "views/interaction_attribute_views.xml",
        "views/interaction_address_type_views.xml",
        "wizard/interaction_contact_wizard_views.xml",
        # cases: exchanges panel, contacts card, partner smart button
        "views/interaction_case_assets.xml",
        "views/res_partner_case_views.xml",
        "wizard/interaction_case_contact_create_views.xml",
        # e-mail: composer, outgoing mail, mail gateway
        "data/interaction_mail_data.xml",
        "wizard/interaction_mail_compose_views.xml",
        "views/interaction_communication_mail_views.xml",
        "views/interaction_case_mail_views.xml",
        "views/interaction_blocked_address_views.xml",
        "views/interaction_unhandled_mail_views.xml",
        # customer portal and direct messages
        "wizard/interaction_direct_message_wizard_views.xml",
        "views/interaction_direct_message_views.xml",
        "views/res_config_settings_views.xml",
        "views/res_config_settings_mail_views.xml",
        "views/interaction_case_portal_templates.xml",
        # telephony: screen-pop, click-to-call, call follow-up
        "data/interaction_telephony_data.xml",
        "views/interaction_telephony_views.xml",
        # the desk: exchanges list colours, confirmations, configuration menus
        "views/interaction_desk_views.xml",
        "views/interaction_mail_draft_views.xml",
        # case operations: merge, split, content search, canned responses
        "wizard/interaction_case_merge_views.xml",
        "wizard/interaction_canned_response_views.xml",
        "views/interaction_case_operations_views.xml",
        "views/res_partner_personal_data_views.xml",
        "wizard/base_partner_merge_automatic_wizard_views.xml",
        # service levels: teams, SLA, satisfaction, reporting
        "security/interaction_service_security.xml",
        "data/interaction_service_data.xml",
        "views/interaction_team_views.xml",
        "views/interaction_case_service_views.xml",
        "views/interaction_case_rating_templates.xml",
        "views/interaction_service_assets.xml",
        "views/interaction_dashboard_views.xml",
    ],
    "uninstall_hook": "uninstall_hook",
    "demo": [
        "demo/interaction_demo_french.xml",
        "demo/res_partner_demo.xml",
        "demo/res_users_demo.xml",
        "demo/interaction_case_demo.xml",
        # customer portal and direct messages
        "demo/ir_config_parameter_demo.xml",
        # case operations
        "demo/mail_shortcode_demo.xml",
        # service levels
        "demo/interaction_team_demo.xml",
    ],
}
