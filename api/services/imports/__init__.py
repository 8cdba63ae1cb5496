"""Bulk import of values, units and users from CSV, XLSX and JSON files."""
