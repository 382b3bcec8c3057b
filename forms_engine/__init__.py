"""Editor-built, prefilled multi-step forms (definitions, logic, wizard, submissions, receipts)."""
