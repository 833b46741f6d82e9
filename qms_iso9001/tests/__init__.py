from . import test_security, test_settings, test_steering_committee, test_translations, test_ui
