"""QR code for authenticator apps, as an SVG data URI (no external service, CSP-safe)."""
import base64

import segno


def qr_data_uri(uri: str) -> str:
    svg = segno.make(uri, error="m").svg_inline(scale=4)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
