from typing import Any

from starlette.middleware import Middleware

from odoo import fields, models

APP = "qms_tthc"


class FastapiEndpoint(models.Model):
    """The TTHC exchange API as an app of the OCA fastapi addon: its routers, its description
    in the OpenAPI document and its answer to invalid requests."""

    _inherit = "fastapi.endpoint"

    app = fields.Selection(selection_add=[(APP, "TTHC Exchange API")], ondelete={APP: "cascade"})

    def _get_fastapi_routers(self):
        if self.app == APP:
            from ..routers import router  # noqa: PLC0415  (the routers import the models)

            return [router]
        return super()._get_fastapi_routers()

    def _get_fastapi_app_middlewares(self):
        middlewares = super()._get_fastapi_app_middlewares()
        if self.app == APP:
            from ..routers.errors import ValidationErrorMiddleware  # noqa: PLC0415

            middlewares.append(Middleware(ValidationErrorMiddleware))
        return middlewares

    def _prepare_fastapi_app_params(self) -> dict[str, Any]:
        params = super()._prepare_fastapi_app_params()
        if self.app == APP:
            params["version"] = "1.0.0"
        return params
