"""Import and export of the key-person register (CSV as Dutch Excel writes it, and XLSX)."""
