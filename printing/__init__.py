"""Labels as bytes: one label description, ZPL and PDF renderers, Code 128, the scan
sheet, and transports to printers. No database and no Qt."""
