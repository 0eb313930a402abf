"""The work-plan ledger (工作要点台账): a year's plan imported from its document, followed up."""
