"""QR code for authenticator apps, as an SVG data URI (no external service, CSP-safe)."""
import base64
import io

import segno


def qr_data_uri(uri: str) -> str:
    # A standalone SVG document (with its xmlns): an <img> does not render the namespace-less inline form.
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", scale=4, xmldecl=False)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
