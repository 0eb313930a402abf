"""The work-plan ledger (工作要点台账): import a year's plan from its document, follow every task."""
