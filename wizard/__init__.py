from . import interaction_mail_compose
