from . import qms_steering_committee, qms_steering_member, res_company, res_config_settings
