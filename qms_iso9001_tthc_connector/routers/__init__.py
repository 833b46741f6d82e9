from .tthc_v1 import router
